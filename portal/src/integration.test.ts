import type { Me } from './api';
import {
  AGENT_COLUMNS,
  CONNECTOR_LABEL,
  DEAD_LETTERS_LIMIT,
  HEALTH_LABEL,
  HEALTH_ORDER,
  DIRECTION_LABEL,
  EXCHANGE_STATUS_LABEL,
  IMPORT_ENCODING_LABEL,
  IMPORT_SOURCE_LABEL,
  IMPORT_STATUS_LABEL,
  IntegrationApi,
  MAX_IMPORT_BYTES,
  TRANSPORTS,
  agentFileProblem,
  agentImportHref,
  agentImportPath,
  agentTemplateCsv,
  communeCount,
  communeHealthsOf,
  connectorNoun,
  connectorsSummary,
  connectorProblems,
  connectorRequest,
  deadLetterCommuneOf,
  deadLetterCountText,
  deadLettersOf,
  deadLettersPath,
  draftOf,
  dsiExchangesHref,
  durationText,
  exchangeCountText,
  exchangeFilterOf,
  exchangesHref,
  exchangesPath,
  failedStep,
  flowLabel,
  healthIsProblem,
  healthLabel,
  healthRank,
  importCountText,
  importCounts,
  importProblem,
  importReportOf,
  importReportsOf,
  importStatusLabel,
  importSummary,
  isInseeCode,
  lastExchangeText,
  lastSuccessText,
  managesConnectors,
  mappingsProblem,
  messageCount,
  messagesPath,
  pendingText,
  prettyMappings,
  replayedText,
  scheduleText,
  sortByHealth,
  stepOutcome,
  summaryEntries,
  summaryOf,
  testSummary,
  totalDead,
  type CommuneHealth,
  type Connector,
  type ConnectorDraft,
  type ImportReport,
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

describe('the agents’ import', () => {
  const report = (overrides: Partial<ImportReport> = {}): ImportReport => ({
    id: 'i-1',
    source: 'UPLOAD',
    fileName: 'agents.csv',
    sha256: 'ab12',
    encoding: 'UTF-8',
    receivedAt: '2026-12-02T10:00:00Z',
    by: 'admin.wissembourg',
    status: 'APPLIED',
    lines: 12,
    applied: 3,
    unchanged: 9,
    created: 1,
    left: 0,
    errors: [],
    ...overrides,
  });

  it('calls the API: the file’s bytes with its name in the query, the pull without a body, the list and one report', async () => {
    const calls: unknown[][] = [];
    const api = new IntegrationApi({
      request: async <T>(method: string, path: string, body?: unknown) => {
        calls.push([method, path, body]);
        return (path === '/integration/hr/imports' ? [{ id: 'i-2', status: 'APPLIED' }] : { id: 'i-1', status: 'PARTIAL' }) as T;
      },
      sendFile: async <T>(method: string, path: string, file: Blob, contentType: string) => {
        calls.push([method, path, file, contentType]);
        return { id: 'i-3', status: 'APPLIED' } as T;
      },
    } as never);
    const file = new Blob(['identifiant;nom\n']);
    expect((await api.importAgents(file, 'agents RH #1.csv')).id).toBe('i-3');
    expect((await api.pullAgents()).status).toBe('PARTIAL');
    expect((await api.agentImports()).map((r) => r.id)).toEqual(['i-2']);
    expect((await api.agentImport('i 1')).id).toBe('i-1');
    expect(calls).toEqual([
      ['POST', '/integration/hr/imports?fileName=agents%20RH%20%231.csv', file, 'text/csv'],
      ['POST', '/integration/hr/imports/pull', undefined],
      ['GET', '/integration/hr/imports', undefined],
      ['GET', '/integration/hr/imports/i%201', undefined],
    ]);
    expect(agentImportPath('é.csv')).toBe('/integration/hr/imports?fileName=%C3%A9.csv');
    expect(agentImportHref('i 1')).toBe('/connecteurs/agents/i%201');
  });

  it('reads a report safely: omitted members, counts as whole numbers, rejected lines in the file’s order', () => {
    expect(
      importReportOf({
        id: 'i-1',
        source: 'SFTP',
        fileName: 'agents.csv',
        sha256: 'ab12',
        encoding: 'MIXTE',
        receivedAt: '2026-12-02T10:00:00Z',
        by: 'hr-connector',
        status: 'PARTIAL',
        lines: 5,
        applied: '2',
        unchanged: 1.9,
        created: -1,
        left: null,
        errors: [
          { line: 7, reason: 'Courriel absent.' },
          { line: 3, identifier: 'zoe.schoenberg', reason: 'Responsable inconnu : jdupont.' },
          null,
        ],
      }),
    ).toEqual({
      id: 'i-1',
      source: 'SFTP',
      fileName: 'agents.csv',
      sha256: 'ab12',
      encoding: 'MIXTE',
      receivedAt: '2026-12-02T10:00:00Z',
      by: 'hr-connector',
      status: 'PARTIAL',
      lines: 5,
      applied: 2,
      unchanged: 1,
      created: 0,
      left: 0,
      errors: [
        { line: 3, identifier: 'zoe.schoenberg', reason: 'Responsable inconnu : jdupont.' },
        { line: 7, reason: 'Courriel absent.' },
      ],
    });
    // a summary of the list: no errors member, and a duplicate names the earlier import
    const summary = importReportOf({ id: 'i-2', status: 'DUPLICATE', duplicateOf: 'i-1', lines: 5 });
    expect('errors' in summary).toBe(false);
    expect(summary.duplicateOf).toBe('i-1');
    expect(importReportOf(null)).toMatchObject({ id: '', status: '', lines: 0 });
    expect(importReportsOf([{ id: 'a' }, { id: 'b' }]).map((r) => r.id)).toEqual(['a', 'b']);
    expect(importReportsOf({ id: 'a' })).toEqual([]);
  });

  it('names the statuses, sources and encodings in French', () => {
    expect(IMPORT_STATUS_LABEL).toEqual({ APPLIED: 'Appliqué', PARTIAL: 'Appliqué en partie', REJECTED: 'Refusé', DUPLICATE: 'Déjà traité' });
    expect(importStatusLabel('PARTIAL')).toBe('Appliqué en partie');
    expect(importStatusLabel('LATER')).toBe('LATER');
    expect(IMPORT_SOURCE_LABEL).toEqual({ UPLOAD: 'Fichier déposé', REST: 'Logiciel RH (REST)', SFTP: 'Logiciel RH (SFTP)' });
    expect(IMPORT_ENCODING_LABEL['ISO-8859-1']).toBe('ISO-8859-1 (Latin-1)');
    expect(IMPORT_ENCODING_LABEL.MIXTE).toBe('Mixte : UTF-8 et ISO-8859-1 selon les lignes');
  });

  it('says what an import did in one sentence, and its counts', () => {
    expect(importSummary(report())).toBe('Import appliqué : 12 lignes lues, 3 appliquées, 9 inchangées, 1 nouvel agent, aucun départ, aucune ligne refusée.');
    expect(
      importSummary(report({ status: 'PARTIAL', lines: 2, applied: 1, unchanged: 0, created: 1, left: 0, errors: [{ line: 3, reason: 'Courriel absent.' }] })),
    ).toBe('Import appliqué en partie : 2 lignes lues, 1 appliquée, aucune inchangée, 1 nouvel agent, aucun départ, 1 ligne refusée.');
    expect(
      importSummary(report({ status: 'REJECTED', lines: 2, applied: 0, unchanged: 0, created: 0, left: 0, errors: [{ line: 2, reason: 'a' }, { line: 3, reason: 'b' }] })),
    ).toBe('Import refusé : 2 lignes lues, aucune appliquée, aucune inchangée, aucun nouvel agent, aucun départ, 2 lignes refusées.');
    expect(importSummary(report({ lines: 1500, applied: 1200, unchanged: 300, created: 12, left: 2, errors: undefined }))).toBe(
      'Import appliqué : 1\u00a0500 lignes lues, 1\u00a0200 appliquées, 300 inchangées, 12 nouveaux agents, 2 départs.',
    );
    expect(importSummary(report({ status: 'DUPLICATE', duplicateOf: 'i-0' }))).toBe('Fichier déjà traité : ce fichier a déjà été importé, rien n’a été modifié.');
    expect(importCounts(report({ left: 2, errors: [{ line: 4, reason: 'x' }] }))).toEqual([
      ['Lignes lues', 12],
      ['Lignes appliquées', 3],
      ['Lignes inchangées', 9],
      ['Nouveaux agents (comptes créés)', 1],
      ['Départs (comptes désactivés, certificats révoqués)', 2],
      ['Lignes refusées', 1],
    ]);
    expect(importCounts(report({ errors: undefined })).map(([label]) => label)).not.toContain('Lignes refusées');
    expect(importCountText(0)).toBe('Aucun import');
    expect(importCountText(1)).toBe('1 import');
    expect(importCountText(50)).toBe('50 imports, les plus récents en premier');
  });

  it('checks the chosen file before sending it', () => {
    expect(agentFileProblem(null)).toBe('Choisissez le fichier des agents (CSV).');
    expect(agentFileProblem({ name: 'agents.csv', size: 0 })).toBe('Le fichier est vide.');
    expect(agentFileProblem({ name: 'agents.csv', size: MAX_IMPORT_BYTES })).toBeNull();
    expect(agentFileProblem({ name: 'agents.csv', size: MAX_IMPORT_BYTES + 1 })).toBe('Le fichier dépasse 10 Mo, la taille maximale d’un import.');
  });

  it('says a too large file in French when the server gave no problem document', () => {
    expect(importProblem({ title: 'Erreur 413', status: 413, detail: 'Le serveur a répondu 413.' })).toEqual({
      title: 'Fichier trop volumineux',
      status: 413,
      detail: 'Le fichier dépasse 10 Mo, la taille maximale d’un import.',
    });
    const own = { type: 'https://metrocloud.strasbourg.eu/problems/file-too-large', title: 'Fichier trop gros', status: 413, detail: 'Au plus 10 Mo.' };
    expect(importProblem(own)).toBe(own);
    const missing = { title: 'Fichier illisible', status: 422, code: 'missing-columns', detail: 'Colonnes absentes : courriel.' };
    expect(importProblem(missing)).toBe(missing);
  });

  it('offers an example file: the header with every column, then two agents', () => {
    const lines = agentTemplateCsv().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(lines[0]).toBe('identifiant;nom;prenom;courriel;matricule;service;responsable;rythme;solde_ca;solde_rtt;solde_cet;date_sortie');
    expect(AGENT_COLUMNS.filter(([, , required]) => required).map(([name]) => name)).toEqual(['identifiant', 'nom', 'prenom', 'courriel']);
    for (const line of lines.slice(1, 3)) {
      const cells = line.split(';');
      expect(cells).toHaveLength(12);
      expect(cells[0]).toMatch(/^[a-z]+\.[a-z]+$/);
      expect(cells[3]).toMatch(/@mairie\.example\.org$/);
      expect(cells[7]).toMatch(/^(MON|TUE|WED|THU|FRI)(_AM)?(,(MON|TUE|WED|THU|FRI)(_AM)?)*$/);
    }
    // the manager of the first is the second; halves with a comma or a dot; a leaving date in the French format
    expect(lines[1].split(';')[6]).toBe(lines[2].split(';')[0]);
    expect(lines[1].split(';')[9]).toBe('12,5');
    expect(lines[2].split(';')[8]).toBe('20.5');
    expect(lines[2].split(';')[11]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
  });
});

describe('the DSI’s view of the communes’ connectors', () => {
  const health = (commune: string, h: string, overrides: Partial<CommuneHealth> = {}): CommuneHealth => ({
    commune,
    health: h,
    connectors: [],
    pending: 0,
    retrying: 0,
    dead: 0,
    sentLast30Days: 0,
    ...overrides,
  });
  const NAMES: Record<string, string> = { '67520': 'Wasselonne', '67544': 'Wissembourg', '67118': 'Eckbolsheim', '67043': 'Bischheim', '67482': 'Strasbourg' };
  const nameOf = (insee: string) => NAMES[insee] ?? insee;

  it('calls the operator’s API: the communes’ health, the dead letters of all communes or of one, the replay without body', async () => {
    const calls: [string, string, unknown][] = [];
    const api = new IntegrationApi({
      request: async <T>(method: string, path: string, body?: unknown) => {
        calls.push([method, path, body]);
        return (method === 'POST' ? { id: 'm-1', status: 'PENDING' } : []) as T;
      },
      sendFile: async () => {
        throw new Error('no file here');
      },
    } as never);
    expect(await api.communesHealth()).toEqual([]);
    expect(await api.deadLetters()).toEqual([]);
    await api.deadLetters('67520');
    await api.deadLetters(null, 20);
    expect(await api.replayDeadLetter('67520', 'a b')).toEqual({ id: 'm-1', status: 'PENDING' });
    expect(calls).toEqual([
      ['GET', '/integration/operator/communes', undefined],
      ['GET', '/integration/operator/dead-letters?limit=200', undefined],
      ['GET', '/integration/operator/dead-letters?commune=67520&limit=200', undefined],
      ['GET', '/integration/operator/dead-letters?limit=20', undefined],
      ['POST', '/integration/operator/communes/67520/messages/a%20b/replay', undefined],
    ]);
    expect(DEAD_LETTERS_LIMIT).toBe(200);
    expect(deadLettersPath('')).toBe('/integration/operator/dead-letters?limit=200');
  });

  it('reads the communes’ health safely: the members the server omits stay absent, counts are whole numbers ≥ 0', () => {
    expect(
      communeHealthsOf([
        {
          commune: '67520',
          health: 'DOWN',
          connectors: [{ kind: 'HR', transport: 'SFTP', endpoint: 'sftp://rh', enabled: false, lastPullAt: '2026-12-01T08:00:00Z' }, null],
          pending: 3,
          retrying: '2',
          dead: -1,
          sentLast30Days: 12.7,
          lastExchangeAt: '2026-12-02T10:00:00Z',
          lastExchangeStatus: 'FAILED',
          lastError: 'Connexion refusée',
        },
        { commune: '67544' },
        'pas un objet',
      ]),
    ).toEqual([
      {
        commune: '67520',
        health: 'DOWN',
        connectors: [{ kind: 'HR', transport: 'SFTP', endpoint: 'sftp://rh', enabled: false, lastPullAt: '2026-12-01T08:00:00Z' }],
        pending: 3,
        retrying: 2,
        dead: 0,
        sentLast30Days: 12,
        lastExchangeAt: '2026-12-02T10:00:00Z',
        lastExchangeStatus: 'FAILED',
        lastError: 'Connexion refusée',
      },
      { commune: '67544', health: 'NONE', connectors: [], pending: 0, retrying: 0, dead: 0, sentLast30Days: 0 },
    ]);
    expect(communeHealthsOf(null)).toEqual([]);
    expect(communeHealthsOf({ commune: '67520' })).toEqual([]);
    expect(deadLettersOf([{ commune: '67520', id: 'm-1', connector: 'HR', flow: 'leave.approved', idempotencyKey: 'k', attempts: 8, createdAt: '2026-12-01T09:00:00Z' }])).toEqual([
      { commune: '67520', id: 'm-1', connector: 'HR', flow: 'leave.approved', idempotencyKey: 'k', attempts: 8, createdAt: '2026-12-01T09:00:00Z' },
    ]);
    expect(deadLettersOf([{ commune: '67520', id: 'm-2', lastError: 'Délai dépassé', attempts: null }])[0]).toMatchObject({ attempts: 0, lastError: 'Délai dépassé', flow: '' });
    expect(deadLettersOf(undefined)).toEqual([]);
  });

  it('says the health in French and puts the problems first', () => {
    expect(HEALTH_LABEL).toEqual({
      NONE: 'Aucun connecteur',
      OK: 'Opérationnel',
      RETRYING: 'Nouvelles tentatives en cours',
      DOWN: 'Injoignable',
      DEAD_LETTERS: 'Messages en échec',
    });
    expect(healthLabel('DOWN')).toBe('Injoignable');
    expect(healthLabel('LATER')).toBe('LATER');
    expect(HEALTH_ORDER).toEqual(['DEAD_LETTERS', 'DOWN', 'RETRYING', 'OK', 'NONE']);
    expect(HEALTH_ORDER.map(healthRank)).toEqual([0, 1, 2, 3, 4]);
    expect(healthRank('LATER')).toBe(5);
    expect(healthRank(undefined)).toBe(5);
    expect(['DEAD_LETTERS', 'DOWN', 'RETRYING', 'OK', 'NONE'].map(healthIsProblem)).toEqual([true, true, false, false, false]);
  });

  it('sorts the communes by health, the problems first, then by name', () => {
    const list = [
      health('67482', 'OK'),
      health('67520', 'NONE'),
      health('67544', 'RETRYING'),
      health('67118', 'DEAD_LETTERS'),
      health('67043', 'OK'),
      health('67999', 'DOWN'),
      health('67001', 'DEAD_LETTERS'),
    ];
    expect(sortByHealth(list, nameOf).map((c) => c.commune)).toEqual(['67001', '67118', '67999', '67544', '67043', '67482', '67520']);
    expect(list[0].commune).toBe('67482');
    // without names: by code
    expect(sortByHealth([health('67520', 'OK'), health('67043', 'OK')]).map((c) => c.commune)).toEqual(['67043', '67520']);
  });

  it('sums up the connectors: « RH (SFTP), Finances (REST) », « désactivé » when not enabled', () => {
    expect(connectorsSummary([])).toBe('Aucun');
    expect(
      connectorsSummary([
        { kind: 'FINANCE', transport: 'REST', enabled: true },
        { kind: 'HR', transport: 'SFTP', enabled: true },
      ]),
    ).toBe('RH (SFTP), Finances (REST)');
    expect(connectorsSummary([{ kind: 'HR', transport: 'REST', enabled: false }])).toBe('RH (REST, désactivé)');
    expect(connectorsSummary([{ kind: 'GED', transport: 'SFTP', enabled: true }, { kind: 'FINANCE', transport: 'SFTP', enabled: false }])).toBe('Finances (SFTP, désactivé), GED (SFTP)');
  });

  it('says the last exchange, the last success, the pending messages and the counts in French', () => {
    expect(lastExchangeText({})).toBe('Aucun échange');
    expect(lastExchangeText({ lastExchangeAt: '2026-12-02T10:00:00Z', lastExchangeStatus: 'SENT' })).toBe('02/12/2026 11:00 — Envoyé');
    expect(lastExchangeText({ lastExchangeAt: '2026-07-02T10:00:00Z', lastExchangeStatus: 'DEAD' })).toBe('02/07/2026 12:00 — Échec définitif');
    expect(lastExchangeText({ lastExchangeAt: '2026-12-02T10:00:00Z' })).toBe('02/12/2026 11:00');
    expect(lastSuccessText({ lastExchangeAt: '2026-12-02T10:00:00Z', lastExchangeStatus: 'SENT', lastSuccessAt: '2026-12-02T10:00:00Z' })).toBeNull();
    expect(lastSuccessText({ lastExchangeAt: '2026-12-02T10:00:00Z', lastExchangeStatus: 'FAILED', lastSuccessAt: '2026-12-01T09:30:00Z' })).toBe('Dernier succès le 01/12/2026 10:30');
    expect(lastSuccessText({ lastExchangeAt: '2026-12-02T10:00:00Z', lastExchangeStatus: 'DEAD' })).toBe('Aucun échange réussi');
    expect(lastSuccessText({})).toBeNull();
    expect(pendingText({ pending: 0, retrying: 0 })).toBe('0');
    expect(pendingText({ pending: 1200, retrying: 2 })).toBe('1\u00a0200 dont 2 en nouvelle tentative');
    expect(totalDead([{ dead: 2 }, { dead: 0 }, { dead: 5 }])).toBe(7);
    expect(totalDead([])).toBe(0);
    expect(communeCount(0)).toBe('Aucune commune');
    expect(communeCount(1)).toBe('1 commune');
    expect(communeCount(33)).toBe('33 communes');
    expect(deadLetterCountText(0)).toBe('Aucun message en échec');
    expect(deadLetterCountText(1)).toBe('1 message en échec');
    expect(deadLetterCountText(12)).toBe('12 messages en échec, les plus récents en premier');
    expect(deadLetterCountText(200)).toBe('Les 200 messages en échec les plus récents, les plus récents en premier');
  });

  it('keeps a well-formed commune in the page’s address, nothing else', () => {
    expect(isInseeCode('67520')).toBe(true);
    expect(isInseeCode('2A004')).toBe(true);
    expect(isInseeCode('6752')).toBe(false);
    expect(isInseeCode('67520 OR 1=1')).toBe(false);
    expect(deadLetterCommuneOf(new URLSearchParams('commune=67520'))).toBe('67520');
    expect(deadLetterCommuneOf(new URLSearchParams('commune=%202b033%20'))).toBe('2B033');
    expect(deadLetterCommuneOf(new URLSearchParams('commune=Wasselonne'))).toBeUndefined();
    expect(deadLetterCommuneOf(new URLSearchParams(''))).toBeUndefined();
    expect(dsiExchangesHref()).toBe('/dsi/echanges');
    expect(dsiExchangesHref('67520')).toBe('/dsi/echanges?commune=67520');
  });

  it('says a replay in French', () => {
    expect(replayedText({ flow: 'leave.approved', idempotencyKey: 'leave.approved:r-17', connector: 'HR' }, 'Wasselonne')).toBe(
      'Le message « Congé accordé » de Wasselonne (clé leave.approved:r-17) est rejoué : il repart en file d’envoi vers le logiciel RH.',
    );
  });
});
