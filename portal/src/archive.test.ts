import type { Me } from './api';
import {
  ALERT_KIND,
  DISPOSAL_STATUS,
  FINAL_ACTION,
  FIXITY_CHECK,
  OBJECT_KIND,
  UNIT_STATUS,
  accessRestricted,
  accessText,
  allServices,
  approvalFor,
  approvalText,
  archivesHref,
  auditOutcome,
  awaitedApprovals,
  canReject,
  canTransfer,
  chainText,
  defaultAgreement,
  disposalEligible,
  disposalOutlook,
  disposalSummary,
  disposalVolume,
  durationFields,
  durationLabel,
  eventLabel,
  isArchivist,
  journalDetails,
  labelOf,
  lastCheckText,
  parseCodes,
  parsePeriod,
  periodOf,
  problemReasons,
  readsIntegrity,
  restrictedMessage,
  retentionEndText,
  ruleSummary,
  rulesOfAgreement,
  searchCriteriaOf,
  sealsText,
  serviceLabel,
  shortHash,
  takesPartInDisposals,
  transferProblems,
  transferRequest,
  unitCountText,
  unitsPath,
  verificationOf,
  verificationOk,
  type ArchiveUnit,
  type DisposalProposal,
  type TransferDraft,
} from './archive';
import { ROLE_LABELS, formatBytes } from './format';

const NBSP = '\u00a0';

const person = (roles: string[], displayName = 'Marie Dupont', operator = false): Me => ({
  subject: 's',
  username: 'u',
  displayName,
  operator,
  roles,
  commune: operator ? undefined : { insee: '67204', name: 'Hœnheim', status: 'ACTIVE' },
});

const unit = (overrides: Partial<ArchiveUnit> = {}): ArchiveUnit => ({
  id: 'u-1',
  reference: 'SAE-67204-2026-000001',
  title: 'Courrier au préfet',
  keywords: [],
  ruleCode: 'CORRESPONDANCE',
  ruleLabel: 'Correspondance courante',
  retentionDuration: 'P5Y',
  finalAction: 'DESTROY',
  retentionStart: '2020-01-01',
  retentionEnd: '2025-01-01',
  source: 'GED',
  status: 'ARCHIVED',
  legalHold: false,
  totalBytes: 2048,
  archivedAt: '2020-01-01T10:00:00Z',
  ...overrides,
});

const proposal = (overrides: Partial<DisposalProposal> = {}): DisposalProposal => ({
  id: 'p-1',
  status: 'PENDING',
  createdByName: 'Marie Dupont',
  createdAt: '2026-12-01T10:00:00Z',
  units: [{ unitId: 'u-1', reference: 'SAE-1', title: 'Courrier', ruleCode: 'CORRESPONDANCE', retentionEnd: '2025-01-01', totalBytes: 1024 }],
  ...overrides,
});

describe('archive labels', () => {
  it('says the archive’s codes in French, unknown codes as is', () => {
    expect(['KEEP', 'DESTROY'].map((c) => labelOf(FINAL_ACTION, c))).toEqual(['Conservation', 'Destruction']);
    expect(['ARCHIVED', 'DESTROYED'].map((c) => labelOf(UNIT_STATUS, c))).toEqual(['Archivée', 'Détruite']);
    expect(['FILE', 'VALIDATION_REPORT', 'SEDA_TRANSFER', 'SEDA_REPLY'].map((c) => labelOf(OBJECT_KIND, c))).toEqual([
      'Fichier',
      'Rapport de validation des signatures',
      'Bordereau de versement SEDA',
      'Accusé de réception SEDA',
    ]);
    expect(['OK', 'ALTERED', 'MISSING'].map((c) => labelOf(FIXITY_CHECK, c))).toEqual(['Intègre', 'Altéré', 'Manquant']);
    expect(['PENDING', 'DESTROYED', 'REJECTED'].map((c) => labelOf(DISPOSAL_STATUS, c))).toEqual(['En attente des approbations', 'Unités détruites', 'Refusée']);
    expect(labelOf(ALERT_KIND, 'MISSING')).toBe('Fichier manquant');
    expect(labelOf(FINAL_ACTION, 'TRANSFER')).toBe('TRANSFER');
    expect(labelOf(FINAL_ACTION, null)).toBe('—');
    expect(serviceLabel('SECRETARIAT_GENERAL')).toBe('Secrétariat général');
    expect(serviceLabel('POLICE_MUNICIPALE')).toBe('POLICE_MUNICIPALE');
  });

  it('labels the journal’s events', () => {
    expect(
      ['unit.archived', 'object.stored', 'object.consulted', 'unit.hold-placed', 'unit.hold-lifted', 'fixity.completed', 'fixity.failed', 'unit.destroyed'].map(eventLabel),
    ).toEqual([
      'Unité archivée',
      'Fichier enregistré',
      'Fichier consulté',
      'Gel posé',
      'Gel levé',
      'Audit d’intégrité terminé',
      'Anomalie d’intégrité détectée',
      'Unité détruite',
    ]);
    expect(eventLabel('something.new')).toBe('something.new');
  });

  it('names the archives authority among the roles', () => {
    expect(ROLE_LABELS.archivist).toBe("Autorité d'archives");
  });

  it('says a file’s last check', () => {
    const at = (iso: string) => `[${iso}]`;
    expect(lastCheckText(null, null, at)).toBe('Jamais contrôlé');
    expect(lastCheckText('OK', '2026-12-01T10:00:00Z', at)).toBe('Intègre (le [2026-12-01T10:00:00Z])');
    expect(lastCheckText('ALTERED', null, at)).toBe('Altéré');
  });
});

