import type { Me } from './api';
import {
  CONNECTOR_LABEL,
  DIRECTION_LABEL,
  EXCHANGE_STATUS_LABEL,
  IntegrationApi,
  TRANSPORTS,
  connectorNoun,
  connectorProblems,
  connectorRequest,
  draftOf,
  durationText,
  exchangeCountText,
  exchangeFilterOf,
  exchangesHref,
  exchangesPath,
  failedStep,
  flowLabel,
  managesConnectors,
  mappingsProblem,
  messageCount,
  messagesPath,
  prettyMappings,
  scheduleText,
  stepOutcome,
  summaryEntries,
  summaryOf,
  testSummary,
  type Connector,
  type ConnectorDraft,
  type TestReport,
} from './integration';

const connector = (overrides: Partial<Connector> = {}): Connector => ({
  kind: 'HR',
  transport: 'REST',
  endpoint: 'https://rh.wissembourg.fr/api',
  username: 'metrocloud',
  secretSet: true,
  scheduleMinutes: 60,
  mappings: '{}',
  enabled: true,
  ...overrides,
});

const draft = (overrides: Partial<ConnectorDraft> = {}): ConnectorDraft => ({ ...draftOf(connector()), ...overrides });

describe('the API’s paths', () => {
  it('asks for the messages of a status, and the exchange log with its criteria only', () => {
    expect(messagesPath('DEAD')).toBe('/integration/messages?status=DEAD&limit=100');
    expect(messagesPath(undefined, 20)).toBe('/integration/messages?limit=20');
    expect(exchangesPath()).toBe('/integration/exchanges?limit=100');
    expect(exchangesPath({ flow: 'leave.approved', status: 'FAILED' })).toBe('/integration/exchanges?flow=leave.approved&status=FAILED&limit=100');
    expect(exchangesPath({ flow: '', status: undefined })).toBe('/integration/exchanges?limit=100');
  });

  it('calls the API with the connector’s kind, an empty JSON body for the test and no secret read back', async () => {
    const calls: [string, string, unknown][] = [];
    const api = new IntegrationApi({
      request: async <T>(method: string, path: string, body?: unknown) => {
        calls.push([method, path, body]);
        return (path === '/integration/summary' ? { PENDING: 2, DEAD: '1' } : []) as T;
      },
    } as never);
    await api.connectors();
    await api.connector('FINANCE');
    await api.save('HR', { transport: 'REST', endpoint: 'https://rh' });
    await api.remove('HR');
    await api.test('HR');
    await api.messages('PENDING');
    await api.replay('m 1');
    await api.exchanges({ status: 'DEAD' });
    expect(await api.summary()).toEqual({ PENDING: 2, SENT: 0, DEAD: 1 });
    expect(calls).toEqual([
      ['GET', '/integration/connectors', undefined],
      ['GET', '/integration/connectors/FINANCE', undefined],
      ['PUT', '/integration/connectors/HR', { transport: 'REST', endpoint: 'https://rh' }],
      ['DELETE', '/integration/connectors/HR', undefined],
      ['POST', '/integration/connectors/HR/test', {}],
      ['GET', '/integration/messages?status=PENDING&limit=100', undefined],
      ['POST', '/integration/messages/m%201/replay', undefined],
      ['GET', '/integration/exchanges?status=DEAD&limit=100', undefined],
      ['GET', '/integration/summary', undefined],
    ]);
  });

  it('reads the counts safely', () => {
    expect(summaryOf({ PENDING: 3, SENT: 12, DEAD: 1 })).toEqual({ PENDING: 3, SENT: 12, DEAD: 1 });
    expect(summaryOf(null)).toEqual({ PENDING: 0, SENT: 0, DEAD: 0 });
    expect(summaryOf({ PENDING: -1, SENT: 'x' })).toEqual({ PENDING: 0, SENT: 0, DEAD: 0 });
    expect(summaryEntries({ PENDING: 3, SENT: 12, DEAD: 1 })).toEqual([
      ['En attente', 3, 'PENDING'],
      ['Envoyés', 12, 'SENT'],
      ['En échec', 1, 'DEAD'],
    ]);
  });
});

describe('the exchange log’s criteria in the page’s address', () => {
  it('keeps a known status and a well-formed flow, nothing else', () => {
    expect(exchangeFilterOf(new URLSearchParams('flow=leave.approved&status=DEAD'))).toEqual({ flow: 'leave.approved', status: 'DEAD' });
    expect(exchangeFilterOf(new URLSearchParams('flow=Robert%27);DROP&status=LOST'))).toEqual({});
    expect(exchangeFilterOf(new URLSearchParams('flow=%20&status='))).toEqual({});
    expect(exchangeFilterOf(new URLSearchParams('flow=payroll.closed'))).toEqual({ flow: 'payroll.closed' });
  });

  it('writes the portal’s address of a filtered log', () => {
    expect(exchangesHref()).toBe('/connecteurs/echanges');
    expect(exchangesHref({ status: 'SENT' })).toBe('/connecteurs/echanges?status=SENT');
    expect(exchangesHref({ flow: 'mission.signed', status: 'REPLAYED' })).toBe('/connecteurs/echanges?flow=mission.signed&status=REPLAYED');
  });
});

