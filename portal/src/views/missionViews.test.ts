import type { Api, Me, MissionBody, MissionOrder, WorkflowTask } from '../api';
import { ApiError } from '../api';
import type { ViewContext } from './context';
import { ESTIMATE_DELAY_MS, missionFormView } from './missionForm';
import { missionMineView } from './missionMine';
import { missionOrderView } from './missionOrder';
import { procedureSettingsView } from './procedureSettings';
import { missionApprovalOutcome, tasksView } from './tasks';

const me = (roles: string[] = ['agent'], username = 'agent1', displayName = 'Léa Agent'): Me => ({
  subject: 's',
  username,
  displayName,
  operator: false,
  roles,
  commune: { insee: '67389', name: 'Reichstett', status: 'ACTIVE' },
});

const order = (overrides: Partial<MissionOrder> = {}): MissionOrder => ({
  id: 'm-1',
  agentUsername: 'agent1',
  agentName: 'Léa Agent',
  purpose: 'Formation CNFPT sur la commande publique',
  destination: 'Paris',
  destinationPopulation: 2100000,
  paris: true,
  departure: '2099-10-14T07:00:00',
  returnAt: '2099-10-15T20:00:00',
  transport: 'TRAIN',
  horsepower: 0,
  distanceKm: 0,
  fare: 180,
  budgetLine: 'DEPL',
  budgetYear: 2099,
  meals: 3,
  nights: 1,
  mealsAmount: 60,
  nightsAmount: 140,
  transportAmount: 180,
  estimatedTotal: 380,
  status: 'PENDING',
  processInstanceId: 'p-1',
  processVersion: 1,
  decidedBy: null,
  decisionReason: null,
  commitmentRef: null,
  documentId: null,
  folderId: null,
  expensesTotal: null,
  reimbursableTotal: null,
  createdAt: '2026-12-01T09:00:00Z',
  signedAt: null,
  closedAt: null,
  waitingFor: ['Validation par le responsable'],
  expenses: [],
  history: [{ at: '2026-12-01T09:00:00Z', action: 'SUBMITTED', actorUsername: 'agent1', actorName: 'Léa Agent', detail: 'Paris, du 14 octobre 2099 au 15 octobre 2099 (380,00 € estimés)' }],
  ...overrides,
});

const signedOrder = (overrides: Partial<MissionOrder> = {}) =>
  order({
    status: 'SIGNED',
    commitmentRef: 'ENG-2099-0001',
    documentId: 'doc-ordre',
    folderId: 'f-1',
    signedAt: '2026-12-02T10:00:00Z',
    waitingFor: ['État de frais de l\'agent'],
    history: [
      { at: '2026-12-01T09:00:00Z', action: 'SUBMITTED', actorUsername: 'agent1', actorName: 'Léa Agent' },
      { at: '2026-12-01T10:00:00Z', action: 'STEP_APPROVED', actorUsername: 'chef', actorName: 'Charles Chef', detail: 'Validation par le responsable' },
      { at: '2026-12-01T10:00:01Z', action: 'BUDGET_RESERVED', actorUsername: 'chef', actorName: 'Charles Chef' },
      { at: '2026-12-01T10:00:05Z', action: 'SENT_FOR_SIGNATURE', actorUsername: 'workflow', actorName: null },
      { at: '2026-12-02T10:00:00Z', action: 'SIGNED', actorUsername: 'workflow', actorName: null },
    ],
    ...overrides,
  });

const missionTask = (overrides: Partial<WorkflowTask> = {}, m: Partial<MissionOrder> = {}): WorkflowTask => ({
  id: 't-1',
  key: 'managerApproval',
  name: 'Validation par le responsable',
  processKey: 'missionOrder',
  createdAt: '2026-12-01T09:00:01Z',
  escalated: false,
  leaveRequest: null,
  missionOrder: order({ waitingFor: null, history: null, expenses: null, ...m }),
  ...overrides,
});

function context(api: Partial<Record<keyof Api, unknown>>, who: Me = me(), query = ''): ViewContext & { navigated: string[]; refreshed: number; taskCounts: number } {
  const ctx = {
    api: api as unknown as Api,
    me: who,
    query: new URLSearchParams(query),
    navigated: [] as string[],
    refreshed: 0,
    taskCounts: 0,
    refresh: () => ctx.refreshed++,
    navigate: (to: string) => ctx.navigated.push(to),
    refreshInboxCount: () => {},
    refreshTaskCount: () => ctx.taskCounts++,
  };
  return ctx;
}

async function render(elements: Promise<HTMLElement[]>): Promise<HTMLElement> {
  const main = document.createElement('main');
  main.append(...(await elements));
  document.body.replaceChildren(main);
  return main;
}

const settle = async (times = 3) => {
  for (let i = 0; i < times; i++) await new Promise((r) => setTimeout(r, 0));
};
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const button = (root: ParentNode, name: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name || b.textContent?.startsWith(name)) as HTMLButtonElement;
/** The control whose label reads `label` (its screen-reader-only part included). */
const labelled = (root: ParentNode, label: string) => {
  const l = [...root.querySelectorAll('label')].find((x) => x.textContent === label);
  return l ? (document.getElementById(l.htmlFor) as HTMLInputElement) : null;
};
const dialog = () => document.querySelector('dialog') as HTMLDialogElement;
const type = (control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null, value: string, event = 'input') => {
  if (!control) throw new Error('no such control');
  control.value = value;
  control.dispatchEvent(new Event(event, { bubbles: true }));
};
const submitForm = (b: HTMLButtonElement) => b.closest('form')?.requestSubmit(b);

