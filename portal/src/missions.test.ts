import type { MissionOrder } from './api';
import {
  EXPENSE_KIND,
  MISSION_HISTORY_ACTION,
  MISSION_STATUS,
  budgetAvailable,
  budgetLineLabel,
  budgetLinesPath,
  canCancelMission,
  canFileExpenses,
  estimateInput,
  estimateLines,
  expenseDraftErrors,
  expenseDrafts,
  expenseProblems,
  expensesBody,
  formatAmountInput,
  formatLocalDateTime,
  horsepowerBand,
  isBudgetLineCode,
  missionBody,
  missionDates,
  missionDeciderName,
  missionDraftErrors,
  missionErrorField,
  missionPeriod,
  missionTaskKind,
  missionTitle,
  parseEuros,
  parseWhole,
  populationText,
  splitLocalDateTime,
  transportText,
  yearOf,
  type ExpenseDraft,
  type MissionDraft,
} from './missions';
import { labelOf } from './parapheur';

const draft = (overrides: Partial<MissionDraft> = {}): MissionDraft => ({
  purpose: ' Formation CNFPT ',
  destination: ' Paris ',
  population: '',
  paris: true,
  departureDate: '2031-10-14',
  departureTime: '07:00',
  returnDate: '2031-10-15',
  returnTime: '20:00',
  transport: 'TRAIN',
  horsepower: '',
  distanceKm: '',
  kmAlreadyThisYear: '',
  fare: '180',
  budgetLine: 'DEPL',
  ...overrides,
});

