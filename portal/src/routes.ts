// The portal's pages and who sees them.
import type { Me } from './api';

export interface RouteDef {
  path: string;
  label: string;
  /** Whether the page is offered to this person. */
  allowed: (me: Me) => boolean;
}

const communeMember = (me: Me) => !me.operator && !!me.commune;
const communeAdmin = (me: Me) => communeMember(me) && me.roles.includes('commune-admin');

export const ROUTES: RouteDef[] = [
  { path: '/', label: 'Accueil', allowed: () => true },
  { path: '/catalogue', label: 'Catalogue des services', allowed: () => true },
  { path: '/abonnements', label: 'Abonnements', allowed: communeMember },
  { path: '/communes', label: 'Communes', allowed: (me) => me.operator },
  { path: '/journal', label: "Journal d'audit", allowed: communeAdmin },
];

/** The route of a path, ignoring a trailing slash; undefined if unknown. */
export function routeOf(path: string): RouteDef | undefined {
  const normalized = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return ROUTES.find((r) => r.path === normalized);
}

export function isCommuneAdmin(me: Me): boolean {
  return communeAdmin(me);
}
