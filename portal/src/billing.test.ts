import type { Me } from './api';
import {
  populationBandText,
  standaloneCostProblems,
  standaloneCostRequest,
  BillingApi,
  FREQUENCY_LABEL,
  ISSUE_RESULT_LABEL,
  LINE_KIND_LABEL,
  RUN_RESULT_LABEL,
  SCENARIO_NAMES,
  STATEMENT_STATUS_LABEL,
  baseFeeTexts,
  billedQuantityText,
  comparisonText,
  creditProblems,
  creditRequest,
  creditableLines,
  csvField,
  csvText,
  evolutionPercent,
  freeQuantityText,
  freeUnitsText,
  groupLinesByService,
  isIsoDay,
  justificationFormula,
  outcomeText,
  parseCommunes,
  parseDecimal,
  periodText,
  previousPeriodStart,
  quantityText,
  readsCommuneBilling,
  readsStatements,
  reportSummary,
  runProblems,
  runRequest,
  simulationCsv,
  simulationProblems,
  simulationRequest,
  simulationRows,
  simulationSummary,
  simulationTotals,
  statementCountText,
  statementFileBase,
  statementHref,
  statementTitle,
  tariffCreatedText,
  tariffProblems,
  tariffRequest,
  tariffsByService,
  unitPriceOf,
  unitPriceText,
  validityText,
  yearHref,
  yearOf,
  type RunReport,
  type SimulationDraft,
  type SimulationResult,
  type StatementLine,
  type StatementSummary,
  type Tariff,
  type TariffDraft,
} from './billing';

const line = (overrides: Partial<StatementLine> = {}): StatementLine => ({
  position: 1,
  kind: 'USAGE',
  service: 'e-signature',
  serviceName: 'Parapheur électronique',
  metric: 'signature',
  label: 'Signatures électroniques',
  from: '2026-04-01',
  to: '2026-05-01',
  quantity: 120,
  freeQuantity: 20,
  billedQuantity: 100,
  unitPrice: 0.35,
  amountCents: 3500,
  ...overrides,
});

const summary = (overrides: Partial<StatementSummary> = {}): StatementSummary => ({
  id: 's-1',
  commune: '67482',
  communeName: 'Strasbourg',
  kind: 'REGULAR',
  status: 'ISSUED',
  number: 'EU-2026-0001',
  frequency: 'MONTHLY',
  periodStart: '2026-04-01',
  periodEnd: '2026-05-01',
  periodLabel: 'avril 2026',
  totalCents: 123456,
  computedAt: '2026-05-02T08:00:00Z',
  issuedOn: '2026-05-03',
  ...overrides,
});

const person = (roles: string[], operator = false, commune = true): Me => ({
  subject: 's',
  username: 'u',
  displayName: 'U',
  operator,
  roles,
  commune: commune && !operator ? { insee: '67482', name: 'Strasbourg', status: 'ACTIVE' } : undefined,
});

describe('the billing API', () => {
  it('calls the paths of the public API, relative to /api/v1', async () => {
    const calls: unknown[][] = [];
    const api = new BillingApi({
      request: (async (...args: unknown[]) => {
        calls.push(args);
        return undefined;
      }) as never,
      download: (async (path: string) => {
        calls.push(['DOWNLOAD', path]);
        return { blob: new Blob(), fileName: null };
      }) as never,
    });
    await api.run({ frequency: 'QUARTERLY', periodStart: '2026-04-01', communes: ['67283'] });
    await api.runs();
    await api.runStatements('r/1');
    await api.issueRun('r-1');
    await api.statements(2026);
    await api.statement('s-1');
    await api.statementPdf('s-1');
    await api.statementCsv('s-1');
    await api.issueStatement('s-1');
    await api.credit('s-1', { reason: 'Erreur', lines: [{ position: 4, quantity: 0.7 }] });
    await api.tariffs(2026);
    await api.createTariff({ service: 'e-signature', validFrom: '2027-01-01', annualCost: 1000, annualUnits: 100, justification: 'x' });
    await api.simulate({ baseYear: 2026, growth: {}, scenarios: [{ name: 'Usage pur', kind: 'USAGE' }] });
    await api.metropoleDashboard(2026);
    await api.communeDashboard(2025);
    expect(calls).toEqual([
      ['POST', '/billing/runs', { frequency: 'QUARTERLY', periodStart: '2026-04-01', communes: ['67283'] }],
      ['GET', '/billing/runs'],
      ['GET', '/billing/runs/r%2F1/statements'],
      ['POST', '/billing/runs/r-1/issue', {}],
      ['GET', '/billing/statements?year=2026'],
      ['GET', '/billing/statements/s-1'],
      ['DOWNLOAD', '/billing/statements/s-1/pdf'],
      ['DOWNLOAD', '/billing/statements/s-1/csv'],
      ['POST', '/billing/statements/s-1/issue', {}],
      ['POST', '/billing/statements/s-1/credits', { reason: 'Erreur', lines: [{ position: 4, quantity: 0.7 }] }],
      ['GET', '/tariffs?year=2026'],
      ['POST', '/tariffs', { service: 'e-signature', validFrom: '2027-01-01', annualCost: 1000, annualUnits: 100, justification: 'x' }],
      ['POST', '/billing/simulations', { baseYear: 2026, growth: {}, scenarios: [{ name: 'Usage pur', kind: 'USAGE' }] }],
      ['GET', '/billing/dashboard/metropole?year=2026'],
      ['GET', '/billing/dashboard/commune?year=2025'],
    ]);
  });
});