describe('mission labels, times and amounts', () => {
  it('says statuses, history actions and expense kinds in French, unknown codes as is', () => {
    expect(['PENDING', 'SIGNING', 'SIGNED', 'EXPENSES_FILED', 'CLOSED', 'REFUSED', 'CANCELLED'].map((s) => labelOf(MISSION_STATUS, s))).toEqual([
      'En attente de validation',
      'À la signature',
      'Signé',
      'État de frais déposé',
      'Clos',
      'Refusé',
      'Annulé',
    ]);
    expect(labelOf(MISSION_HISTORY_ACTION, 'BUDGET_RESERVED')).toBe('Crédits réservés');
    expect(labelOf(MISSION_HISTORY_ACTION, 'EXPENSES_SENT_BACK')).toBe('État de frais à reprendre');
    expect(Object.keys(MISSION_HISTORY_ACTION)).toHaveLength(12);
    expect(labelOf(EXPENSE_KIND, 'NIGHT')).toBe('Nuitée');
    expect(labelOf(MISSION_STATUS, 'ARCHIVED')).toBe('ARCHIVED');
  });

  it('reads the API’s Paris local times, with or without seconds, without converting them', () => {
    expect(splitLocalDateTime('2031-10-14T07:00')).toEqual({ date: '2031-10-14', time: '07:00' });
    expect(splitLocalDateTime('2031-10-14T07:00:00')).toEqual({ date: '2031-10-14', time: '07:00' });
    expect(splitLocalDateTime('14/10/2031')).toBeNull();
    expect(formatLocalDateTime('2031-10-14T23:30:00')).toBe('14/10/2031 à 23:30');
    expect(formatLocalDateTime(null)).toBe('—');
    const m = { destination: 'Paris', departure: '2031-10-14T07:00:00', returnAt: '2031-10-15T20:00:00' };
    expect(missionDates(m)).toBe('du 14/10/2031 au 15/10/2031');
    expect(missionDates({ ...m, returnAt: '2031-10-14T19:00' })).toBe('le 14/10/2031');
    expect(missionTitle(m)).toBe('Paris, du 14/10/2031 au 15/10/2031');
    expect(missionPeriod(m)).toBe('du 14/10/2031 à 07:00 au 15/10/2031 à 20:00');
  });

  it('describes the transport and the destination', () => {
    expect(transportText({ transport: 'TRAIN', horsepower: 0, distanceKm: 0, fare: 180 })).toBe('Train, tarif estimé 180,00\u00a0€');
    expect(transportText({ transport: 'PERSONAL_CAR', horsepower: 5, distanceKm: 1240, fare: null })).toBe('Véhicule personnel, 5\u00a0CV, 1\u00a0240\u00a0km');
    expect(transportText({ transport: 'SERVICE_CAR', horsepower: 0, distanceKm: 0, fare: null })).toBe('Véhicule de service');
    expect(populationText({ paris: true, destinationPopulation: 2100000 })).toBe('Paris (nuitées au taux de Paris)');
    expect(populationText({ paris: false, destinationPopulation: 4600 })).toBe('4\u00a0600 habitants');
    expect(populationText({ paris: false, destinationPopulation: 0 })).toBe('Non indiquée');
  });

  it('writes the estimate line by line: meals × rate, nights × rate, transport, total', () => {
    expect(estimateLines({ meals: 3, mealsAmount: 60, nights: 1, nightsAmount: 140, transportAmount: 180, total: 380 }).map((l) => `${l.term} : ${l.detail}`)).toEqual([
      'Repas : 3 × 20,00\u00a0€ = 60,00\u00a0€',
      'Nuitées : 1 × 140,00\u00a0€ = 140,00\u00a0€',
      'Transport : 180,00\u00a0€',
      'Total estimé : 380,00\u00a0€',
    ]);
    expect(estimateLines({ meals: 0, mealsAmount: 0, nights: 0, nightsAmount: 0, transportAmount: 0, total: 0 }).map((l) => l.detail)).toEqual(['aucun', 'aucune', '0,00\u00a0€', '0,00\u00a0€']);
  });

  it('reads numbers as people type them', () => {
    expect(parseWhole(' 4 600 ')).toBe(4600);
    expect(parseWhole('')).toBeUndefined();
    expect(parseWhole('4,5')).toBeNull();
    expect(parseWhole('-3')).toBeNull();
    expect(parseEuros('18,50')).toBe(18.5);
    expect(parseEuros('1\u202f200 €')).toBe(1200);
    expect(parseEuros('0')).toBe(0);
    expect(parseEuros('18,555')).toBeNull();
    expect(parseEuros('douze')).toBeNull();
    expect(parseEuros('  ')).toBeUndefined();
    expect(formatAmountInput(18.5)).toBe('18,50');
    expect(formatAmountInput(150)).toBe('150');
    expect(formatAmountInput(null)).toBe('');
  });

  it('lets only the agent cancel a pending order and file the expenses of a signed one', () => {
    expect(canCancelMission({ agentUsername: 'agent1', status: 'PENDING' }, 'agent1')).toBe(true);
    expect(canCancelMission({ agentUsername: 'agent1', status: 'SIGNING' }, 'agent1')).toBe(false);
    expect(canCancelMission({ agentUsername: 'agent1', status: 'PENDING' }, 'chef')).toBe(false);
    expect(canFileExpenses({ agentUsername: 'agent1', status: 'SIGNED' }, 'agent1')).toBe(true);
    expect(canFileExpenses({ agentUsername: 'agent1', status: 'EXPENSES_FILED' }, 'agent1')).toBe(false);
    expect(canFileExpenses({ agentUsername: 'agent1', status: 'SIGNED' }, 'chef')).toBe(false);
    const history = [{ at: '2031-01-02T10:00:00Z', action: 'REFUSED', actorUsername: 'chef', actorName: 'Charles Chef' }];
    expect(missionDeciderName({ decidedBy: 'chef', history })).toBe('Charles Chef');
    expect(missionDeciderName({ decidedBy: 'chef', history: null })).toBe('chef');
  });

  it('tells the mission tasks apart by their key, else their name', () => {
    expect(missionTaskKind({ key: 'managerApproval', name: 'Validation par le responsable' })).toBe('order');
    expect(missionTaskKind({ key: 'expensesApproval', name: 'Validation de l’état de frais' })).toBe('expenses');
    expect(missionTaskKind({ key: 'fileExpenses', name: "État de frais de l'agent" })).toBe('fileExpenses');
    expect(missionTaskKind({ key: 'autre', name: "État de frais de l'agent" })).toBe('fileExpenses');
    expect(missionTaskKind({ key: 'controle', name: "Validation de l'état de frais par la DRH" })).toBe('expenses');
    expect(missionTaskKind({ key: 'drh', name: 'Validation RH' })).toBe('order');
  });
});