describe('French labels', () => {
  it('names the connectors, transports, flows, directions and statuses', () => {
    expect(CONNECTOR_LABEL).toEqual({ HR: 'Logiciel RH', FINANCE: 'Logiciel financier' });
    expect(connectorNoun('HR')).toBe('logiciel RH');
    expect(connectorNoun('FINANCE')).toBe('logiciel financier');
    expect(connectorNoun('GED')).toBe('connecteur GED');
    expect(TRANSPORTS.map((t) => t.label)).toEqual(['REST (HTTPS/JSON)', 'SFTP (fichiers CSV)']);
    expect(flowLabel('leave.approved')).toBe('Congé accordé');
    expect(flowLabel('leave.cancelled')).toBe('Congé annulé');
    expect(flowLabel('mission.signed')).toBe('Ordre de mission signé');
    expect(flowLabel('mission.expenses-approved')).toBe('Frais de mission à rembourser');
    expect(flowLabel('payroll.closed')).toBe('payroll.closed');
    expect(DIRECTION_LABEL).toEqual({ OUT: 'Envoi', IN: 'Réception' });
    expect(EXCHANGE_STATUS_LABEL).toEqual({ SENT: 'Envoyé', FAILED: 'Échec (nouvel essai prévu)', DEAD: 'Échec définitif', REPLAYED: 'Rejoué', RECEIVED: 'Reçu' });
  });

  it('says durations, schedules and counts in French', () => {
    expect(durationText(null)).toBe('—');
    expect(durationText(850)).toBe('850\u00a0ms');
    expect(durationText(1234)).toBe('1,2\u00a0s');
    expect(scheduleText(15)).toBe('Toutes les 15 minutes');
    expect(scheduleText(60)).toBe('Toutes les heures');
    expect(scheduleText(120)).toBe('Toutes les 2 heures');
    expect(scheduleText(1440)).toBe('Tous les jours');
    expect(scheduleText(10080)).toBe('Tous les 7 jours');
    expect(messageCount(0)).toBe('0 messages');
    expect(messageCount(1)).toBe('1 message');
    expect(messageCount(1200)).toBe('1\u00a0200 messages');
    expect(exchangeCountText(0)).toBe('Aucun échange');
    expect(exchangeCountText(1)).toBe('1 échange');
    expect(exchangeCountText(12)).toBe('12 échanges, les plus récents en premier');
    expect(exchangeCountText(100)).toBe('Les 100 échanges les plus récents, les plus récents en premier');
  });
});