describe('retention durations', () => {
  it('reads ISO periods as people say them', () => {
    expect(durationLabel('P10Y')).toBe(`10${NBSP}ans`);
    expect(durationLabel('P1Y')).toBe(`1${NBSP}an`);
    expect(durationLabel('P6M')).toBe(`6${NBSP}mois`);
    expect(durationLabel('P1Y6M')).toBe(`1${NBSP}an et 6${NBSP}mois`);
    expect(durationLabel('P2Y3M10D')).toBe(`2${NBSP}ans, 3${NBSP}mois et 10${NBSP}jours`);
    expect(durationLabel('P1D')).toBe(`1${NBSP}jour`);
    expect(durationLabel('P2W')).toBe(`14${NBSP}jours`);
    expect(durationLabel('P0D')).toBe('Aucune durée');
    expect(durationLabel(null)).toBe('Conservation définitive');
    expect(durationLabel(undefined)).toBe('Conservation définitive');
    expect(durationLabel('bizarre')).toBe('bizarre');
  });

  it('parses periods, and turns the rule form’s amount and unit into one and back', () => {
    expect(parsePeriod('P10Y')).toEqual({ years: 10, months: 0, days: 0 });
    expect(parsePeriod('P')).toBeNull();
    expect(parsePeriod('10 ans')).toBeNull();
    expect(durationFields('P10Y')).toEqual({ amount: 10, unit: 'Y' });
    expect(durationFields('P1Y6M')).toEqual({ amount: 18, unit: 'M' });
    expect(durationFields('P30D')).toEqual({ amount: 30, unit: 'D' });
    expect(durationFields(null)).toBeNull();
    expect(periodOf('10', 'Y')).toBe('P10Y');
    expect(periodOf(' 6 ', 'M')).toBe('P6M');
    expect(periodOf('0', 'Y')).toBeNull();
    expect(periodOf('2,5', 'Y')).toBeNull();
    expect(periodOf('', 'D')).toBeNull();
  });

  it('sums a rule up in one line', () => {
    expect(ruleSummary({ label: 'Correspondance courante', duration: 'P5Y', finalAction: 'DESTROY' })).toBe(`Correspondance courante — 5${NBSP}ans, puis destruction`);
    expect(ruleSummary({ label: 'Dossiers des agents', duration: 'P80Y', finalAction: 'KEEP' })).toBe(`Dossiers des agents — 80${NBSP}ans, puis conservation`);
    expect(ruleSummary({ label: 'Délibérations', duration: null, finalAction: 'KEEP' })).toBe('Délibérations — conservation définitive');
  });
});