describe('the request form', () => {
  it('builds the API’s body with the fields of the chosen transport only', () => {
    expect(missionBody(draft())).toEqual({
      purpose: 'Formation CNFPT',
      destination: 'Paris',
      destinationPopulation: null,
      paris: true,
      departure: '2031-10-14T07:00',
      returnAt: '2031-10-15T20:00',
      transport: 'TRAIN',
      horsepower: null,
      distanceKm: null,
      kmAlreadyThisYear: null,
      fare: 180,
      budgetLine: 'DEPL',
    });
    expect(
      missionBody(draft({ paris: false, population: '280 000', transport: 'PERSONAL_CAR', horsepower: '5', distanceKm: '240', fare: '99' })),
    ).toMatchObject({ destinationPopulation: 280000, paris: false, horsepower: 5, distanceKm: 240, kmAlreadyThisYear: 0, fare: null });
  });

  it('checks the fields before sending', () => {
    expect(missionDraftErrors(draft(), '2031-01-01')).toEqual([]);
    expect(
      missionDraftErrors(draft({ purpose: ' ', destination: '', departureDate: '', returnTime: '', transport: '', budgetLine: '' }), '2031-01-01').map((e) => e.field),
    ).toEqual(['purpose', 'destination', 'departureDate', 'returnTime', 'transport', 'budgetLine']);
    expect(missionDraftErrors(draft(), '2031-10-15')).toEqual([{ field: 'departureDate', message: 'Le départ est passé : un ordre de mission se demande avant la mission.' }]);
    expect(missionDraftErrors(draft({ returnDate: '2031-10-14', returnTime: '06:00' }), '2031-01-01')).toEqual([{ field: 'returnDate', message: 'Le retour doit suivre le départ.' }]);
    expect(missionDraftErrors(draft({ returnDate: '2031-12-14' }), '2031-01-01').map((e) => e.message)).toEqual(['Une mission dure au plus 60 jours.']);
    expect(missionDraftErrors(draft({ fare: '' }), '2031-01-01').map((e) => e.field)).toEqual(['fare']);
    expect(missionDraftErrors(draft({ fare: 'cher' }), '2031-01-01').map((e) => e.field)).toEqual(['fare']);
    expect(missionDraftErrors(draft({ transport: 'PERSONAL_CAR', horsepower: '60', distanceKm: '', kmAlreadyThisYear: 'x' }), '2031-01-01').map((e) => e.field)).toEqual([
      'horsepower',
      'distanceKm',
      'kmAlreadyThisYear',
    ]);
    expect(missionDraftErrors(draft({ paris: false, population: 'beaucoup' }), '2031-01-01').map((e) => e.field)).toEqual(['population']);
    expect(missionDraftErrors(draft({ transport: 'SERVICE_CAR', fare: 'ignoré' }), '2031-01-01')).toEqual([]);
  });

  it('asks for the estimate only once the times and the transport are known, with a hint meanwhile', () => {
    expect(estimateInput(draft({ purpose: '', destination: '', budgetLine: '' }))).toEqual({ body: missionBody(draft({ purpose: '', destination: '', budgetLine: '' })) });
    expect(estimateInput(draft({ returnTime: '' }))).toEqual({ hint: 'L’estimation s’affiche dès que les dates et heures de départ et de retour sont indiquées.' });
    expect(estimateInput(draft({ returnDate: '2031-10-13' }))).toEqual({ hint: 'L’estimation s’affichera quand le retour suivra le départ.' });
    expect(estimateInput(draft({ transport: '' }))).toEqual({ hint: 'Choisissez le moyen de transport pour voir l’estimation.' });
    expect('hint' in estimateInput(draft({ transport: 'PERSONAL_CAR' }))).toBe(true);
    expect(estimateInput(draft({ fare: '' }))).toEqual({ hint: 'Indiquez le tarif estimé du trajet pour voir l’estimation.' });
    expect('body' in estimateInput(draft({ transport: 'PERSONAL_CAR', horsepower: '7', distanceKm: '300' }))).toBe(true);
  });

  it('puts the server’s refusals next to the field they concern', () => {
    expect(missionErrorField({ code: 'unknown-budget-line', detail: 'Ligne budgétaire inconnue pour 2031 : « X ».' })).toBe('budgetLine');
    expect(missionErrorField({ code: 'mission-in-the-past' })).toBe('departureDate');
    expect(missionErrorField({ code: 'invalid-date', detail: 'Date et heure invalides pour returnAt (AAAA-MM-JJTHH:MM) : x' })).toBe('returnDate');
    expect(missionErrorField({ code: 'invalid-mission', detail: 'Véhicule personnel : la puissance fiscale (1 à 50 CV) est obligatoire.' })).toBe('horsepower');
    expect(missionErrorField({ code: 'invalid-mission', detail: 'Tarif estimé invalide (0 à 10 000 €).' })).toBe('fare');
    expect(missionErrorField({ code: 'invalid-mission', detail: 'Le retour de mission doit suivre le départ.' })).toBe('returnDate');
    expect(missionErrorField({ code: 'invalid-mission', detail: 'Une mission dure au plus 60 jours.' })).toBe('returnDate');
    expect(missionErrorField({ code: 'invalid-mission', detail: "Indiquez l'objet (au plus 500 caractères)." })).toBe('purpose');
    expect(missionErrorField({ code: 'invalid-mission', detail: 'Indiquez la destination (au plus 200 caractères).' })).toBe('destination');
    expect(missionErrorField({ code: 'mission-signer-missing', detail: 'La commune…' })).toBeNull();
    expect(missionErrorField(null)).toBeNull();
  });
});