describe('who reads the billing', () => {
  it('offers the commune’s costs to its administrator and elected officials, the statements to the DSI too', () => {
    expect(readsCommuneBilling(person(['commune-admin']))).toBe(true);
    expect(readsCommuneBilling(person(['elected-official']))).toBe(true);
    expect(readsCommuneBilling(person(['agent', 'manager']))).toBe(false);
    expect(readsCommuneBilling(person(['commune-admin'], false, false))).toBe(false);
    expect(readsCommuneBilling(person(['platform-operator'], true))).toBe(false);
    expect(readsStatements(person(['platform-operator'], true))).toBe(true);
    expect(readsStatements(person(['archivist']))).toBe(false);
  });

  it('reads the year of a page’s address, and builds it', () => {
    expect(yearOf(new URLSearchParams('annee=2025'), 2026)).toBe(2025);
    expect(yearOf(new URLSearchParams(''), 2026)).toBe(2026);
    expect(yearOf(new URLSearchParams('annee=25'), 2026)).toBe(2026);
    expect(yearOf(new URLSearchParams('annee=3000'), 2026)).toBe(2026);
    expect(yearOf(new URLSearchParams('annee=2025abc'), 2026)).toBe(2026);
    expect(yearHref('/dsi/tableau-de-bord', 2025)).toBe('/dsi/tableau-de-bord?annee=2025');
    expect(statementHref('a b')).toBe('/facturation/etats/a%20b');
  });
});

