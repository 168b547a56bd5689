import type { Me } from './api';
import { ROUTES, navigationPathOf, routeOf } from './routes';

const person = (roles: string[], operator = false): Me => ({
  subject: 's',
  username: 'u',
  displayName: 'U',
  operator,
  roles,
  commune: operator ? undefined : { insee: '67131', name: 'Eschau', status: 'ACTIVE' },
});

const pages = (me: Me) => ROUTES.filter((r) => r.nav && r.allowed(me)).map((r) => r.path);

describe('routes by role', () => {
  it('offers the communes pages to the DSI operator only', () => {
    expect(pages(person(['platform-operator'], true))).toEqual(['/', '/catalogue', '/communes']);
    expect(pages(person(['commune-admin']))).toEqual(['/', '/catalogue', '/abonnements', '/journal']);
    expect(pages(person(['agent']))).toEqual(['/', '/catalogue', '/abonnements']);
    expect(routeOf('/communes/67482')?.route.allowed(person(['commune-admin']))).toBe(false);
  });

  it('resolves paths with or without a trailing slash, and parameters', () => {
    expect(routeOf('/catalogue/')?.route.path).toBe('/catalogue');
    expect(routeOf('/inconnu')).toBeUndefined();
    expect(routeOf('/communes/67482')?.params).toEqual({ insee: '67482' });
    expect(routeOf('/communes/nouvelle')?.route.path).toBe('/communes/nouvelle');
    expect(routeOf('/communes/')?.route.path).toBe('/communes');
  });

  it('highlights the navigation entry of a detail page', () => {
    expect(navigationPathOf('/communes/67482')).toBe('/communes');
    expect(navigationPathOf('/catalogue')).toBe('/catalogue');
    expect(navigationPathOf('/nulle-part')).toBeUndefined();
  });
});