describe('a unit’s state', () => {
  it('tells when the retention ends and whether the unit may be destroyed', () => {
    expect(retentionEndText(unit(), '2026-12-01')).toBe('Échue le 01/01/2025');
    expect(retentionEndText(unit({ retentionEnd: '2031-03-12' }), '2026-12-01')).toBe('12/03/2031');
    expect(retentionEndText(unit({ retentionEnd: null }), '2026-12-01')).toBe('Conservation définitive');
    expect(disposalEligible(unit(), '2026-12-01')).toBe(true);
    expect(disposalEligible(unit(), '2025-01-01')).toBe(true);
    expect(disposalEligible(unit(), '2024-12-31')).toBe(false);
    expect(disposalEligible(unit({ legalHold: true }), '2026-12-01')).toBe(false);
    expect(disposalEligible(unit({ finalAction: 'KEEP' }), '2026-12-01')).toBe(false);
    expect(disposalEligible(unit({ status: 'DESTROYED' }), '2026-12-01')).toBe(false);
    expect(disposalEligible(unit({ retentionEnd: null }), '2026-12-01')).toBe(false);
    expect(disposalOutlook(unit({ legalHold: true }), '2026-12-01')).toBe('Un gel bloque toute élimination de l’unité.');
    expect(disposalOutlook(unit({ retentionEnd: '2031-03-12' }), '2026-12-01')).toBe('L’unité pourra être proposée à l’élimination à partir du 12/03/2031.');
  });

  it('tells whether the files may be communicated', () => {
    expect(accessRestricted(unit({ accessRestrictedUntil: '2075-01-01' }), '2026-12-01')).toBe(true);
    expect(accessRestricted(unit({ accessRestrictedUntil: '2026-12-01' }), '2026-12-01')).toBe(false);
    expect(accessText(unit({ accessRestrictedUntil: '2075-01-01' }), '2026-12-01')).toBe('Non communicable avant le 01/01/2075');
    expect(restrictedMessage(unit({ accessRestrictedUntil: '2075-01-01' }))).toBe('Unité non communicable avant le 01/01/2075 : ses fichiers ne peuvent pas encore être consultés.');
  });

  it('shortens fingerprints and counts units', () => {
    expect(shortHash('a'.repeat(64))).toBe(`${'a'.repeat(12)}…`);
    expect(shortHash('abc')).toBe('abc');
    expect(shortHash(null)).toBe('—');
    expect(unitCountText(0)).toBe('Aucune unité d’archives trouvée');
    expect(unitCountText(1)).toBe('1 unité d’archives trouvée');
    expect(unitCountText(1234)).toBe(`1${NBSP}234 unités d’archives trouvées`);
  });

  it('reads a journal entry’s details', () => {
    expect(journalDetails('{"reference":"SAE-1","bytes":12,"empty":null}')).toEqual(['reference : SAE-1', 'bytes : 12']);
    expect(journalDetails('pas du JSON')).toEqual([]);
    expect(journalDetails(null)).toEqual([]);
  });
});

describe('search', () => {
  it('builds the API’s path with offset and limit, empty criteria left out', () => {
    expect(unitsPath({})).toBe('/archive/units?offset=0&limit=20');
    expect(unitsPath({ q: ' préfet ', rule: 'CORRESPONDANCE', status: 'ARCHIVED', legalHold: 'true', service: '' }, 2)).toBe(
      '/archive/units?q=pr%C3%A9fet&rule=CORRESPONDANCE&status=ARCHIVED&legalHold=true&offset=40&limit=20',
    );
    expect(unitsPath({ archivedFrom: '2026-01-01', archivedTo: '2026-12-31' }, -1, 50)).toBe('/archive/units?archivedFrom=2026-01-01&archivedTo=2026-12-31&offset=0&limit=50');
  });

  it('reads the criteria of the page’s address, ignoring unknown values', () => {
    const q = new URLSearchParams('q=budget&status=PERDU&legalHold=peut-etre&archivedFrom=2026-01-01&archivedTo=hier&rule=FACTURES&page=3');
    expect(searchCriteriaOf(q)).toEqual({ q: 'budget', archivedFrom: '2026-01-01', rule: 'FACTURES' });
    expect(archivesHref({ q: 'budget' }, 2)).toBe('/archives?q=budget&page=3');
    expect(archivesHref({}, 0)).toBe('/archives');
  });
});

