import type { Me } from './api';
import { ROUTES, isGedWriter, navigationPathOf, pathOfHashRoute, routeOf } from './routes';
import { ROLE_LABELS } from './format';

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
    expect(pages(person(['platform-operator'], true))).toEqual([
      '/',
      '/catalogue',
      '/signatures/validation',
      '/communes',
      '/procedures',
      '/dsi/archives',
      '/dsi/echanges',
      '/dsi/facturation',
      '/dsi/tarifs',
      '/dsi/simulation',
      '/dsi/tableau-de-bord',
    ]);
    expect(routeOf('/procedures')?.route.allowed(person(['commune-admin']))).toBe(false);
    expect(routeOf('/procedures/reglages')?.route.path).toBe('/procedures/reglages');
    expect(pages(person(['commune-admin']))).toEqual([
      '/',
      '/catalogue',
      '/abonnements',
      '/documents',
      '/parapheur',
      '/archives',
      '/conges',
      '/missions',
      '/taches',
      '/signatures/validation',
      '/connecteurs',
      '/tableau-de-bord',
      '/facturation',
      '/journal',
    ]);
    expect(pages(person(['agent']))).toEqual(['/', '/catalogue', '/abonnements', '/documents', '/parapheur', '/archives', '/conges', '/missions', '/taches', '/signatures/validation']);
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

  it('offers the GED to the commune’s people; only writers change documents and see the trash', () => {
    const official = person(['elected-official']);
    expect(pages(official)).toContain('/documents');
    expect(isGedWriter(official)).toBe(false);
    expect(routeOf('/documents/corbeille')?.route.allowed(official)).toBe(false);
    expect(isGedWriter(person(['agent']))).toBe(true);
    expect(isGedWriter(person(['manager']))).toBe(true);
    expect(routeOf('/documents/corbeille')?.route.allowed(person(['agent']))).toBe(true);
    expect(routeOf('/documents')?.route.allowed(person(['platform-operator'], true))).toBe(false);
  });

  it('resolves the GED pages, named pages before a document’s id', () => {
    expect(routeOf('/documents/recherche')?.route.path).toBe('/documents/recherche');
    expect(routeOf('/documents/corbeille')?.route.path).toBe('/documents/corbeille');
    expect(routeOf('/documents/partage/tok_EN-1')?.params).toEqual({ token: 'tok_EN-1' });
    expect(routeOf('/documents/dossiers/f-1')?.params).toEqual({ folderId: 'f-1' });
    expect(routeOf('/documents/0b1c2d3e-0000-4000-8000-000000000001')?.route.path).toBe('/documents/:id');
    expect(navigationPathOf('/documents/partage/abc')).toBe('/documents');
    expect(navigationPathOf('/documents/dossiers/f-1')).toBe('/documents');
  });

  it('offers the parapheur to the commune’s people, its circuits to administrators, the validation to everyone', () => {
    const operatorPerson = person(['platform-operator'], true);
    expect(routeOf('/parapheur')?.route.allowed(operatorPerson)).toBe(false);
    expect(routeOf('/parapheur/nouveau')?.route.path).toBe('/parapheur/nouveau');
    expect(routeOf('/parapheur/dossiers/0b1c2d3e-0000-4000-8000-000000000001')?.params).toEqual({ id: '0b1c2d3e-0000-4000-8000-000000000001' });
    expect(routeOf('/parapheur/circuits')?.route.allowed(person(['commune-admin']))).toBe(true);
    expect(routeOf('/parapheur/circuits')?.route.allowed(person(['agent']))).toBe(false);
    expect(routeOf('/parapheur/delegations')?.route.allowed(person(['elected-official']))).toBe(true);
    expect(routeOf('/signatures/validation')?.route.allowed(operatorPerson)).toBe(true);
    expect(navigationPathOf('/parapheur/dossiers/abc')).toBe('/parapheur');
    expect(navigationPathOf('/parapheur/circuits')).toBe('/parapheur');
    expect(navigationPathOf('/signatures/validation')).toBe('/signatures/validation');
  });

  it('offers the leave pages and the tasks to the commune’s people, the procedures’ settings to administrators', () => {
    const operatorPerson = person(['platform-operator'], true);
    expect(routeOf('/conges')?.route.allowed(operatorPerson)).toBe(false);
    expect(routeOf('/taches')?.route.allowed(person(['elected-official']))).toBe(true);
    expect(routeOf('/conges/nouvelle')?.route.path).toBe('/conges/nouvelle');
    expect(routeOf('/conges/calendrier')?.route.path).toBe('/conges/calendrier');
    expect(routeOf('/conges/0b1c2d3e-0000-4000-8000-000000000001')?.params).toEqual({ id: '0b1c2d3e-0000-4000-8000-000000000001' });
    expect(routeOf('/procedures/reglages')?.route.allowed(person(['commune-admin']))).toBe(true);
    expect(routeOf('/procedures/reglages')?.route.allowed(person(['agent', 'manager']))).toBe(false);
    expect(navigationPathOf('/conges/calendrier')).toBe('/conges');
    expect(navigationPathOf('/conges/abc')).toBe('/conges');
    expect(navigationPathOf('/procedures/reglages')).toBe('/conges');
    expect(navigationPathOf('/taches')).toBe('/taches');
  });

  it('offers the mission orders to the commune’s people, after « Mes congés »', () => {
    const agent = person(['agent']);
    const list = pages(agent);
    expect(list.slice(list.indexOf('/conges'), list.indexOf('/conges') + 3)).toEqual(['/conges', '/missions', '/taches']);
    expect(ROUTES.find((r) => r.path === '/missions')?.label).toBe('Mes ordres de mission');
    expect(routeOf('/missions')?.route.allowed(person(['platform-operator'], true))).toBe(false);
    expect(routeOf('/missions/nouveau')?.route.path).toBe('/missions/nouveau');
    expect(routeOf('/missions/0b1c2d3e-0000-4000-8000-000000000001')?.params).toEqual({ id: '0b1c2d3e-0000-4000-8000-000000000001' });
    expect(routeOf('/missions/nouveau')?.route.allowed(person(['elected-official']))).toBe(true);
    expect(navigationPathOf('/missions/nouveau')).toBe('/missions');
    expect(navigationPathOf('/missions/abc')).toBe('/missions');
  });

  it('offers the archives to the commune’s people, each page to the roles that use it', () => {
    const agent = person(['agent']);
    const official = person(['elected-official']);
    const admin = person(['commune-admin']);
    const archivist = person(['archivist']);
    const operatorPerson = person(['platform-operator'], true);
    const allowed = (path: string, me: Me) => routeOf(path)?.route.allowed(me);
    expect(ROUTES.find((r) => r.path === '/archives')?.label).toBe('Archives');
    expect(pages(archivist)).toContain('/archives');
    expect(pages(official)).toContain('/archives');
    expect(pages(operatorPerson)).not.toContain('/archives');
    // transfers: the GED's writers
    expect(allowed('/archives/verser', agent)).toBe(true);
    expect(allowed('/archives/verser', person(['manager']))).toBe(true);
    expect(allowed('/archives/verser', admin)).toBe(true);
    expect(allowed('/archives/verser', official)).toBe(false);
    expect(allowed('/archives/verser', archivist)).toBe(false);
    // units and referential: every commune member
    expect(routeOf('/archives/unites/0b1c2d3e-0000-4000-8000-000000000001')?.params).toEqual({ id: '0b1c2d3e-0000-4000-8000-000000000001' });
    expect(allowed('/archives/unites/u-1', official)).toBe(true);
    expect(allowed('/archives/unites/u-1', operatorPerson)).toBe(false);
    expect(allowed('/archives/referentiel', agent)).toBe(true);
    // disposals: the administrator and the archives authority
    expect(allowed('/archives/eliminations', admin)).toBe(true);
    expect(allowed('/archives/eliminations', archivist)).toBe(true);
    expect(allowed('/archives/eliminations', agent)).toBe(false);
    expect(routeOf('/archives/eliminations/p-1')?.params).toEqual({ id: 'p-1' });
    expect(allowed('/archives/eliminations/p-1', archivist)).toBe(true);
    expect(allowed('/archives/eliminations/p-1', official)).toBe(false);
    // integrity: the administrator and the elected officials; the DSI on its own page
    expect(allowed('/archives/integrite', admin)).toBe(true);
    expect(allowed('/archives/integrite', official)).toBe(true);
    expect(allowed('/archives/integrite', agent)).toBe(false);
    expect(allowed('/archives/integrite', operatorPerson)).toBe(false);
    expect(allowed('/dsi/archives', operatorPerson)).toBe(true);
    expect(allowed('/dsi/archives', admin)).toBe(false);
    expect(ROUTES.find((r) => r.path === '/dsi/archives')?.label).toBe('Intégrité des archives');
    for (const path of ['/archives/verser', '/archives/unites/u-1', '/archives/eliminations', '/archives/eliminations/p-1', '/archives/referentiel', '/archives/integrite']) {
      expect(navigationPathOf(path)).toBe('/archives');
    }
    expect(navigationPathOf('/dsi/archives')).toBe('/dsi/archives');
    expect(ROLE_LABELS.archivist).toBe("Autorité d'archives");
  });

  it('offers the communes’ dead letters to the DSI only, in its own navigation entry', () => {
    const operatorPerson = person(['platform-operator'], true);
    const allowed = (path: string, me: Me) => routeOf(path)?.route.allowed(me);
    expect(ROUTES.find((r) => r.path === '/dsi/echanges')).toMatchObject({ label: 'Messages en échec des communes', nav: true });
    expect(allowed('/dsi/echanges', operatorPerson)).toBe(true);
    for (const roles of [['commune-admin'], ['agent'], ['agent', 'manager'], ['elected-official'], ['archivist']]) expect(allowed('/dsi/echanges', person(roles))).toBe(false);
    expect(navigationPathOf('/dsi/echanges')).toBe('/dsi/echanges');
    expect(routeOf('/dsi/echanges/')?.route.path).toBe('/dsi/echanges');
  });

  it('offers the connectors and their exchanges to the commune’s administrator only, under « Connecteurs »', () => {
    const admin = person(['commune-admin']);
    const allowed = (path: string, me: Me) => routeOf(path)?.route.allowed(me);
    expect(ROUTES.find((r) => r.path === '/connecteurs')).toMatchObject({ label: 'Connecteurs', nav: true });
    expect(ROUTES.find((r) => r.path === '/connecteurs/echanges')).toMatchObject({ label: 'Suivi des échanges', nav: false });
    expect(pages(admin)).toContain('/connecteurs');
    for (const path of ['/connecteurs', '/connecteurs/echanges', '/connecteurs/echanges/']) {
      expect(allowed(path, admin)).toBe(true);
      for (const other of [person(['agent']), person(['agent', 'manager']), person(['elected-official']), person(['archivist']), person(['platform-operator'], true)]) {
        expect(allowed(path, other)).toBe(false);
      }
    }
    // an administrator of no commune (a DSI account carrying the role) is not offered them
    expect(allowed('/connecteurs', { ...admin, commune: undefined })).toBe(false);
    expect(pages(person(['agent']))).not.toContain('/connecteurs');
    expect(routeOf('/connecteurs/echanges')?.route.path).toBe('/connecteurs/echanges');
    expect(routeOf('/connecteurs/HR')).toBeUndefined();
    expect(navigationPathOf('/connecteurs')).toBe('/connecteurs');
    expect(navigationPathOf('/connecteurs/echanges')).toBe('/connecteurs');
  });

  it('offers the agents’ import and its reports to the same people, under « Connecteurs »', () => {
    const admin = person(['commune-admin']);
    const allowed = (path: string, me: Me) => routeOf(path)?.route.allowed(me);
    expect(ROUTES.find((r) => r.path === '/connecteurs/agents')).toMatchObject({ label: 'Import des agents (RH)', nav: false });
    expect(routeOf('/connecteurs/agents')?.route.path).toBe('/connecteurs/agents');
    expect(routeOf('/connecteurs/agents/3f2a')).toMatchObject({ route: { path: '/connecteurs/agents/:id' }, params: { id: '3f2a' } });
    for (const path of ['/connecteurs/agents', '/connecteurs/agents/', '/connecteurs/agents/3f2a']) {
      expect(allowed(path, admin)).toBe(true);
      for (const other of [person(['agent']), person(['agent', 'manager']), person(['elected-official']), person(['platform-operator'], true)]) {
        expect(allowed(path, other)).toBe(false);
      }
      expect(navigationPathOf(path)).toBe('/connecteurs');
    }
    expect(allowed('/connecteurs/agents', { ...admin, commune: undefined })).toBe(false);
  });

  it('offers the billing to the DSI, the commune’s costs to its administrator and elected officials', () => {
    const operatorPerson = person(['platform-operator'], true);
    const admin = person(['commune-admin']);
    const official = person(['elected-official']);
    const allowed = (path: string, me: Me) => routeOf(path)?.route.allowed(me);
    expect(ROUTES.find((r) => r.path === '/dsi/facturation')).toMatchObject({ label: 'Facturation', nav: true });
    expect(ROUTES.find((r) => r.path === '/dsi/tarifs')).toMatchObject({ label: 'Tarifs', nav: true });
    expect(ROUTES.find((r) => r.path === '/dsi/simulation')).toMatchObject({ label: 'Simulation budgétaire', nav: true });
    expect(ROUTES.find((r) => r.path === '/dsi/tableau-de-bord')).toMatchObject({ label: 'Tableau de bord métropolitain', nav: true });
    expect(ROUTES.find((r) => r.path === '/facturation')).toMatchObject({ label: 'États d’utilisation', nav: true });
    expect(ROUTES.find((r) => r.path === '/tableau-de-bord')).toMatchObject({ label: 'Tableau de bord', nav: true });
    expect(ROUTES.find((r) => r.path === '/tarifs')).toMatchObject({ label: 'Tarifs', nav: false });
    for (const path of ['/dsi/facturation', '/dsi/tarifs', '/dsi/simulation', '/dsi/tableau-de-bord']) {
      expect(allowed(path, operatorPerson)).toBe(true);
      for (const other of [admin, official, person(['agent']), person(['archivist'])]) expect(allowed(path, other)).toBe(false);
    }
    for (const path of ['/facturation', '/tableau-de-bord', '/tarifs']) {
      expect(allowed(path, admin)).toBe(true);
      expect(allowed(path, official)).toBe(true);
      for (const other of [person(['agent']), person(['agent', 'manager']), person(['archivist']), operatorPerson]) expect(allowed(path, other)).toBe(false);
      expect(allowed(path, { ...admin, commune: undefined })).toBe(false);
    }
    // a statement: the DSI's and the commune's readers
    expect(routeOf('/facturation/etats/0b1c2d3e-0000-4000-8000-000000000001')).toMatchObject({
      route: { path: '/facturation/etats/:id' },
      params: { id: '0b1c2d3e-0000-4000-8000-000000000001' },
    });
    expect(allowed('/facturation/etats/s-1', operatorPerson)).toBe(true);
    expect(allowed('/facturation/etats/s-1', official)).toBe(true);
    expect(allowed('/facturation/etats/s-1', person(['agent']))).toBe(false);
    // the navigation entry: the commune's « États d’utilisation », the DSI's « Facturation »
    expect(navigationPathOf('/facturation/etats/s-1')).toBe('/facturation');
    expect(navigationPathOf('/facturation/etats/s-1', admin)).toBe('/facturation');
    expect(navigationPathOf('/facturation/etats/s-1', operatorPerson)).toBe('/dsi/facturation');
    expect(navigationPathOf('/tarifs', official)).toBe('/facturation');
    expect(navigationPathOf('/dsi/tarifs', operatorPerson)).toBe('/dsi/tarifs');
    expect(navigationPathOf('/procedures/reglages', admin)).toBe('/conges');
    expect(navigationPathOf('/communes/67482', operatorPerson)).toBe('/communes');
  });

  it('turns hash-route links into portal paths, other hashes being left alone', () => {
    expect(pathOfHashRoute('#/documents/partage/abc')).toBe('/documents/partage/abc');
    expect(pathOfHashRoute('#contenu')).toBeUndefined();
    expect(pathOfHashRoute('')).toBeUndefined();
  });
});
