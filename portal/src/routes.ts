// The portal's pages and who sees them.
import type { Me } from './api';
import { canTransfer, readsIntegrity, takesPartInDisposals } from './archive';
import { readsCommuneBilling, readsStatements } from './billing';
import { managesConnectors } from './integration';

export interface RouteDef {
  /** Path pattern; `:name` segments are parameters. */
  path: string;
  label: string;
  /** Whether the page is offered to this person. */
  allowed: (me: Me) => boolean;
  /** Shown in the main navigation. */
  nav: boolean;
}

export interface RouteMatch {
  route: RouteDef;
  params: Record<string, string>;
}

const communeMember = (me: Me) => !me.operator && !!me.commune;
const communeAdmin = (me: Me) => communeMember(me) && me.roles.includes('commune-admin');
const operator = (me: Me) => me.operator;
/** Roles that may change documents (the API's writers); the GED's other readers (elected officials) only read. */
const GED_WRITER_ROLES = ['commune-admin', 'agent', 'manager'];
const gedWriter = (me: Me) => communeMember(me) && GED_WRITER_ROLES.some((r) => me.roles.includes(r));

export const ROUTES: RouteDef[] = [
  { path: '/', label: 'Accueil', allowed: () => true, nav: true },
  { path: '/catalogue', label: 'Catalogue des services', allowed: () => true, nav: true },
  { path: '/abonnements', label: 'Abonnements', allowed: communeMember, nav: true },
  { path: '/documents', label: 'Documents', allowed: communeMember, nav: true },
  { path: '/documents/recherche', label: 'Rechercher des documents', allowed: communeMember, nav: false },
  { path: '/documents/corbeille', label: 'Corbeille', allowed: gedWriter, nav: false },
  { path: '/documents/partage/:token', label: 'Document partagé', allowed: communeMember, nav: false },
  { path: '/documents/dossiers/:folderId', label: 'Bibliothèque de documents', allowed: communeMember, nav: false },
  { path: '/documents/:id', label: 'Document', allowed: communeMember, nav: false },
  { path: '/parapheur', label: 'Parapheur', allowed: communeMember, nav: true },
  { path: '/parapheur/nouveau', label: 'Soumettre un document', allowed: communeMember, nav: false },
  { path: '/parapheur/dossiers/:id', label: 'Dossier du parapheur', allowed: communeMember, nav: false },
  { path: '/parapheur/circuits', label: 'Circuits de signature', allowed: communeAdmin, nav: false },
  { path: '/parapheur/delegations', label: 'Délégations de signature', allowed: communeMember, nav: false },
  { path: '/archives', label: 'Archives', allowed: communeMember, nav: true },
  { path: '/archives/verser', label: 'Verser aux archives', allowed: canTransfer, nav: false },
  { path: '/archives/unites/:id', label: "Unité d'archives", allowed: communeMember, nav: false },
  { path: '/archives/eliminations', label: 'Éliminations', allowed: takesPartInDisposals, nav: false },
  { path: '/archives/eliminations/:id', label: "Proposition d'élimination", allowed: takesPartInDisposals, nav: false },
  { path: '/archives/referentiel', label: "Référentiel d'archivage", allowed: communeMember, nav: false },
  { path: '/archives/integrite', label: 'Intégrité des archives', allowed: readsIntegrity, nav: false },
  { path: '/conges', label: 'Mes congés', allowed: communeMember, nav: true },
  { path: '/conges/nouvelle', label: 'Demander un congé', allowed: communeMember, nav: false },
  { path: '/conges/calendrier', label: 'Calendrier d’équipe', allowed: communeMember, nav: false },
  { path: '/conges/:id', label: 'Demande de congé', allowed: communeMember, nav: false },
  { path: '/missions', label: 'Mes ordres de mission', allowed: communeMember, nav: true },
  { path: '/missions/nouveau', label: 'Demander un ordre de mission', allowed: communeMember, nav: false },
  { path: '/missions/:id', label: 'Ordre de mission', allowed: communeMember, nav: false },
  { path: '/taches', label: 'Mes tâches', allowed: communeMember, nav: true },
  { path: '/procedures/reglages', label: 'Réglages des procédures', allowed: communeAdmin, nav: false },
  { path: '/signatures/validation', label: 'Valider une signature', allowed: () => true, nav: true },
  { path: '/communes', label: 'Communes', allowed: operator, nav: true },
  { path: '/communes/nouvelle', label: 'Enregistrer une commune', allowed: operator, nav: false },
  { path: '/communes/:insee', label: 'Commune', allowed: operator, nav: false },
  { path: '/procedures', label: 'Procédures des communes', allowed: operator, nav: true },
  { path: '/dsi/archives', label: 'Intégrité des archives', allowed: operator, nav: true },
  { path: '/dsi/echanges', label: 'Messages en échec des communes', allowed: operator, nav: true },
  { path: '/connecteurs', label: 'Connecteurs', allowed: managesConnectors, nav: true },
  { path: '/connecteurs/echanges', label: 'Suivi des échanges', allowed: managesConnectors, nav: false },
  { path: '/connecteurs/agents', label: 'Import des agents (RH)', allowed: managesConnectors, nav: false },
  { path: '/connecteurs/agents/:id', label: 'Import des agents', allowed: managesConnectors, nav: false },
  { path: '/tableau-de-bord', label: 'Tableau de bord', allowed: readsCommuneBilling, nav: true },
  { path: '/facturation', label: 'États d’utilisation', allowed: readsCommuneBilling, nav: true },
  { path: '/facturation/etats/:id', label: 'État d’utilisation', allowed: readsStatements, nav: false },
  { path: '/tarifs', label: 'Tarifs', allowed: readsCommuneBilling, nav: false },
  { path: '/journal', label: "Journal d'audit", allowed: communeAdmin, nav: true },
  { path: '/dsi/facturation', label: 'Facturation', allowed: operator, nav: true },
  { path: '/dsi/tarifs', label: 'Tarifs', allowed: operator, nav: true },
  { path: '/dsi/simulation', label: 'Simulation budgétaire', allowed: operator, nav: true },
  { path: '/dsi/tableau-de-bord', label: 'Tableau de bord métropolitain', allowed: operator, nav: true },
];