describe('the transfer form', () => {
  const draft = (overrides: Partial<TransferDraft> = {}): TransferDraft => ({
    documentId: 'd-1',
    title: '  ',
    description: '',
    descriptionLevel: 'Item',
    startDate: '',
    endDate: '',
    service: 'SECRETARIAT_GENERAL',
    keywords: 'préfet, voirie ,,',
    ruleCode: 'CORRESPONDANCE',
    retentionStart: '2026-12-01',
    accessRestrictedUntil: '',
    agreement: 'CONV-67204-GENERALE',
    ...overrides,
  });

  it('sends only what was typed', () => {
    expect(transferRequest(draft())).toEqual({
      documentId: 'd-1',
      title: undefined,
      description: undefined,
      descriptionLevel: 'Item',
      startDate: undefined,
      endDate: undefined,
      service: 'SECRETARIAT_GENERAL',
      keywords: ['préfet', 'voirie'],
      ruleCode: 'CORRESPONDANCE',
      retentionStart: '2026-12-01',
      accessRestrictedUntil: undefined,
      agreement: 'CONV-67204-GENERALE',
    });
    expect(transferRequest(draft({ keywords: '' })).keywords).toBeUndefined();
  });

  it('finds the missing choices and inconsistent dates before sending', () => {
    expect(transferProblems(draft())).toEqual([]);
    expect(transferProblems(draft({ documentId: '', service: '', ruleCode: '' })).map(([f]) => f)).toEqual(['documentId', 'service', 'ruleCode']);
    expect(transferProblems(draft({ startDate: '2026-02-01', endDate: '2026-01-01' }))).toEqual([['endDate', 'La date de fin précède la date de début.']]);
    expect(transferProblems(draft({ retentionStart: '01/12/2026' }))).toEqual([['retentionStart', 'Indiquez une date au format jj/mm/aaaa.']]);
  });

  it('offers the commune’s general agreement first, with its rules and services', () => {
    const agreements = [
      { identifier: 'CONV-67204-URBA', label: 'Urbanisme', services: ['URBANISME'], rules: ['ARRETES'], active: true },
      { identifier: 'CONV-67204-GENERALE', label: 'Générale', services: ['SECRETARIAT_GENERAL', 'FINANCES'], rules: ['CORRESPONDANCE', 'INCONNUE'], active: true },
      { identifier: 'CONV-67204-ANCIENNE', label: 'Ancienne', services: ['ETAT_CIVIL'], rules: [], active: false },
    ];
    expect(defaultAgreement(agreements, '67204')?.identifier).toBe('CONV-67204-GENERALE');
    expect(defaultAgreement(agreements, '67482')?.identifier).toBe('CONV-67204-URBA');
    const rules = [{ code: 'CORRESPONDANCE', label: 'Correspondance courante', duration: 'P5Y', finalAction: 'DESTROY' }];
    expect(rulesOfAgreement(agreements[1], rules).map((r) => r.label)).toEqual(['Correspondance courante', 'INCONNUE']);
    expect(rulesOfAgreement(undefined, rules)).toEqual([]);
    expect(allServices(agreements)).toEqual(['ETAT_CIVIL', 'FINANCES', 'SECRETARIAT_GENERAL', 'URBANISME']);
  });

  it('reads the reasons of a refusal', () => {
    expect(problemReasons({ title: 'Hors convention', status: 422, code: 'outside-agreement', reasons: ['Service non couvert', 'Règle non autorisée'] })).toEqual([
      'Service non couvert',
      'Règle non autorisée',
    ]);
    expect(problemReasons({ title: 'Invalide', status: 422, errors: [{ field: 'title', message: 'trop long' }] })).toEqual(['trop long']);
    expect(problemReasons({ title: 'x', status: 500 })).toEqual([]);
    expect(problemReasons(null)).toEqual([]);
  });

  it('reads service codes as typed', () => {
    expect(parseCodes('secretariat general, FINANCES ,, FINANCES')).toEqual(['SECRETARIAT_GENERAL', 'FINANCES']);
  });
});

describe('who does what', () => {
  it('lets agents, managers and administrators transfer; the administrator and the authority take part in disposals', () => {
    expect(canTransfer(person(['agent']))).toBe(true);
    expect(canTransfer(person(['manager']))).toBe(true);
    expect(canTransfer(person(['elected-official']))).toBe(false);
    expect(canTransfer(person(['archivist']))).toBe(false);
    expect(canTransfer(person(['platform-operator'], 'DSI', true))).toBe(false);
    expect(takesPartInDisposals(person(['commune-admin']))).toBe(true);
    expect(takesPartInDisposals(person(['archivist']))).toBe(true);
    expect(takesPartInDisposals(person(['agent']))).toBe(false);
    expect(isArchivist(person(['archivist']))).toBe(true);
    expect(readsIntegrity(person(['elected-official']))).toBe(true);
    expect(readsIntegrity(person(['agent']))).toBe(false);
  });
});