describe('French labels', () => {
  it('names frequencies, outcomes, statuses and line kinds', () => {
    expect(FREQUENCY_LABEL).toEqual({ MONTHLY: 'Mensuelle', QUARTERLY: 'Trimestrielle', YEARLY: 'Annuelle' });
    expect(RUN_RESULT_LABEL).toEqual({ COMPUTED: 'Calculé', ALREADY_ISSUED: 'Déjà émis', SKIPPED: 'Non facturé', NOTHING_TO_BILL: 'Rien à facturer' });
    expect(ISSUE_RESULT_LABEL.COMPUTED).toBe('Émis');
    expect(ISSUE_RESULT_LABEL.SKIPPED).toBe('Refusé');
    expect(STATEMENT_STATUS_LABEL.DRAFT).toBe('Brouillon');
    expect(LINE_KIND_LABEL.BASE_FEE).toBe('Forfait annuel');
  });

  it('says an outcome with its reason', () => {
    expect(outcomeText({ result: 'SKIPPED', reason: 'Commune suspendue ' }, 'run')).toBe('Non facturé : Commune suspendue');
    expect(outcomeText({ result: 'SKIPPED', reason: 'La période n’est pas terminée.' }, 'issue')).toBe('Refusé : La période n’est pas terminée.');
    expect(outcomeText({ result: 'COMPUTED' }, 'run')).toBe('Calculé');
    expect(outcomeText({ result: 'COMPUTED' }, 'issue')).toBe('Émis');
    expect(outcomeText({ result: 'NEW' }, 'run')).toBe('NEW');
  });

  it('titles a statement or a credit, a draft having no number', () => {
    expect(statementTitle({ kind: 'REGULAR', number: 'EU-2026-0001' })).toBe('État d’utilisation n° EU-2026-0001');
    expect(statementTitle({ kind: 'CREDIT' })).toBe('Avoir (brouillon)');
    expect(statementFileBase({ number: undefined, commune: '67482', periodStart: '2026-04-01' })).toBe('brouillon-67482-2026-04-01');
    expect(statementFileBase({ number: 'EU-1', commune: '67482', periodStart: '2026-04-01' })).toBe('EU-1');
    expect(periodText(summary())).toBe('avril 2026 (du 01/04/2026 au 30/04/2026)');
    expect(statementCountText(0, 2026)).toBe('Aucun état d’utilisation émis en 2026');
    expect(statementCountText(1, 2026)).toBe('1 état d’utilisation émis en 2026');
    expect(statementCountText(12, 2026)).toBe('12 états d’utilisation émis en 2026');
  });

  it('sums up a run and the issue of its drafts', () => {
    const report: RunReport = {
      run: { id: 'r', frequency: 'MONTHLY', periodStart: '2026-04-01', periodEnd: '2026-05-01', label: 'avril 2026', createdBy: 'dsi', createdAt: '2026-05-02T08:00:00Z' },
      communes: [
        { commune: '67482', name: 'Strasbourg', result: 'COMPUTED', statement: summary({ totalCents: 100000 }) },
        { commune: '67218', name: 'Illkirch-Graffenstaden', result: 'COMPUTED', statement: summary({ totalCents: 23456 }) },
        { commune: '67043', name: 'Bischheim', result: 'ALREADY_ISSUED' },
        { commune: '67350', name: 'Oberschaeffolsheim', result: 'SKIPPED', reason: 'Commune suspendue' },
      ],
      totalCents: 123456,
    };
    expect(reportSummary(report, 'run')).toBe(
      'Facturation « avril 2026 » calculée : 2 états calculés, 1 déjà émis, 1 commune non facturée. Total : 1\u00a0234,56\u00a0€.',
    );
    expect(reportSummary(report, 'issue')).toBe('Émission des brouillons de « avril 2026 » : 2 états émis, 1 déjà émis, 1 refusé.');
    expect(reportSummary({ ...report, communes: [] }, 'issue')).toBe('Émission des brouillons de « avril 2026 » : aucun brouillon.');
  });
});

describe('the run form', () => {
  it('reads INSEE codes separated by commas, semicolons or spaces', () => {
    expect(parseCommunes('67482, 67218 ;67043  67482')).toEqual(['67482', '67218', '67043']);
    expect(parseCommunes('2a004')).toEqual(['2A004']);
    expect(parseCommunes(' , ')).toEqual([]);
  });

  it('checks the frequency, the first day of the period and the codes', () => {
    expect(runProblems({ frequency: 'MONTHLY', periodStart: '2026-04-01', communes: '' })).toEqual([]);
    expect(runProblems({ frequency: 'QUARTERLY', periodStart: '2026-04-01', communes: '67283' })).toEqual([]);
    expect(runProblems({ frequency: 'YEARLY', periodStart: '2026-01-01', communes: '' })).toEqual([]);
    expect(runProblems({ frequency: 'MONTHLY', periodStart: '2026-04-02', communes: '' })).toEqual([['periodStart', 'Une période mensuelle commence le premier jour d’un mois.']]);
    expect(runProblems({ frequency: 'QUARTERLY', periodStart: '2026-05-01', communes: '' })).toEqual([
      ['periodStart', 'Une période trimestrielle commence le 1er janvier, avril, juillet ou octobre.'],
    ]);
    expect(runProblems({ frequency: 'YEARLY', periodStart: '2026-04-01', communes: '' })).toEqual([['periodStart', 'Une période annuelle commence le 1er janvier.']]);
    expect(runProblems({ frequency: 'WEEKLY', periodStart: '', communes: '6748, 67482, abc' })).toEqual([
      ['frequency', 'Choisissez la fréquence : mensuelle, trimestrielle ou annuelle.'],
      ['periodStart', 'Indiquez le premier jour de la période.'],
      ['communes', 'Codes INSEE invalides : 6748, ABC. Un code INSEE a 5 chiffres, par exemple 67482.'],
    ]);
    expect(runProblems({ frequency: 'MONTHLY', periodStart: '2026-02-30', communes: '' })[0][0]).toBe('periodStart');
  });

  it('builds the body: the communes left out when none is given (every commune)', () => {
    expect(runRequest({ frequency: 'QUARTERLY', periodStart: ' 2026-04-01 ', communes: '67283' })).toEqual({ frequency: 'QUARTERLY', periodStart: '2026-04-01', communes: ['67283'] });
    expect(runRequest({ frequency: 'MONTHLY', periodStart: '2026-04-01', communes: '  ' })).toEqual({ frequency: 'MONTHLY', periodStart: '2026-04-01' });
  });

  it('suggests the previous period', () => {
    expect(previousPeriodStart('MONTHLY', '2026-05-12')).toBe('2026-04-01');
    expect(previousPeriodStart('MONTHLY', '2026-01-03')).toBe('2025-12-01');
    expect(previousPeriodStart('QUARTERLY', '2026-05-12')).toBe('2026-01-01');
    expect(previousPeriodStart('QUARTERLY', '2026-02-12')).toBe('2025-10-01');
    expect(previousPeriodStart('YEARLY', '2026-05-12')).toBe('2025-01-01');
  });

  it('knows a real day', () => {
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2026-02-29')).toBe(false);
    expect(isIsoDay('01/04/2026')).toBe(false);
  });
});