describe('budget lines and rates', () => {
  const line = { code: 'DEPL', year: 2031, label: 'Formations et déplacements', service: 'Ressources humaines', amount: 10000, committed: 380.5 };

  it('says what is left on a line', () => {
    expect(budgetAvailable(line)).toBe(9619.5);
    expect(budgetLineLabel(line)).toBe('DEPL — Formations et déplacements (Ressources humaines), disponible : 9\u00a0619,50\u00a0€');
    expect(budgetLineLabel({ ...line, service: null, committed: 0 })).toBe('DEPL — Formations et déplacements, disponible : 10\u00a0000,00\u00a0€');
    expect(budgetLinesPath(2031)).toBe('/missions/budget-lines?year=2031');
    expect(yearOf('2031-10-14', 2026)).toBe(2031);
    expect(yearOf('', 2026)).toBe(2026);
  });

  it('checks codes as the API does and names the kilometric bands', () => {
    expect(isBudgetLineCode('6256-FORM.2031_a')).toBe(true);
    expect(isBudgetLineCode('')).toBe(false);
    expect(isBudgetLineCode('avec espace')).toBe(false);
    expect(isBudgetLineCode('x'.repeat(41))).toBe(false);
    const bands = [
      { maxHorsepower: 5, upTo2000: 0.32, upTo10000: 0.4, beyond: 0.23 },
      { maxHorsepower: 7, upTo2000: 0.41, upTo10000: 0.51, beyond: 0.3 },
      { maxHorsepower: 2147483647, upTo2000: 0.45, upTo10000: 0.55, beyond: 0.32 },
    ];
    expect(bands.map((_, i) => horsepowerBand(bands, i))).toEqual(['5\u00a0CV et moins', '6 et 7\u00a0CV', '8\u00a0CV et plus']);
  });
});