describe('disposal approvals', () => {
  const admin = person(['commune-admin'], 'Marie Dupont');
  const archivist = person(['archivist'], 'Paul Archiviste');
  const both = person(['commune-admin', 'archivist'], 'Marie Dupont');

  it('offers each approval once, to its role', () => {
    expect(approvalFor(proposal(), admin)).toBe('commune');
    expect(approvalFor(proposal(), archivist)).toBe('authority');
    expect(approvalFor(proposal(), person(['agent']))).toBeNull();
    expect(approvalFor(proposal({ communeApprovedAt: '2026-12-01T11:00:00Z', communeApprovedByName: 'Marie Dupont' }), admin)).toBeNull();
    expect(approvalFor(proposal({ authorityApprovedAt: '2026-12-01T11:00:00Z', authorityApprovedByName: 'Paul Archiviste' }), archivist)).toBeNull();
    expect(approvalFor(proposal({ status: 'DESTROYED' }), admin)).toBeNull();
  });

  it('never offers both approvals to the same person', () => {
    expect(approvalFor(proposal(), both)).toBe('commune');
    expect(approvalFor(proposal({ communeApprovedAt: '2026-12-01T11:00:00Z', communeApprovedByName: 'Marie Dupont' }), both)).toBeNull();
    expect(approvalFor(proposal({ communeApprovedAt: '2026-12-01T11:00:00Z', communeApprovedByName: 'Jean Autre' }), both)).toBe('authority');
    expect(approvalFor(proposal({ authorityApprovedAt: '2026-12-01T11:00:00Z', authorityApprovedByName: 'Marie Dupont' }), both)).toBeNull();
  });

  it('lets the administrator and the authority reject a pending proposal', () => {
    expect(canReject(proposal(), admin)).toBe(true);
    expect(canReject(proposal(), archivist)).toBe(true);
    expect(canReject(proposal(), person(['elected-official']))).toBe(false);
    expect(canReject(proposal({ status: 'REJECTED' }), admin)).toBe(false);
  });

  it('says what a proposal awaits', () => {
    expect(awaitedApprovals(proposal())).toEqual(['celle de la commune', 'celle de l’autorité d’archives']);
    expect(disposalSummary(proposal())).toBe('La destruction attend deux approbations : celle de la commune et celle de l’autorité d’archives.');
    expect(disposalSummary(proposal({ communeApprovedAt: '2026-12-01T11:00:00Z' }))).toBe('La destruction attend encore une approbation : celle de l’autorité d’archives.');
    expect(disposalSummary(proposal({ status: 'DESTROYED' }))).toContain('certificat de destruction');
    expect(awaitedApprovals(proposal({ status: 'REJECTED' }))).toEqual([]);
    expect(approvalText('Paul Archiviste', '2026-12-01T11:00:00Z', () => '01/12/2026 12:00')).toBe('Approuvée par Paul Archiviste le 01/12/2026 12:00');
    expect(approvalText(null, null, () => '')).toBe('En attente');
    expect(disposalVolume([{ totalBytes: 1024 }, { totalBytes: 2048 }], formatBytes)).toBe(`2 unités, 3${NBSP}Ko`);
  });
});

describe('integrity', () => {
  it('reads the verification, flat or wrapped, and says it', () => {
    const flat = { entries: 42, chainIntact: true, brokenAt: null, reason: null, seals: 3, validSeals: 3, sealProblems: [] };
    expect(verificationOf(flat)).toEqual(flat);
    expect(verificationOf({ journal: flat })).toEqual(flat);
    expect(verificationOf(null)).toMatchObject({ chainIntact: false, entries: 0, sealProblems: [] });
    expect(chainText(flat)).toBe('Chaîne intègre : 42 entrées vérifiées');
    expect(sealsText(flat)).toBe('Sceaux valides : 3/3');
    expect(verificationOk(flat)).toBe(true);
    const broken = { ...flat, chainIntact: false, brokenAt: 17, reason: 'empreinte différente', validSeals: 2, sealProblems: ['Sceau de l’entrée 17 : l’entrée scellée a changé.'] };
    expect(chainText(broken)).toBe('Chaîne rompue à l’entrée 17 : empreinte différente');
    expect(sealsText(broken)).toBe('Sceaux valides : 2/3');
    expect(verificationOk(broken)).toBe(false);
    expect(sealsText({ ...flat, seals: 0, validSeals: 0 })).toBe('Aucun sceau');
  });

  it('says an audit’s outcome', () => {
    const run = { id: 'r', trigger: 'ON_DEMAND', startedAt: '', checked: 10, intact: 10, altered: 0, missing: 0, unreachable: false };
    expect(auditOutcome(run)).toBe('Tout est intègre');
    expect(auditOutcome({ ...run, intact: 8, altered: 1, missing: 1 })).toBe('2 anomalies (1 altéré(s), 1 manquant(s))');
    expect(auditOutcome({ ...run, checked: 4, unreachable: true })).toBe('Stockage injoignable (arrêt après 4 objet(s))');
  });
});