describe('a statement’s lines', () => {
  it('groups the lines by service, in the order of their first line, with each group’s total', () => {
    const lines = [
      line({ position: 3, service: 'ged', serviceName: 'Gestion documentaire', amountCents: 1200 }),
      line({ position: 1, amountCents: 3500 }),
      line({ position: 2, kind: 'BASE_FEE', amountCents: 1849 }),
      line({ position: 4, service: 'ged', serviceName: '', amountCents: -200, kind: 'CREDIT' }),
    ];
    const groups = groupLinesByService(lines);
    expect(groups.map((g) => [g.service, g.serviceName, g.lines.map((l) => l.position), g.totalCents])).toEqual([
      ['e-signature', 'Parapheur électronique', [1, 2], 5349],
      ['ged', 'Gestion documentaire', [3, 4], 1000],
    ]);
    expect(groupLinesByService([])).toEqual([]);
  });

  it('shows a base fee in days and per year, usage with its unit', () => {
    const fee = line({ kind: 'BASE_FEE', quantity: 45, freeQuantity: 0, billedQuantity: 45, unitPrice: 150, metric: 'year' });
    expect(quantityText(fee)).toBe('45\u00a0j');
    expect(billedQuantityText(fee)).toBe('45\u00a0j');
    expect(freeQuantityText(fee)).toBe('—');
    expect(unitPriceText(fee)).toBe('150,00\u00a0€/an');
    const usage = line({ quantity: '1234.5', freeQuantity: '20', billedQuantity: '1214.5', unitPrice: '0.1234' });
    expect(quantityText(usage)).toBe('1\u00a0234,5');
    expect(freeQuantityText(usage)).toBe('20');
    expect(billedQuantityText(usage)).toBe('1\u00a0214,5');
    expect(unitPriceText(usage)).toBe('0,1234\u00a0€ par signature');
    expect(unitPriceText(line({ metric: 'unknown' }))).toBe('0,35\u00a0€');
    expect(freeQuantityText(line({ freeQuantity: 0 }))).toBe('—');
  });

  it('compares with the same period of last year', () => {
    expect(evolutionPercent(123456, 100000)).toBe(23.5);
    expect(evolutionPercent(90000, 100000)).toBe(-10);
    expect(evolutionPercent(100, 0)).toBeNull();
    expect(evolutionPercent(100, undefined)).toBeNull();
    expect(comparisonText(summary({ totalCents: 123456, previousYearCents: 100000 }))).toBe('1\u00a0000,00\u00a0€ ; évolution : +234,56\u00a0€ (+23,5\u00a0%)');
    expect(comparisonText(summary({ totalCents: 500, previousYearCents: 0 }))).toBe('0,00\u00a0€ ; évolution : +5,00\u00a0€');
    expect(comparisonText(summary({ previousYearCents: undefined }))).toBeNull();
  });
});

