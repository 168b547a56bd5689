// The portal's pages and who sees them.
import type { Me } from './api';

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

export const ROUTES: RouteDef[] = [
  { path: '/', label: 'Accueil', allowed: () => true, nav: true },
  { path: '/catalogue', label: 'Catalogue des services', allowed: () => true, nav: true },
  { path: '/abonnements', label: 'Abonnements', allowed: communeMember, nav: true },
  { path: '/communes', label: 'Communes', allowed: operator, nav: true },
  { path: '/communes/nouvelle', label: 'Enregistrer une commune', allowed: operator, nav: false },
  { path: '/communes/:insee', label: 'Commune', allowed: operator, nav: false },
  { path: '/journal', label: "Journal d'audit", allowed: communeAdmin, nav: true },
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

/** The navigation entry a path belongs to (a commune's page belongs to "Communes"). */
export function navigationPathOf(path: string): string | undefined {
  const match = routeOf(path);
  if (!match) return undefined;
  if (match.route.nav) return match.route.path;
  return ROUTES.filter((r) => r.nav && r.path !== '/' && match.route.path.startsWith(r.path + '/')).map((r) => r.path)[0];
}

export function isCommuneAdmin(me: Me): boolean {
  return communeAdmin(me);
}