/** The route of a path (trailing slash ignored), with its parameters; undefined if unknown. */
export function routeOf(path: string): RouteMatch | undefined {
  const normalized = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  const segments = normalized.split('/');
  for (const route of ROUTES) {
    const pattern = route.path.split('/');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((p, i) => {
      if (p.startsWith(':')) {
        params[p.slice(1)] = decodeURIComponent(segments[i]);
        return segments[i].length > 0;
      }
      return p === segments[i];
    });
    if (matches) return { route, params };
  }
  return undefined;
}

/**
 * Pages that belong to a navigation entry other than their path's parent: the procedures' settings to « Mes congés »,
 * the commune's tariffs to « États d’utilisation », a statement to the DSI's « Facturation » for the DSI (the first
 * entry the person is offered).
 */
const NAVIGATION_PARENT: Record<string, string[]> = {
  '/procedures/reglages': ['/conges'],
  '/tarifs': ['/facturation'],
  '/facturation/etats/:id': ['/facturation', '/dsi/facturation'],
};

/** The navigation entry a path belongs to (a commune's page belongs to "Communes"), among those `me` is offered if given. */
export function navigationPathOf(path: string, me?: Me): string | undefined {
  const match = routeOf(path);
  if (!match) return undefined;
  if (match.route.nav) return match.route.path;
  const offered = (p: string) => !me || ROUTES.some((r) => r.path === p && r.nav && r.allowed(me));
  const parent = NAVIGATION_PARENT[match.route.path]?.find(offered);
  if (parent) return parent;
  return ROUTES.filter((r) => r.nav && r.path !== '/' && match.route.path.startsWith(r.path + '/') && offered(r.path)).map((r) => r.path)[0];
}

export function isCommuneAdmin(me: Me): boolean {
  return communeAdmin(me);
}

export function isCommuneMember(me: Me): boolean {
  return communeMember(me);
}

export function isGedWriter(me: Me): boolean {
  return gedWriter(me);
}

/**
 * A portal path written as a hash route (`/#/documents/partage/…`, as links may have been shared) → the portal's
 * path (`/documents/partage/…`); undefined for any other hash (such as the skip link's `#contenu`).
 */
export function pathOfHashRoute(hash: string): string | undefined {
  return hash.startsWith('#/') ? hash.slice(1) : undefined;
}