describe('the connector form', () => {
  it('starts from the connector without its secret, or from a new REST connector', () => {
    expect(draftOf(null)).toEqual({ transport: 'REST', endpoint: '', username: '', secret: '', scheduleMinutes: '60', mappings: '{}', enabled: true });
    expect(draftOf(connector({ username: undefined, mappings: '{"matricule":"code_agent"}', enabled: false, scheduleMinutes: 15 }))).toEqual({
      transport: 'REST',
      endpoint: 'https://rh.wissembourg.fr/api',
      username: '',
      secret: '',
      scheduleMinutes: '15',
      mappings: '{\n  "matricule": "code_agent"\n}',
      enabled: false,
    });
    expect(prettyMappings(null)).toBe('{}');
    expect(prettyMappings('{ }')).toBe('{}');
    expect(prettyMappings('pas du json')).toBe('pas du json');
  });

  it('never sends an empty secret, so that the stored one is kept', () => {
    const body = connectorRequest(draft({ secret: '' }));
    expect(body).toEqual({ transport: 'REST', endpoint: 'https://rh.wissembourg.fr/api', username: 'metrocloud', scheduleMinutes: 60, mappings: '{}', enabled: true });
    expect('secret' in body).toBe(false);
    expect(JSON.stringify(body)).not.toContain('secret');
  });

  it('sends a typed secret as typed, texts trimmed, mappings compacted, an empty identifier left out', () => {
    expect(
      connectorRequest(
        draft({ transport: 'SFTP', endpoint: '  sftp://sftp.wissembourg.fr/depot ', username: '  ', secret: ' s3cret ', scheduleMinutes: ' 30', mappings: '{\n  "matricule": "code_agent"\n}', enabled: false }),
      ),
    ).toEqual({ transport: 'SFTP', endpoint: 'sftp://sftp.wissembourg.fr/depot', secret: ' s3cret ', scheduleMinutes: 30, mappings: '{"matricule":"code_agent"}', enabled: false });
    expect(connectorRequest(draft({ mappings: '  ' })).mappings).toBe('{}');
  });

  it('checks the JSON mappings in French', () => {
    expect(mappingsProblem('{}')).toBeNull();
    expect(mappingsProblem('')).toBeNull();
    expect(mappingsProblem('{"matricule": "code_agent", "leave.approved": {"type": "CA"}}')).toBeNull();
    expect(mappingsProblem('{matricule: code_agent}')).toMatch(/^Le texte n’est pas du JSON valide/);
    expect(mappingsProblem('{“matricule”: “code_agent”}')).toMatch(/guillemets droits/);
    expect(mappingsProblem('["matricule"]')).toMatch(/^Les correspondances doivent être un objet JSON/);
    expect(mappingsProblem('42')).toMatch(/^Les correspondances doivent être un objet JSON/);
    expect(mappingsProblem('null')).toMatch(/^Les correspondances doivent être un objet JSON/);
  });

  it('lists the problems of a draft before sending', () => {
    expect(connectorProblems(draft())).toEqual([]);
    expect(connectorProblems(draft({ transport: 'SFTP', endpoint: 'sftp://sftp.wissembourg.fr:2222/depot' }))).toEqual([]);
    expect(connectorProblems(draft({ endpoint: 'http://127.0.0.1:9399/rh' }))).toEqual([]);
    expect(connectorProblems(draft({ endpoint: '' }))).toEqual([['endpoint', 'Indiquez l’adresse du logiciel.']]);
    expect(connectorProblems(draft({ endpoint: 'rh.wissembourg.fr' }))).toEqual([['endpoint', 'Adresse REST attendue : https://hôte[:port]/chemin.']]);
    expect(connectorProblems(draft({ transport: 'SFTP' }))).toEqual([['endpoint', 'Adresse SFTP attendue : sftp://hôte[:port]/répertoire.']]);
    expect(connectorProblems(draft({ endpoint: 'https://metrocloud:motdepasse@rh.wissembourg.fr/api' }))[0][0]).toBe('endpoint');
    expect(connectorProblems(draft({ transport: 'FTP' }))[0][0]).toBe('transport');
    expect(connectorProblems(draft({ scheduleMinutes: '4' }))).toEqual([['scheduleMinutes', 'Indiquez un nombre entier de minutes, de 5 à 10 080 (7 jours).']]);
    expect(connectorProblems(draft({ scheduleMinutes: '10081' }))[0][0]).toBe('scheduleMinutes');
    expect(connectorProblems(draft({ scheduleMinutes: '1,5' }))[0][0]).toBe('scheduleMinutes');
    expect(connectorProblems(draft({ scheduleMinutes: '10080' }))).toEqual([]);
    expect(connectorProblems(draft({ secret: 'x'.repeat(4097) }))[0][0]).toBe('secret');
    expect(connectorProblems(draft({ endpoint: '', scheduleMinutes: '', mappings: '{' })).map(([f]) => f)).toEqual(['endpoint', 'scheduleMinutes', 'mappings']);
  });
});

describe('the connection test', () => {
  const ok: TestReport = {
    ok: true,
    steps: [
      { name: 'Résolution du nom', ok: true, detail: 'rh.wissembourg.fr → 10.0.0.5' },
      { name: 'Connexion TCP', ok: true, detail: 'rh.wissembourg.fr:443 joignable' },
      { name: 'TLS', ok: true, detail: 'Certificat du serveur accepté' },
      { name: 'Réponse HTTP', ok: true, detail: 'HTTP 200' },
    ],
  };
  const refused: TestReport = {
    ok: false,
    steps: [...ok.steps.slice(0, 3), { name: 'Authentification', ok: false, detail: 'Identifiants refusés (HTTP 401)' }],
  };

  it('says the success, or the step that failed with its detail', () => {
    expect(failedStep(ok)).toBeUndefined();
    expect(failedStep(refused)?.name).toBe('Authentification');
    expect(testSummary('HR', ok)).toBe('Connexion au logiciel RH réussie : toutes les étapes du test ont abouti.');
    expect(testSummary('HR', refused)).toBe('Échec de la connexion au logiciel RH à l’étape « Authentification » : Identifiants refusés (HTTP 401).');
    expect(testSummary('FINANCE', { ok: false, steps: [{ name: 'Serveur SSH', ok: false, detail: 'Pas un serveur SSH.' }] })).toBe(
      'Échec de la connexion au logiciel financier à l’étape « Serveur SSH » : Pas un serveur SSH.',
    );
    expect(testSummary('HR', { ok: false, steps: [] })).toBe('Échec du test de connexion au logiciel RH.');
    expect(stepOutcome(ok.steps[0])).toBe('Réussie');
    expect(stepOutcome(refused.steps[3])).toBe('Échec');
  });
});

describe('who manages the connectors', () => {
  const person = (roles: string[], operator = false): Me => ({
    subject: 's',
    username: 'u',
    displayName: 'U',
    operator,
    roles,
    commune: operator ? undefined : { insee: '67544', name: 'Wissembourg', status: 'ACTIVE' },
  });

  it('is the commune’s administrator only', () => {
    expect(managesConnectors(person(['commune-admin']))).toBe(true);
    expect(managesConnectors(person(['agent', 'manager']))).toBe(false);
    expect(managesConnectors(person(['platform-operator'], true))).toBe(false);
  });
});