beforeAll(() => {
  // jsdom has no modal dialogs
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

describe('my mission orders', () => {
  it('lists my orders with their status in words, and only the mission notifications', async () => {
    const ctx = context({
      missions: async () => [order(), order({ id: 'm-2', destination: 'Lyon', status: 'CLOSED', estimatedTotal: 212.4 })],
      procedureNotifications: async () => [
        { id: 'n-1', kind: 'mission.signed', subjectKind: 'MISSION', subjectId: 'm-2', message: 'Votre ordre de mission pour Lyon est signé (GED).', at: '2026-12-02T10:00:00Z', read: false },
        { id: 'n-2', kind: 'leave.approved', subjectKind: 'LEAVE', subjectId: 'r-1', message: 'Votre congé est accordé.', at: '2026-12-02T10:00:00Z', read: false },
      ],
    });
    const main = await render(missionMineView(ctx));
    expect(main.querySelector('h1')?.textContent).toBe('Mes ordres de mission');
    expect([...main.querySelectorAll('nav[aria-label="Ordres de mission"] a')].map((a) => a.textContent)).toEqual(['Mes ordres de mission', 'Demander un ordre de mission']);
    const rows = [...main.querySelectorAll('tbody tr')];
    expect(rows[0].querySelector('th a')?.getAttribute('href')).toBe('/missions/m-1');
    expect(rows[0].querySelector('th')?.textContent).toBe('Paris, du 14/10/2099 au 15/10/2099');
    expect([...rows[0].querySelectorAll('td')].map((td) => td.textContent)).toEqual([
      'Formation CNFPT sur la commande publique',
      '14/10/2099 à 07:00',
      '15/10/2099 à 20:00',
      '380,00\u00a0€',
      'En attente de validation',
    ]);
    expect(rows[1].textContent).toContain('Clos');
    const notifications = main.querySelector('ul.notifications') as HTMLElement;
    expect(notifications.querySelectorAll('li')).toHaveLength(1);
    expect(notifications.textContent).toContain('Ordre de mission signé : Votre ordre de mission pour Lyon est signé (GED).');
    expect(notifications.querySelector('a')?.getAttribute('href')).toBe('/missions/m-2');
  });

  it('says when there is none, and points to the catalogue when the commune is not subscribed', async () => {
    const empty = await render(missionMineView(context({ missions: async () => [], procedureNotifications: async () => [] })));
    expect(empty.textContent).toContain('Vous n’avez demandé aucun ordre de mission.');
    const refused = await render(
      missionMineView(
        context({
          missions: async () => {
            throw new ApiError({ title: 'Service non souscrit', status: 403, code: 'service-not-subscribed', detail: 'La commune n’est pas abonnée au service « Ordres de mission ».' });
          },
          procedureNotifications: async () => [],
        }),
      ),
    );
    expect(refused.querySelector('[role=alert]')?.textContent).toBe('La commune n’est pas abonnée au service « Ordres de mission ».');
    expect(refused.querySelector('a[href="/catalogue"]')).not.toBeNull();
  });
});

describe('the request form', () => {
  const line = { code: 'DEPL', year: 2099, label: 'Formations et déplacements', service: 'Ressources humaines', amount: 10000, committed: 380 };
  const settings = { signerUsername: 'maire', signerLabel: 'Maire', rates: { meal: 20, night: 90, nightLargeCity: 120, nightParis: 140, largeCityPopulation: 200000, kilometric: [] } };

  function formApi(overrides: Partial<Record<keyof Api, unknown>> = {}) {
    const estimates: MissionBody[] = [];
    const years: number[] = [];
    const api = {
      missionSettings: async () => settings,
      budgetLines: async (year: number) => {
        years.push(year);
        return year === 2099 ? [line] : [];
      },
      estimateMission: async (body: MissionBody) => {
        estimates.push(body);
        return { meals: 3, mealsAmount: 60, nights: 1, nightsAmount: 140, transportAmount: Number(body.fare ?? 0), total: 200 + Number(body.fare ?? 0) };
      },
      ...overrides,
    };
    return { api, estimates, years };
  }

  const fill = (main: HTMLElement) => {
    type(labelled(main, 'Objet de la mission'), 'Formation CNFPT sur la commande publique');
    type(labelled(main, 'Destination'), 'Paris');
    const paris = main.querySelector('#mission-paris') as HTMLInputElement;
    paris.checked = true;
    paris.dispatchEvent(new Event('change', { bubbles: true }));
    type(labelled(main, 'Date de départ'), '2099-10-14', 'change');
    type(labelled(main, 'Heure de départ'), '07:00');
    type(labelled(main, 'Date de retour'), '2099-10-15', 'change');
    type(labelled(main, 'Heure de retour'), '20:00');
    type(labelled(main, 'Moyen de transport'), 'TRAIN', 'change');
  };

  it('shows the fields of the chosen transport and a live estimate, announced politely, with a hint until it can be computed', async () => {
    const { api, estimates, years } = formApi();
    const main = await render(missionFormView(context(api)));
    expect(main.querySelector('h1')?.textContent).toBe('Demander un ordre de mission');
    const region = main.querySelector('#mission-estimation') as HTMLElement;
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.getAttribute('aria-atomic')).toBe('true');
    expect(region.textContent).toBe('L’estimation s’affiche dès que les dates et heures de départ et de retour sont indiquées.');
    expect((main.querySelector('#mission-vehicule') as HTMLElement).hidden).toBe(true);
    expect((main.querySelector('#mission-billet') as HTMLElement).hidden).toBe(true);

    fill(main);
    expect((main.querySelector('#mission-billet') as HTMLElement).hidden).toBe(false);
    expect((labelled(main, 'Population de la destination (facultatif)')?.closest('.field') as HTMLElement).hidden).toBe(true);
    await wait(ESTIMATE_DELAY_MS + 50);
    // the fare is still missing: a hint, no request
    expect(estimates).toEqual([]);
    expect(region.textContent).toBe('Indiquez le tarif estimé du trajet pour voir l’estimation.');

    type(labelled(main, 'Tarif estimé du trajet (€)'), '18');
    type(labelled(main, 'Tarif estimé du trajet (€)'), '180');
    await wait(ESTIMATE_DELAY_MS + 50);
    await settle();
    // debounced: one request for the last value
    expect(estimates).toHaveLength(1);
    expect(estimates[0]).toMatchObject({ paris: true, departure: '2099-10-14T07:00', returnAt: '2099-10-15T20:00', transport: 'TRAIN', fare: 180 });
    expect([...region.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Repas : 3 × 20,00\u00a0€ = 60,00\u00a0€',
      'Nuitées : 1 × 140,00\u00a0€ = 140,00\u00a0€',
      'Transport : 180,00\u00a0€',
      'Total estimé : 380,00\u00a0€',
    ]);

    // the purpose does not change the estimate: no new request
    type(labelled(main, 'Objet de la mission'), 'Formation sur les marchés publics');
    await wait(ESTIMATE_DELAY_MS + 50);
    expect(estimates).toHaveLength(1);

    // the budget lines follow the departure's year
    expect(years).toEqual([new Date().getFullYear(), 2099]);
    const budget = labelled(main, 'Ligne budgétaire') as unknown as HTMLSelectElement;
    expect([...budget.options].map((o) => o.textContent)).toEqual(['Choisissez une ligne budgétaire', 'DEPL — Formations et déplacements (Ressources humaines), disponible : 9\u00a0620,00\u00a0€']);
    expect(budget.value).toBe('DEPL');
  });

  it('turns an invalid input into a hint, not an error, when the server refuses the estimate', async () => {
    const { api } = formApi({
      estimateMission: async () => {
        throw new ApiError({ title: 'Mission invalide', status: 422, code: 'invalid-mission', detail: 'Distance invalide (au plus 20 000 km).' });
      },
    });
    const main = await render(missionFormView(context(api)));
    fill(main);
    type(labelled(main, 'Tarif estimé du trajet (€)'), '180');
    await wait(ESTIMATE_DELAY_MS + 50);
    await settle();
    const region = main.querySelector('#mission-estimation') as HTMLElement;
    expect(region.textContent).toBe('Pas d’estimation pour ces valeurs : Distance invalide (au plus 20 000 km).');
    expect(main.querySelector('[role=alert]:not([hidden])')).toBeNull();
  });

  it('lists the errors in a summary that takes the focus, then sends the request and opens the order', async () => {
    const sent: MissionBody[] = [];
    const { api } = formApi({
      submitMission: async (body: MissionBody) => {
        sent.push(body);
        return order({ id: 'm-9' });
      },
    });
    const ctx = context(api);
    const main = await render(missionFormView(ctx));
    const submit = button(main, 'Envoyer la demande');
    submitForm(submit);
    const summary = main.querySelector('#mission-erreurs') as HTMLElement;
    expect(summary.hidden).toBe(false);
    expect(document.activeElement).toBe(summary);
    expect(summary.querySelector('p')?.textContent).toBe('Le formulaire contient 8 erreurs :');
    expect([...summary.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      '#mission-objet',
      '#mission-destination',
      '#mission-depart-date',
      '#mission-depart-heure',
      '#mission-retour-date',
      '#mission-retour-heure',
      '#mission-transport',
      '#mission-ligne',
    ]);
    expect(labelled(main, 'Destination')?.getAttribute('aria-invalid')).toBe('true');
    expect(main.querySelector('#mission-destination-erreur')?.textContent).toBe('Indiquez la destination.');

    fill(main);
    type(labelled(main, 'Tarif estimé du trajet (€)'), '180');
    await settle();
    submitForm(submit);
    await settle();
    expect(sent).toEqual([
      {
        purpose: 'Formation CNFPT sur la commande publique',
        destination: 'Paris',
        destinationPopulation: null,
        paris: true,
        departure: '2099-10-14T07:00',
        returnAt: '2099-10-15T20:00',
        transport: 'TRAIN',
        horsepower: null,
        distanceKm: null,
        kmAlreadyThisYear: null,
        fare: 180,
        budgetLine: 'DEPL',
      },
    ]);
    expect(ctx.navigated).toEqual(['/missions/m-9']);
    expect(ctx.taskCounts).toBe(1);
  });

  it('puts the server’s refusal next to its field, or at the top of the summary', async () => {
    let refusal = new ApiError({ title: 'Ligne inconnue', status: 422, code: 'unknown-budget-line', detail: 'Ligne budgétaire inconnue pour 2099 : « DEPL ».' });
    const { api } = formApi({
      submitMission: async () => {
        throw refusal;
      },
    });
    const main = await render(missionFormView(context(api)));
    fill(main);
    type(labelled(main, 'Tarif estimé du trajet (€)'), '180');
    await settle();
    const submit = button(main, 'Envoyer la demande');
    submitForm(submit);
    await settle();
    expect(main.querySelector('#mission-ligne-erreur')?.textContent).toBe('Ligne budgétaire inconnue pour 2099 : « DEPL ».');
    expect(submit.disabled).toBe(false);
    refusal = new ApiError({ title: 'Signataire manquant', status: 409, code: 'mission-signer-missing', detail: 'La commune n’a pas encore désigné le signataire de ses ordres de mission.' });
    submitForm(submit);
    await settle();
    const summary = main.querySelector('#mission-erreurs') as HTMLElement;
    expect(summary.textContent).toBe('La commune n’a pas encore désigné le signataire de ses ordres de mission.');
    expect(main.querySelector('#mission-ligne-erreur')?.hasAttribute('hidden')).toBe(true);
  });

  it('warns that no signer is designated yet', async () => {
    const { api } = formApi({ missionSettings: async () => ({ ...settings, signerUsername: null, signerLabel: null }) });
    const main = await render(missionFormView(context(api)));
    expect(main.querySelector('.alert-info')?.textContent).toContain('La commune n’a pas encore désigné le signataire de ses ordres de mission');
  });
});

describe('a mission order', () => {
  it('shows the facts, the estimate and the history, and lets the agent cancel while it awaits its validation', async () => {
    const cancelled: unknown[] = [];
    const ctx = context({
      mission: async () => order(),
      cancelMission: async (id: string, reason?: string) => {
        cancelled.push([id, reason]);
        return order({ status: 'CANCELLED', waitingFor: [], history: [...(order().history ?? []), { at: '2026-12-01T11:00:00Z', action: 'CANCELLED', actorUsername: 'agent1', actorName: 'Léa Agent' }] });
      },
    });
    const main = await render(missionOrderView(ctx, { id: 'm-1' }));
    expect(main.querySelector('h1')?.textContent).toBe('Ordre de mission — Paris, du 14/10/2099 au 15/10/2099');
    const facts = main.querySelector('.facts') as HTMLElement;
    const fact = (term: string) => [...facts.querySelectorAll('dt')].find((dt) => dt.textContent === term)?.nextElementSibling?.textContent;
    expect(fact('Statut')).toBe('En attente de validation');
    expect(fact('Départ')).toBe('14/10/2099 à 07:00');
    expect(fact('Transport')).toBe('Train, tarif estimé 180,00\u00a0€');
    expect(fact('Population')).toBe('Paris (nuitées au taux de Paris)');
    expect(fact('Ligne budgétaire')).toBe('DEPL (exercice 2099)');
    expect(fact('En attente de')).toBe('Validation par le responsable');
    expect(fact('Agent')).toBeUndefined();
    expect(fact('Document')).toBeUndefined();
    expect([...main.querySelectorAll('ul.estimate-lines li')].map((li) => li.textContent)).toContain('Total estimé : 380,00\u00a0€');
    expect(main.querySelector('ol.history')?.textContent).toContain('Ordre de mission demandé');

    button(main, 'Annuler ma demande').click();
    const box = dialog();
    expect(box.textContent).toContain('Annuler votre demande d’ordre de mission ?');
    (box.querySelector('textarea') as HTMLTextAreaElement).value = 'Formation reportée';
    box.querySelector('form')?.requestSubmit(button(box, 'Confirmer l’annulation'));
    await settle();
    expect(cancelled).toEqual([['m-1', 'Formation reportée']]);
    const result = main.querySelector('#mission-resultat') as HTMLElement;
    expect(result.textContent).toBe('Votre demande d’ordre de mission est annulée.');
    expect(document.activeElement).toBe(result);
    expect(main.querySelector('.facts')?.textContent).toContain('Annulé');
    expect(button(main, 'Annuler ma demande')).toBeUndefined();
    expect(ctx.taskCounts).toBe(1);
  });

  it('links the order PDF in the GED once it exists, and tells the manager where to decide', async () => {
    const signing = await render(
      missionOrderView(context({ mission: async () => order({ status: 'SIGNING', documentId: 'doc-1', commitmentRef: 'ENG-1', waitingFor: [] }) }), { id: 'm-1' }),
    );
    expect(signing.querySelector('.mission-status-sentence')?.textContent).toBe('L’ordre de mission est à la signature dans le parapheur du signataire de la commune.');
    const link = signing.querySelector('a[href="/documents/doc-1"]') as HTMLElement;
    expect(link.textContent).toBe('Ordre de mission à signer (PDF, dans la GED)');
    expect(signing.querySelector('.facts')?.textContent).toContain('ENG-1');
    expect(button(signing, 'Annuler ma demande')).toBeUndefined();

    const manager = await render(missionOrderView(context({ mission: async () => order() }, me(['agent', 'manager'], 'chef', 'Charles Chef')), { id: 'm-1' }));
    expect(manager.querySelector('.facts')?.textContent).toContain('Léa Agent');
    expect(manager.querySelector('a[href="/taches"]')).not.toBeNull();
    expect(button(manager, 'Annuler ma demande')).toBeUndefined();
  });

  it('lets the agent of a signed order file the état de frais: lines added and removed, a receipt sent to the GED', async () => {
    const uploads: unknown[] = [];
    const filed: unknown[] = [];
    const ctx = context({
      mission: async () => signedOrder(),
      uploadDocument: async (file: File, options: unknown) => {
        uploads.push([file.name, options]);
        return { id: 'doc-hotel' };
      },
      fileExpenses: async (id: string, lines: unknown[]) => {
        filed.push([id, lines]);
        return signedOrder({
          status: 'EXPENSES_FILED',
          waitingFor: ['Validation de l\'état de frais'],
          expensesTotal: 168.5,
          reimbursableTotal: 158.5,
          expenses: [
            { position: 1, kind: 'MEAL', day: '2099-10-14', amount: 18.5, label: 'Déjeuner', receiptDocumentId: null, reimbursable: 18.5, note: null },
            { position: 2, kind: 'NIGHT', day: '2099-10-14', amount: 150, label: 'Hôtel', receiptDocumentId: 'doc-hotel', reimbursable: 140, note: 'Plafonné au taux de la nuitée.' },
          ],
        });
      },
    });
    const main = await render(missionOrderView(ctx, { id: 'm-1' }));
    expect(main.querySelector('a[href="/documents/doc-ordre"]')?.textContent).toBe('Ordre de mission signé (PDF, dans la GED)');
    const section = main.querySelector('section[aria-labelledby="frais-titre"]') as HTMLElement;
    expect(section.querySelectorAll('fieldset')).toHaveLength(1);
    expect(section.querySelector('legend')?.textContent).toBe('Ligne n°1');
    expect(labelled(section, 'Jour de la ligne n°1')?.value).toBe('2099-10-14');

    // sent empty: the summary names the lines' fields
    const submit = button(section, 'Déposer l’état de frais');
    submitForm(submit);
    const summary = section.querySelector('#frais-erreurs') as HTMLElement;
    expect(document.activeElement).toBe(summary);
    expect([...summary.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Nature : Choisissez la nature de la ligne n°1.',
      'Montant (€) : Indiquez le montant de la ligne n°1 en euros et centimes (par exemple 18,50), au plus 10 000 €.',
    ]);

    type(labelled(section, 'Nature de la ligne n°1'), 'MEAL', 'change');
    type(labelled(section, 'Montant (€) de la ligne n°1'), '18,50');
    type(labelled(section, 'Libellé (facultatif) de la ligne n°1'), 'Déjeuner');

    // a second line gets the focus; a third is added then removed, the focus going back to the second
    button(section, 'Ajouter une ligne').click();
    expect(document.activeElement).toBe(labelled(section, 'Nature de la ligne n°2'));
    button(section, 'Ajouter une ligne').click();
    expect(section.querySelectorAll('fieldset')).toHaveLength(3);
    button(section, 'Retirer la ligne n°3').click();
    expect(section.querySelectorAll('fieldset')).toHaveLength(2);
    expect(document.activeElement).toBe(labelled(section, 'Nature de la ligne n°2'));

    type(labelled(section, 'Nature de la ligne n°2'), 'NIGHT', 'change');
    type(labelled(section, 'Montant (€) de la ligne n°2'), '150');
    type(labelled(section, 'Libellé (facultatif) de la ligne n°2'), 'Hôtel');
    submitForm(submit);
    expect(summary.textContent).toContain('Joignez le justificatif de la ligne n°2');
    expect(filed).toEqual([]);

    const file = labelled(section, 'Justificatif de la ligne n°2') as HTMLInputElement;
    Object.defineProperty(file, 'files', { value: [new File(['%PDF-1.4'], 'facture-hotel.pdf', { type: 'application/pdf' })], configurable: true });
    file.dispatchEvent(new Event('change'));
    await settle();
    expect(uploads).toEqual([['facture-hotel.pdf', { tags: ['frais de mission'] }]]);
    const receipt = file.closest('fieldset')?.querySelector('.receipt-status') as HTMLElement;
    expect(receipt.getAttribute('role')).toBe('status');
    expect(receipt.textContent).toBe('Justificatif enregistré dans la GED : « facture-hotel.pdf ».');

    submitForm(submit);
    await settle();
    expect(filed).toEqual([
      [
        'm-1',
        [
          { kind: 'MEAL', day: '2099-10-14', amount: 18.5, label: 'Déjeuner', receiptDocumentId: undefined },
          { kind: 'NIGHT', day: '2099-10-14', amount: 150, label: 'Hôtel', receiptDocumentId: 'doc-hotel' },
        ],
      ],
    ]);
    const result = main.querySelector('#mission-resultat') as HTMLElement;
    expect(result.textContent).toBe('Votre état de frais a été déposé : 168,50\u00a0€ déclarés, 158,50\u00a0€ remboursables. Il attend la validation de votre responsable.');
    expect(document.activeElement).toBe(result);
    expect(main.querySelector('section[aria-labelledby="frais-titre"]')).toBeNull();
    const table = main.querySelector('[aria-label="Tableau de l’état de frais"]') as HTMLElement;
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows[1]).toEqual(['2', 'Nuitée', '14/10/2099', 'Hôtel', '150,00\u00a0€', '140,00\u00a0€', 'Plafonné au taux de la nuitée.', 'Justificatif de la ligne 2']);
    expect(main.querySelector('.totals')?.textContent).toBe('Total déclaré : 168,50\u00a0€ — Total remboursable : 158,50\u00a0€');
  });

  it('shows the server’s « Ligne n : … » refusals next to the lines’ fields', async () => {
    const ctx = context({
      mission: async () => signedOrder(),
      fileExpenses: async () => {
        throw new ApiError({ title: 'État de frais refusé', status: 422, code: 'invalid-expenses', detail: 'Ligne 1 : justificatif introuvable dans la GED de la commune.' });
      },
    });
    const main = await render(missionOrderView(ctx, { id: 'm-1' }));
    type(labelled(main, 'Nature de la ligne n°1'), 'OTHER', 'change');
    type(labelled(main, 'Montant (€) de la ligne n°1'), '12');
    // a receipt kept from before (the id only)
    const file = labelled(main, 'Justificatif de la ligne n°1') as HTMLInputElement;
    Object.defineProperty(file, 'files', { value: [new File(['x'], 'ticket.pdf')], configurable: true });
    (ctx.api as unknown as Record<string, unknown>).uploadDocument = async () => ({ id: 'doc-perdu' });
    file.dispatchEvent(new Event('change'));
    await settle();
    submitForm(button(main, 'Déposer l’état de frais'));
    await settle();
    const error = file.closest('.field')?.querySelector('.field-error') as HTMLElement;
    expect(error.hidden).toBe(false);
    expect(error.textContent).toBe('Ligne n°1 : Justificatif introuvable dans la GED de la commune.');
    expect(file.getAttribute('aria-invalid')).toBe('true');
  });

  it('puts a statement sent back into the form again, with the manager’s reason', async () => {
    const ctx = context({
      mission: async () =>
        signedOrder({
          expensesTotal: 150,
          reimbursableTotal: 140,
          expenses: [{ position: 1, kind: 'NIGHT', day: '2099-10-14', amount: 150, label: 'Hôtel', receiptDocumentId: 'doc-hotel', reimbursable: 140, note: null }],
          history: [
            ...(signedOrder().history ?? []),
            { at: '2026-12-03T10:00:00Z', action: 'EXPENSES_FILED', actorUsername: 'agent1', actorName: 'Léa Agent' },
            { at: '2026-12-04T10:00:00Z', action: 'EXPENSES_SENT_BACK', actorUsername: 'chef', actorName: 'Charles Chef', detail: 'Joindre le billet retour' },
          ],
        }),
    });
    const main = await render(missionOrderView(ctx, { id: 'm-1' }));
    const section = main.querySelector('section[aria-labelledby="frais-titre"]') as HTMLElement;
    expect(section.querySelector('.alert')?.textContent).toContain('Votre responsable vous a renvoyé l’état de frais : Joindre le billet retour');
    expect(labelled(section, 'Nature de la ligne n°1')?.value).toBe('NIGHT');
    expect(labelled(section, 'Montant (€) de la ligne n°1')?.value).toBe('150');
    expect(section.querySelector('.receipt-status a')?.getAttribute('href')).toBe('/documents/doc-hotel');
    expect(main.querySelector('ol.history')?.textContent).toContain('État de frais à reprendre');
  });

  it('shows a closed mission with its reimbursable total', async () => {
    const ctx = context({
      mission: async () =>
        signedOrder({
          status: 'CLOSED',
          waitingFor: [],
          expensesTotal: 168.5,
          reimbursableTotal: 158.5,
          closedAt: '2026-12-05T10:00:00Z',
          expenses: [{ position: 1, kind: 'MEAL', day: '2099-10-14', amount: 18.5, label: null, receiptDocumentId: null, reimbursable: 18.5, note: null }],
        }),
    });
    const main = await render(missionOrderView(ctx, { id: 'm-1' }));
    expect(main.querySelector('.mission-status-sentence')?.textContent).toBe('La mission est close : 158,50\u00a0€ vous seront remboursés.');
    expect(main.querySelector('.facts')?.textContent).toContain('Clos');
    expect(main.querySelector('.totals')?.textContent).toContain('Total remboursable : 158,50\u00a0€');
    expect(main.querySelector('section[aria-labelledby="frais-titre"]')).toBeNull();
  });
});

