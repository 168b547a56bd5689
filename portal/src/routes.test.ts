import type { Me } from './api';
import { ROUTES, routeOf } from './routes';

const person = (roles: string[], operator = false): Me => ({
  subject: 's',
  username: 'u',
  displayName: 'U',
  operator,
  roles,
  commune: operator ? undefined : { insee: '67131', name: 'Eschau', status: 'ACTIVE' },
});

const pages = (me: Me) => ROUTES.filter((r) => r.allowed(me)).map((r) => r.path);

describe('routes by role', () => {
  it('offers the communes page to the DSI operator only', () => {
    expect(pages(person(['platform-operator'], true))).toEqual(['/', '/catalogue', '/communes']);
    expect(pages(person(['commune-admin']))).toEqual(['/', '/catalogue', '/abonnements', '/journal']);
    expect(pages(person(['agent']))).toEqual(['/', '/catalogue', '/abonnements']);
  });

  it('resolves paths with or without a trailing slash', () => {
    expect(routeOf('/catalogue/')?.path).toBe('/catalogue');
    expect(routeOf('/inconnu')).toBeUndefined();
  });
});