describe('the credit form', () => {
  it('reads decimals as people type them', () => {
    expect(parseDecimal('0,7')).toBe(0.7);
    expect(parseDecimal(' 1 234.5 ')).toBe(1234.5);
    expect(parseDecimal('1\u00a0234,50')).toBe(1234.5);
    expect(parseDecimal('-3')).toBe(-3);
    expect(parseDecimal('1,2,3')).toBeNull();
    expect(parseDecimal('abc')).toBeNull();
    expect(parseDecimal('')).toBeNull();
  });

  it('offers the lines that are not credits themselves', () => {
    expect(creditableLines([line({ position: 1 }), line({ position: 2, kind: 'CREDIT' }), line({ position: 3, kind: 'BASE_FEE' })]).map((l) => l.position)).toEqual([1, 3]);
  });

  it('asks for a reason, positive quantities, and a ticked line for a quantity', () => {
    expect(creditProblems('Erreur de relevé', [{ position: 4, chosen: true, quantity: '0,7' }])).toEqual([]);
    expect(creditProblems(' ', [])).toEqual([[0, 'Indiquez le motif de l’avoir.']]);
    expect(creditProblems('x'.repeat(501), [])).toEqual([[0, 'Le motif fait 500 caractères au plus.']]);
    expect(
      creditProblems('Motif', [
        { position: 1, chosen: true, quantity: '0' },
        { position: 2, chosen: true, quantity: 'beaucoup' },
        { position: 3, chosen: false, quantity: '2' },
        { position: 4, chosen: false, quantity: '' },
      ]),
    ).toEqual([
      [1, 'Indiquez une quantité positive, par exemple 0,7, ou laissez vide pour la ligne entière.'],
      [2, 'Indiquez une quantité positive, par exemple 0,7, ou laissez vide pour la ligne entière.'],
      [3, 'Cochez la ligne pour créditer cette quantité.'],
    ]);
  });

  it('builds the body: the lines ticked, a quantity only when typed; none ticked: every line', () => {
    expect(
      creditRequest(' Erreur de relevé ', [
        { position: 1, chosen: false, quantity: '' },
        { position: 4, chosen: true, quantity: '0,7' },
        { position: 5, chosen: true, quantity: ' ' },
      ]),
    ).toEqual({ reason: 'Erreur de relevé', lines: [{ position: 4, quantity: 0.7 }, { position: 5 }] });
    expect(creditRequest('Tout', [{ position: 1, chosen: false, quantity: '' }])).toEqual({ reason: 'Tout' });
  });
});

const tariff = (overrides: Partial<Tariff> = {}): Tariff => ({
  service: 'e-signature',
  validFrom: '2026-01-01',
  unitPrice: 0.3,
  bands: [],
  annualCost: 120000,
  annualUnits: 400000,
  justification: 'Budget 2025 de la plateforme.',
  ...overrides,
});

const SERVICES = [
  { code: 'ged', name: 'Gestion documentaire' },
  { code: 'e-signature', name: 'Parapheur électronique' },
];