describe('mission tasks', () => {
  it('shows an order to decide with the same actions, and says what an approval did', async () => {
    const decisions: unknown[] = [];
    let remaining = [missionTask()];
    const ctx = context(
      {
        tasks: async () => remaining,
        decideMission: async (id: string, decision: string, reason?: string) => {
          decisions.push([id, decision, reason]);
          remaining = [];
          return order({ status: 'PENDING', waitingFor: [], commitmentRef: 'ENG-2099-0001' });
        },
      },
      me(['agent', 'manager'], 'chef', 'Charles Chef'),
    );
    const main = await render(tasksView(ctx));
    const card = main.querySelector('article') as HTMLElement;
    expect(card.querySelector('h2')?.textContent).toBe('Léa Agent — Ordre de mission : Paris, du 14/10/2099 au 15/10/2099');
    expect(card.textContent).toContain('Formation CNFPT sur la commande publique');
    expect(card.textContent).toContain('380,00\u00a0€');
    expect(button(card, 'Accorder').textContent).toBe('Accorder l’ordre de mission de Léa Agent (Paris, du 14/10/2099 au 15/10/2099)');
    expect(card.querySelector('a[href="/missions/m-1"]')).not.toBeNull();
    button(card, 'Accorder').click();
    await settle();
    expect(decisions).toEqual([['t-1', 'approve', undefined]]);
    const result = main.querySelector('#taches-resultat') as HTMLElement;
    expect(result.textContent).toBe(
      'Vous avez accordé l’ordre de mission de Léa Agent (Paris, du 14/10/2099 au 15/10/2099). Les crédits sont réservés (engagement ENG-2099-0001). Il part à la signature.',
    );
    expect(document.activeElement).toBe(result);
    expect(main.textContent).toContain('Aucune tâche ne vous attend.');
    expect(missionApprovalOutcome(order({ status: 'REFUSED', decisionReason: 'Crédits insuffisants sur DEPL : 100,00 € disponibles.' }), 'order')).toBe(
      'Vous avez accordé l’ordre de mission de Léa Agent (Paris, du 14/10/2099 au 15/10/2099), mais il est refusé : Crédits insuffisants sur DEPL : 100,00 € disponibles.',
    );
  });

  it('validates an état de frais or sends it back with a reason; the agent’s own statement task only links to the order', async () => {
    const decisions: unknown[] = [];
    const expenses = missionTask({ id: 't-2', key: 'expensesApproval', name: 'Validation de l’état de frais' }, { status: 'EXPENSES_FILED', expensesTotal: 168.5, reimbursableTotal: 158.5 });
    const own = missionTask({ id: 't-3', key: 'fileExpenses', name: 'État de frais de l’agent' }, { id: 'm-3', status: 'SIGNED' });
    const ctx = context(
      {
        tasks: async () => [expenses, own],
        decideMission: async (id: string, decision: string, reason?: string) => {
          decisions.push([id, decision, reason]);
          return order({ status: 'SIGNED' });
        },
      },
      me(['agent', 'manager'], 'chef', 'Charles Chef'),
    );
    const main = await render(tasksView(ctx));
    const [card, ownCard] = [...main.querySelectorAll('article')] as HTMLElement[];
    expect(card.querySelector('h2')?.textContent).toBe('Léa Agent — État de frais : Paris, du 14/10/2099 au 15/10/2099');
    expect(card.textContent).toContain('Total déclaré168,50\u00a0€');
    expect(card.textContent).toContain('Total remboursable158,50\u00a0€');
    button(card, 'Renvoyer à l’agent').click();
    const box = dialog();
    expect(box.querySelector('h2')?.textContent).toBe('Renvoyer l’état de frais de Léa Agent ?');
    box.querySelector('form')?.requestSubmit(button(box, 'Confirmer le renvoi'));
    await settle();
    expect(decisions).toEqual([]);
    expect(box.querySelector('.field-error')?.textContent).toBe('Indiquez le motif du renvoi.');
    (box.querySelector('textarea') as HTMLTextAreaElement).value = 'Joindre le billet retour';
    box.querySelector('form')?.requestSubmit(button(box, 'Confirmer le renvoi'));
    await settle();
    expect(decisions).toEqual([['t-2', 'refuse', 'Joindre le billet retour']]);
    expect(main.querySelector('#taches-resultat')?.textContent).toBe('Vous avez renvoyé l’état de frais de Léa Agent (Paris, du 14/10/2099 au 15/10/2099). Le motif lui est communiqué.');

    const again = [...main.querySelectorAll('article')][1] as HTMLElement;
    expect(ownCard.isConnected).toBe(false);
    expect(again.querySelectorAll('button')).toHaveLength(0);
    expect(again.textContent).toContain('Cette tâche se traite en déposant l’état de frais sur la page de l’ordre de mission.');
    expect(again.querySelector('a[href="/missions/m-3"]')?.textContent).toContain('Déposer l’état de frais');
    expect(missionApprovalOutcome(order({ status: 'CLOSED', reimbursableTotal: 158.5 }), 'expenses')).toBe(
      'Vous avez validé l’état de frais de Léa Agent (Paris, du 14/10/2099 au 15/10/2099) : 158,50\u00a0€ lui seront remboursés.',
    );
  });
});