describe('the état de frais', () => {
  const line = (overrides: Partial<ExpenseDraft> = {}): ExpenseDraft => ({ kind: 'MEAL', day: '2031-10-14', amount: '18,50', label: ' Déjeuner ', receiptDocumentId: null, ...overrides });

  it('checks each line: nature, day within the mission, amount, receipt when needed', () => {
    expect(expenseDraftErrors([line(), line({ kind: 'NIGHT', amount: '150', receiptDocumentId: 'd-1' })], '2031-10-14', '2031-10-15')).toEqual([]);
    const errors = expenseDraftErrors(
      [line({ kind: '', day: '2031-10-16', amount: '0' }), line({ kind: 'TRANSPORT' }), line({ kind: 'OTHER', uploading: true, amount: '12,345' })],
      '2031-10-14',
      '2031-10-15',
    );
    expect(errors.map((e) => [e.index, e.field])).toEqual([
      [0, 'kind'],
      [0, 'day'],
      [0, 'amount'],
      [1, 'receipt'],
      [2, 'amount'],
      [2, 'receipt'],
    ]);
    expect(errors[1].message).toBe('Indiquez le jour de la ligne n°1, pendant la mission (du 14/10/2031 au 15/10/2031).');
    expect(errors[3].message).toBe('Joignez le justificatif de la ligne n°2 : il est obligatoire pour une nuitée, un transport ou un autre frais.');
    expect(errors[5].message).toBe('Attendez la fin de l’envoi du justificatif de la ligne n°3.');
  });

  it('builds the API’s body, leaving empty labels and receipts out', () => {
    expect(expensesBody([line(), line({ kind: 'NIGHT', amount: '150', label: '', receiptDocumentId: 'd-1' })])).toEqual([
      { kind: 'MEAL', day: '2031-10-14', amount: 18.5, label: 'Déjeuner', receiptDocumentId: undefined },
      { kind: 'NIGHT', day: '2031-10-14', amount: 150, label: undefined, receiptDocumentId: 'd-1' },
    ]);
  });

  it('reads the server’s « Ligne n : … » refusals line by line', () => {
    expect(
      expenseProblems(
        'Ligne 1 : la date doit être comprise dans la mission (2031-10-14 – 2031-10-15). Ligne 3 : un justificatif (document de la GED) est obligatoire. Ligne 4 : montant en euros et centimes, positif, au plus 10 000 €. Ligne 5 : nature MEAL, NIGHT, TRANSPORT ou OTHER.',
      ),
    ).toEqual([
      { position: 1, field: 'day', message: 'La date doit être comprise dans la mission (2031-10-14 – 2031-10-15).' },
      { position: 3, field: 'receipt', message: 'Un justificatif (document de la GED) est obligatoire.' },
      { position: 4, field: 'amount', message: 'Montant en euros et centimes, positif, au plus 10 000 €.' },
      { position: 5, field: 'kind', message: 'Nature MEAL, NIGHT, TRANSPORT ou OTHER.' },
    ]);
    expect(expenseProblems('Ligne 2 : justificatif introuvable dans la GED de la commune.')).toEqual([
      { position: 2, field: 'receipt', message: 'Justificatif introuvable dans la GED de la commune.' },
    ]);
    expect(expenseProblems("L'état de frais compte de 1 à 100 lignes.")).toEqual([]);
    expect(expenseProblems(undefined)).toEqual([]);
  });

  it('puts a statement sent back into the form again, in its order', () => {
    const expenses: MissionOrder['expenses'] = [
      { position: 2, kind: 'NIGHT', day: '2031-10-14', amount: 150, label: null, receiptDocumentId: 'd-1', reimbursable: 140, note: 'Plafonné au taux de la nuitée.' },
      { position: 1, kind: 'MEAL', day: '2031-10-14', amount: 18.5, label: 'Déjeuner', receiptDocumentId: null, reimbursable: 18.5, note: null },
    ];
    expect(expenseDrafts(expenses)).toEqual([
      { kind: 'MEAL', day: '2031-10-14', amount: '18,50', label: 'Déjeuner', receiptDocumentId: null },
      { kind: 'NIGHT', day: '2031-10-14', amount: '150', label: '', receiptDocumentId: 'd-1' },
    ]);
    expect(expenseDrafts(null)).toEqual([]);
  });
});