describe('tariffs', () => {
  it('computes the unit price as the server does (4 decimals)', () => {
    expect(unitPriceOf(120000, 400000)).toBe(0.3);
    expect(unitPriceOf(1000, 3)).toBe(333.3333);
    expect(unitPriceOf(2, 3)).toBe(0.6667);
    expect(unitPriceOf(1000, 0)).toBeNull();
    expect(unitPriceOf(null, 10)).toBeNull();
    expect(unitPriceOf(-1, 10)).toBeNull();
  });

  it('justifies the unit price: annual cost ÷ units = unit price', () => {
    expect(justificationFormula(tariff())).toBe('120\u00a0000,00\u00a0€ ÷ 400\u00a0000 unités = 0,30\u00a0€');
    expect(justificationFormula(tariff({ annualCost: '98500.50', annualUnits: '1000', unitPrice: '98.5005' }))).toBe('98\u00a0500,50\u00a0€ ÷ 1\u00a0000 unités = 98,5005\u00a0€');
    expect(justificationFormula(tariff({ annualCost: undefined }))).toBeNull();
  });

  it('describes the base fee, its bands and the free units', () => {
    expect(baseFeeTexts(tariff())).toEqual(['Aucun']);
    expect(baseFeeTexts(tariff({ yearlyBaseFee: 150 }))).toEqual(['150,00\u00a0€ par an']);
    expect(
      baseFeeTexts(
        tariff({
          bands: [
            { minPopulation: 50001, yearlyFee: 1000 },
            { minPopulation: 0, maxPopulation: 2000, yearlyFee: 100 },
          ],
        }),
      ),
    ).toEqual(['de 0 à 2\u00a0000 habitants : 100,00\u00a0€ par an', '50\u00a0001 habitants et plus : 1\u00a0000,00\u00a0€ par an']);
    expect(freeUnitsText(tariff())).toBe('Aucune');
    expect(freeUnitsText(tariff({ freeUnitsPerMonth: 50, freeMaxPopulation: 2000 }))).toBe('50 unités gratuites par mois (communes de 2\u00a0000 habitants au plus)');
    expect(freeUnitsText(tariff({ freeUnitsPerMonth: 1 }))).toBe('1 unité gratuite par mois (toutes les communes)');
    expect(validityText(tariff())).toBe('depuis le 01/01/2026');
    expect(validityText(tariff({ validFrom: '2025-01-01', validTo: '2026-01-01' }))).toBe('du 01/01/2025 au 31/12/2025');
  });

  it('groups the tariffs by service in the catalogue’s order, oldest first', () => {
    const groups = tariffsByService(
      [tariff({ validFrom: '2026-07-01' }), tariff({ service: 'ged' }), tariff({ validFrom: '2026-01-01', validTo: '2026-07-01' }), tariff({ service: 'zzz' })],
      SERVICES,
    );
    expect(groups.map((g) => [g.service, g.name, g.tariffs.map((t) => t.validFrom)])).toEqual([
      ['ged', 'Gestion documentaire', ['2026-01-01']],
      ['e-signature', 'Parapheur électronique', ['2026-01-01', '2026-07-01']],
      ['zzz', 'zzz', ['2026-01-01']],
    ]);
  });

  const draft = (overrides: Partial<TariffDraft> = {}): TariffDraft => ({
    service: 'e-signature',
    validFrom: '2027-01-01',
    annualCost: '120 000',
    annualUnits: '400000',
    justification: ' Budget 2026 ',
    yearlyBaseFee: '',
    bands: [],
    freeUnitsPerMonth: '',
    freeMaxPopulation: '',
    ...overrides,
  });

  it('checks the form as the server does', () => {
    expect(tariffProblems(draft(), SERVICES)).toEqual([]);
    expect(tariffProblems(draft({ service: '', validFrom: '', annualCost: '', annualUnits: '0', justification: ' ' }), SERVICES).map(([f]) => f)).toEqual([
      'service',
      'validFrom',
      'annualCost',
      'annualUnits',
      'justification',
    ]);
    expect(tariffProblems(draft({ annualCost: '12,345' }), SERVICES)).toEqual([['annualCost', 'Indiquez un montant positif ou nul, en euros et centimes, par exemple 120000 ou 98500,50.']]);
    expect(tariffProblems(draft({ annualCost: '-1' }), SERVICES).map(([f]) => f)).toEqual(['annualCost']);
    expect(tariffProblems(draft({ justification: 'x'.repeat(2001) }), SERVICES).map(([f]) => f)).toEqual(['justification']);
    // a base fee or bands, not both
    expect(tariffProblems(draft({ yearlyBaseFee: '150', bands: [{ minPopulation: '0', maxPopulation: '', yearlyFee: '100' }] }), SERVICES)).toEqual([
      ['yearlyBaseFee', 'Forfait unique ou tranches de population, pas les deux : videz ce champ ou retirez les tranches.'],
    ]);
    // bands: whole populations, max ≥ min, a fee, no overlap
    expect(
      tariffProblems(
        draft({
          bands: [
            { minPopulation: '0', maxPopulation: '2000', yearlyFee: '100' },
            { minPopulation: '1500', maxPopulation: '', yearlyFee: '250,50' },
            { minPopulation: 'dix', maxPopulation: '5', yearlyFee: '' },
            { minPopulation: '900', maxPopulation: '800', yearlyFee: '1' },
          ],
        }),
        SERVICES,
      ),
    ).toEqual([
      ['bands.2.minPopulation', 'Tranche 3 : indiquez la population minimale (nombre entier).'],
      ['bands.2.yearlyFee', 'Tranche 3 : indiquez le forfait annuel en euros et centimes.'],
      ['bands.3.maxPopulation', 'Tranche 4 : la population maximale est inférieure à la minimale.'],
      ['bands.3.minPopulation', 'Les tranches 1 et 4 se chevauchent.'],
    ]);
    expect(
      tariffProblems(
        draft({
          bands: [
            { minPopulation: '2001', maxPopulation: '', yearlyFee: '250' },
            { minPopulation: '0', maxPopulation: '2001', yearlyFee: '100' },
          ],
        }),
        SERVICES,
      ),
    ).toEqual([['bands.0.minPopulation', 'Les tranches 2 et 1 se chevauchent.']]);
    expect(tariffProblems(draft({ freeUnitsPerMonth: '0', freeMaxPopulation: '2000' }), SERVICES).map(([f]) => f)).toEqual(['freeUnitsPerMonth']);
    expect(tariffProblems(draft({ freeMaxPopulation: '2000' }), SERVICES)).toEqual([['freeMaxPopulation', 'Ce seuil ne s’applique qu’avec des unités gratuites par mois.']]);
  });

  it('builds the body, optional values left out when empty', () => {
    expect(tariffRequest(draft())).toEqual({ service: 'e-signature', validFrom: '2027-01-01', annualCost: 120000, annualUnits: 400000, justification: 'Budget 2026' });
    expect(
      tariffRequest(
        draft({
          annualCost: '98500,50',
          bands: [
            { minPopulation: '0', maxPopulation: '2 000', yearlyFee: '100' },
            { minPopulation: '2001', maxPopulation: '', yearlyFee: '250,5' },
          ],
          freeUnitsPerMonth: '50',
          freeMaxPopulation: '2000',
        }),
      ),
    ).toEqual({
      service: 'e-signature',
      validFrom: '2027-01-01',
      annualCost: 98500.5,
      annualUnits: 400000,
      justification: 'Budget 2026',
      bands: [
        { minPopulation: 0, maxPopulation: 2000, yearlyFee: 100 },
        { minPopulation: 2001, yearlyFee: 250.5 },
      ],
      freeUnitsPerMonth: 50,
      freeMaxPopulation: 2000,
    });
    expect(tariffRequest(draft({ yearlyBaseFee: '150' })).yearlyBaseFee).toBe(150);
  });

  it('says what was created, with the computed price', () => {
    expect(tariffCreatedText(tariff({ validFrom: '2027-01-01' }), 'Parapheur électronique')).toBe(
      'Tarif de « Parapheur électronique » enregistré à partir du 01/01/2027 : prix unitaire 0,30\u00a0€ (120\u00a0000,00\u00a0€ ÷ 400\u00a0000 unités = 0,30\u00a0€).',
    );
  });
});