describe('the mission orders’ settings', () => {
  function settingsApi(overrides: Partial<Record<keyof Api, unknown>> = {}) {
    return {
      workflowSettings: async () => ({ hrValidation: false, reminderWorkingDays: 5 }),
      workflowAgents: async () => [],
      leaveTypes: async () => [],
      definitions: async () => [],
      members: async () => [
        { username: 'agent1', displayName: 'Léa Agent' },
        { username: 'maire', displayName: 'Rose Maire' },
      ],
      missionSettings: async () => ({
        signerUsername: null,
        signerLabel: null,
        rates: {
          meal: 20,
          night: 90,
          nightLargeCity: 120,
          nightParis: 140,
          largeCityPopulation: 200000,
          kilometric: [
            { maxHorsepower: 5, upTo2000: 0.32, upTo10000: 0.4, beyond: 0.23 },
            { maxHorsepower: 2147483647, upTo2000: 0.45, upTo10000: 0.55, beyond: 0.32 },
          ],
        },
      }),
      budgetLines: async (year: number) => (year === 2099 ? [{ code: 'DEPL', year: 2099, label: 'Déplacements', service: null, amount: 5000, committed: 380 }] : []),
      ...overrides,
    };
  }

  it('designates the signer and sets the rates', async () => {
    const saved: unknown[] = [];
    const ctx = context(
      settingsApi({
        saveMissionSettings: async (s: { signerUsername: string; signerLabel: string; rates: Record<string, number> }) => {
          saved.push(s);
          return { ...s, rates: { ...s.rates, kilometric: [] } };
        },
      }),
      me(['commune-admin'], 'admin', 'Admin'),
    );
    const main = await render(procedureSettingsView(ctx));
    const section = main.querySelector('#ordres-de-mission') as HTMLElement;
    expect(section.querySelector('h2')?.textContent).toBe('Ordres de mission');
    expect(section.textContent).toContain('Aucun signataire n’est encore désigné');
    expect([...(labelled(section, 'Signataire des ordres de mission') as unknown as HTMLSelectElement).options].map((o) => o.textContent)).toEqual([
      'Choisissez une personne',
      'Léa Agent (agent1)',
      'Rose Maire (maire)',
    ]);
    expect([...section.querySelectorAll('[aria-label="Tableau des indemnités kilométriques"] tbody th')].map((th) => th.textContent)).toEqual(['5\u00a0CV et moins', '6\u00a0CV et plus']);
    const save = button(section, 'Enregistrer le signataire et les taux');
    type(labelled(section, 'Repas (€)'), 'vingt');
    submitForm(save);
    expect([...section.querySelectorAll('#mission-reglages-erreurs li')].map((li) => li.textContent)).toEqual([
      'Signataire des ordres de mission : Choisissez le signataire des ordres de mission.',
      'Qualité du signataire : Indiquez la qualité du signataire, par exemple « Maire ».',
      'Repas (€) : Indiquez un montant en euros et centimes, de 0 à 1 000 €.',
    ]);
    type(labelled(section, 'Signataire des ordres de mission'), 'maire', 'change');
    type(labelled(section, 'Qualité du signataire'), ' Maire ');
    type(labelled(section, 'Repas (€)'), '20,50');
    submitForm(save);
    await settle();
    expect(saved).toEqual([{ signerUsername: 'maire', signerLabel: 'Maire', rates: { meal: 20.5, night: 90, nightLargeCity: 120, nightParis: 140, largeCityPopulation: 200000 } }]);
    const status = section.querySelector('#missions-statut') as HTMLElement;
    expect(status.textContent).toBe('Réglages des ordres de mission enregistrés : signataire Rose Maire (Maire), repas 20,50\u00a0€, nuitée 90,00\u00a0€.');
    expect(document.activeElement).toBe(status);
  });

  it('shows the budget lines of a year and adds one', async () => {
    const saved: unknown[] = [];
    const ctx = context(
      settingsApi({
        saveBudgetLine: async (code: string, year: number, body: { label: string; service: string | null; amount: number }) => {
          saved.push([code, year, body]);
          return { code, year, ...body, committed: 0 };
        },
      }),
      me(['commune-admin'], 'admin', 'Admin'),
    );
    const main = await render(procedureSettingsView(ctx));
    const section = main.querySelector('#ordres-de-mission') as HTMLElement;
    expect(section.textContent).toContain(`Aucune ligne budgétaire pour l’exercice ${new Date().getFullYear()}`);
    type(labelled(section, 'Exercice'), '2099');
    submitForm(button(section, 'Afficher'));
    await settle();
    const table = section.querySelector('[aria-label="Tableau des lignes budgétaires"]') as HTMLElement;
    expect([...table.querySelectorAll('tbody td')].map((td) => td.textContent).slice(0, 5)).toEqual(['Déplacements', '—', '5\u00a0000,00\u00a0€', '380,00\u00a0€', '4\u00a0620,00\u00a0€']);
    expect(section.querySelector('#ligne-form-titre')?.textContent).toBe('Ajouter une ligne budgétaire pour 2099');

    const save = button(section, 'Enregistrer la ligne');
    type(labelled(section, 'Code de la ligne'), 'DEPL');
    type(labelled(section, 'Libellé de la ligne'), 'Doublon');
    type(labelled(section, 'Montant voté (€)'), '100');
    submitForm(save);
    expect(section.querySelector('#ligne-code-erreur')?.textContent).toBe('Cette ligne existe déjà pour cet exercice : modifiez-la depuis le tableau.');
    type(labelled(section, 'Code de la ligne'), '6256-FORM');
    type(labelled(section, 'Libellé de la ligne'), 'Formations');
    type(labelled(section, 'Service gestionnaire (facultatif)'), 'Ressources humaines');
    type(labelled(section, 'Montant voté (€)'), '12 000');
    submitForm(save);
    await settle();
    expect(saved).toEqual([['6256-FORM', 2099, { label: 'Formations', service: 'Ressources humaines', amount: 12000 }]]);
    expect(section.querySelector('#missions-statut')?.textContent).toBe('Ligne budgétaire « 6256-FORM » de 2099 enregistrée : 12\u00a0000,00\u00a0€ votés, 12\u00a0000,00\u00a0€ disponibles.');

    button(section, 'Modifier la ligne DEPL').click();
    const heading = section.querySelector('#ligne-form-titre') as HTMLElement;
    expect(heading.textContent).toBe('Modifier la ligne DEPL (2099)');
    expect(document.activeElement).toBe(heading);
    expect(labelled(section, 'Code de la ligne')?.readOnly).toBe(true);
    expect(labelled(section, 'Montant voté (€)')?.value).toBe('5000');
  });
});