describe('standalone cost references', () => {
  it('says a population band in words', () => {
    expect(populationBandText({ minPopulation: 0, maxPopulation: 1999 })).toBe('moins de 2\u00a0000 hab.');
    expect(populationBandText({ minPopulation: 2000, maxPopulation: 9999 })).toBe('2\u00a0000 à 9\u00a0999 hab.');
    expect(populationBandText({ minPopulation: 10000 })).toBe('10\u00a0000 hab. et plus');
    expect(populationBandText({ minPopulation: 0 })).toBe('toutes populations');
  });

  it('checks the edit form and builds its body', () => {
    const draft = { licence: '1 500', hosting: '0', maintenance: '600,5', agentTime: '800', maxPopulation: '', source: ' Devis ' };
    expect(standaloneCostProblems(draft, 0)).toEqual([]);
    expect(standaloneCostRequest(draft)).toEqual({ licence: 1500, hosting: 0, maintenance: 600.5, agentTime: 800, source: 'Devis' });
    expect(standaloneCostRequest({ ...draft, maxPopulation: '1999' })).toEqual({ maxPopulation: 1999, licence: 1500, hosting: 0, maintenance: 600.5, agentTime: 800, source: 'Devis' });
    expect(standaloneCostProblems({ ...draft, licence: '', hosting: '1,234', maxPopulation: '10', source: '' }, 2000).map(([f]) => f)).toEqual(['licence', 'hosting', 'maxPopulation', 'source']);
  });
});

describe('the budget simulation', () => {
  const form = (overrides: Partial<SimulationDraft> = {}): SimulationDraft => ({
    baseYear: '2026',
    growth: { 'e-signature': '10', ged: '0', archive: '' },
    usage: true,
    perInhabitant: true,
    mixed: true,
    inhabitantShare: '50',
    ...overrides,
  });
  const services = [...SERVICES, { code: 'archive', name: 'Archivage électronique' }];

  it('builds the body of the brief: the growths that are not 0, the scenarios ticked', () => {
    expect(simulationRequest(form())).toEqual({
      baseYear: 2026,
      growth: { 'e-signature': 10 },
      scenarios: [
        { name: 'Usage pur', kind: 'USAGE' },
        { name: 'Par habitant', kind: 'PER_INHABITANT' },
        { name: 'Mixte 50 %', kind: 'MIXED', inhabitantShare: 50 },
      ],
    });
    expect(simulationRequest(form({ usage: false, perInhabitant: false, inhabitantShare: '12,5', growth: { ged: '-20' } }))).toEqual({
      baseYear: 2026,
      growth: { ged: -20 },
      scenarios: [{ name: 'Mixte 12,5 %', kind: 'MIXED', inhabitantShare: 12.5 }],
    });
    expect(SCENARIO_NAMES.mixed(30)).toBe('Mixte 30 %');
  });

  it('checks the year, the growths, a scenario at least and the share', () => {
    expect(simulationProblems(form(), services)).toEqual([]);
    expect(simulationProblems(form({ baseYear: '26', growth: { ged: 'beaucoup', 'e-signature': '-150' }, usage: false, perInhabitant: false, mixed: false }), services)).toEqual([
      ['baseYear', 'Indiquez une année de 2000 à 2100.'],
      ['growth.ged', 'Gestion documentaire : indiquez une évolution en pourcentage, de -100 à 1 000.'],
      ['growth.e-signature', 'Parapheur électronique : indiquez une évolution en pourcentage, de -100 à 1 000.'],
      ['scenarios', 'Choisissez au moins un scénario.'],
    ]);
    expect(simulationProblems(form({ inhabitantShare: '120' }), services)).toEqual([['inhabitantShare', 'Indiquez une part de 0 à 100 %.']]);
    expect(simulationProblems(form({ mixed: false, inhabitantShare: '120' }), services)).toEqual([]);
  });

  const result: SimulationResult = {
    baseYear: 2026,
    targetYear: 2027,
    scenarios: [
      { name: 'Usage pur', kind: 'USAGE', totalCents: 300000 },
      { name: 'Mixte 50 %', kind: 'MIXED', totalCents: 300000 },
    ],
    communes: [
      {
        insee: '67482',
        name: 'Strasbourg',
        population: 291313,
        results: [
          { scenario: 'Usage pur', totalCents: 250000, services: [{ service: 'e-signature', cents: 250000 }] },
          { scenario: 'Mixte 50 %', totalCents: 270005, services: [] },
        ],
      },
      {
        insee: '67043',
        name: 'Bischheim',
        population: 17000,
        results: [
          { scenario: 'Usage pur', totalCents: 50000, services: [] },
          { scenario: 'Mixte 50 %', totalCents: 29995, services: [] },
        ],
      },
      { insee: '67001', name: 'Achenheim; "le village"', population: 2300, results: [{ scenario: 'Usage pur', totalCents: 0, services: [] }] },
    ],
    warnings: ['Pas de tarif pour 2027 : ceux de 2026 sont appliqués.'],
  };

  it('lays the communes out side by side, with the difference with the first scenario', () => {
    expect(simulationRows(result).map((r) => [r.name, r.amounts])).toEqual([
      ['Achenheim; "le village"', [{ cents: 0, difference: 0 }, { cents: null, difference: null }]],
      ['Bischheim', [{ cents: 50000, difference: 0 }, { cents: 29995, difference: -20005 }]],
      ['Strasbourg', [{ cents: 250000, difference: 0 }, { cents: 270005, difference: 20005 }]],
    ]);
    expect(simulationTotals(result)).toEqual([
      { name: 'Usage pur', cents: 300000, difference: 0 },
      { name: 'Mixte 50 %', cents: 300000, difference: 0 },
    ]);
    expect(simulationSummary(result)).toBe('Simulation pour 2027 (référence 2026) : 3 communes, 2 scénarios, 1 avertissement.');
  });

  it('exports a CSV for spreadsheets: BOM, « ; », a header, euros with a dot, quoted fields when needed', () => {
    const csv = simulationCsv(result);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'insee;commune;population;Usage pur;Mixte 50 %',
      '67001;"Achenheim; ""le village""";2300;0.00;',
      '67043;Bischheim;17000;500.00;299.95',
      '67482;Strasbourg;291313;2500.00;2700.05',
      '',
    ]);
  });
});

describe('CSV', () => {
  it('quotes a field only when it must', () => {
    expect(csvField('Strasbourg')).toBe('Strasbourg');
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('dit "oui"')).toBe('"dit ""oui"""');
    expect(csvField('deux\nlignes')).toBe('"deux\nlignes"');
    expect(csvField(null)).toBe('');
    expect(csvField(12)).toBe('12');
    expect(csvText([['é', 'à']])).toBe('\ufeffé;à\r\n');
  });
});
