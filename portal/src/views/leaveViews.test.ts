import type { Api, DefinitionUse, LeaveRequest, Me, WorkflowTask } from '../api';
import { ApiError } from '../api';
import type { ViewContext } from './context';
import { leaveCalendarView } from './leaveCalendar';
import { leaveFormView } from './leaveForm';
import { leaveMineView } from './leaveMine';
import { leaveRequestView } from './leaveRequest';
import { procedureSettingsView } from './procedureSettings';
import { approvalOutcome, tasksView } from './tasks';

const me = (roles: string[] = ['agent'], username = 'agent1', displayName = 'Léa Agent'): Me => ({
  subject: 's',
  username,
  displayName,
  operator: false,
  roles,
  commune: { insee: '67471', name: 'Souffelweyersheim', status: 'ACTIVE' },
});

const request = (overrides: Partial<LeaveRequest> = {}): LeaveRequest => ({
  id: 'r-1',
  agentUsername: 'agent1',
  agentName: 'Léa Agent',
  typeCode: 'CA',
  typeLabel: 'Congés annuels',
  startDate: '2099-09-14',
  startHalf: 'MORNING',
  endDate: '2099-09-18',
  endHalf: 'AFTERNOON',
  workingDays: 5,
  comment: 'Vacances en famille',
  status: 'PENDING',
  processInstanceId: 'p-1',
  processVersion: 1,
  decidedBy: null,
  decisionReason: null,
  createdAt: '2026-12-01T09:00:00Z',
  decidedAt: null,
  cancelledAt: null,
  waitingFor: ['Validation par le responsable'],
  history: [{ at: '2026-12-01T09:00:00Z', action: 'SUBMITTED', actorUsername: 'agent1', actorName: 'Léa Agent', detail: 'Congés annuels du 14 septembre 2099 au 18 septembre 2099 (5 j)' }],
  ...overrides,
});

const task = (overrides: Partial<WorkflowTask> = {}): WorkflowTask => ({
  id: 't-1',
  key: 'managerApproval',
  name: 'Validation par le responsable',
  processKey: 'leaveRequest',
  createdAt: '2026-12-01T09:00:01Z',
  escalated: false,
  leaveRequest: request({ waitingFor: null, history: null }),
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

const settle = () => new Promise((r) => setTimeout(r, 0));
const button = (root: ParentNode, name: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name || b.textContent?.startsWith(name)) as HTMLButtonElement;
const labelled = (root: ParentNode, label: string) => {
  const l = [...root.querySelectorAll('label')].find((x) => x.textContent === label);
  return l ? (document.getElementById(l.htmlFor) as HTMLElement) : null;
};
const dialog = () => document.querySelector('dialog') as HTMLDialogElement;

beforeAll(() => {
  // jsdom has no modal dialogs
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

describe('leave pages', () => {
  it('lists my balances, my requests with their status in words, and my notifications', async () => {
    const read: string[] = [];
    const ctx = context({
      leaveBalances: async () => [
        { typeCode: 'CA', typeLabel: 'Congés annuels', days: 25, pending: 5 },
        { typeCode: 'RTT', typeLabel: 'Réduction du temps de travail (RTT)', days: 12.5, pending: 0 },
      ],
      leaveRequests: async () => [request(), request({ id: 'r-2', status: 'APPROVED', startHalf: 'AFTERNOON', endHalf: 'MORNING' }), request({ id: 'r-3', status: 'CANCELLED' })],
      procedureNotifications: async () => [{ id: 'n-1', kind: 'leave.approved', subjectKind: 'LEAVE', subjectId: 'r-2', message: 'Votre congé du 14 septembre 2099 au 18 septembre 2099 est accordé.', at: '2026-12-02T10:00:00Z', read: false }],
      markProcedureNotificationRead: async (id: string) => void read.push(id),
    });
    const main = await render(leaveMineView(ctx));
    expect(main.querySelector('h1')?.textContent).toBe('Mes congés');
    expect([...main.querySelectorAll('nav[aria-label="Congés"] a')].map((a) => a.textContent)).toEqual(['Mes congés', 'Demander un congé', 'Calendrier d’équipe']);
    const [balances, requests] = [...main.querySelectorAll('table')];
    expect([...balances.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Type', 'Solde', 'Dont demandé en attente']);
    expect([...balances.querySelectorAll('tbody tr')].map((tr) => tr.textContent)).toEqual(['Congés annuels25\u00a0jours5\u00a0jours', 'Réduction du temps de travail (RTT)12,5\u00a0jours0\u00a0jour']);
    const rows = [...requests.querySelectorAll('tbody tr')];
    expect(rows.map((r) => r.querySelector('.status')?.textContent)).toEqual(['En attente', 'Accordée', 'Annulée']);
    expect(rows[1].textContent).toContain('14/09/2099 après-midi');
    expect(rows[1].textContent).toContain('18/09/2099 matin');
    expect(rows[0].querySelector('th a')?.getAttribute('href')).toBe('/conges/r-1');
    expect(rows[0].querySelector('th a')?.textContent).toBe('Congés annuels du 14/09/2099 au 18/09/2099');
    expect(main.querySelector('.notifications a')?.getAttribute('href')).toBe('/conges/r-2');
    button(main, 'Marquer comme lu').click();
    await settle();
    expect(read).toEqual(['n-1']);
    expect(main.textContent).toContain('Aucune nouvelle notification.');
  });

  it('says when the commune is not subscribed', async () => {
    const refused = async () => {
      throw new ApiError({ title: 'Interdit', status: 403, code: 'service-not-subscribed', detail: 'La commune n’est pas abonnée aux demandes de congés.' });
    };
    const main = await render(leaveMineView(context({ leaveBalances: refused, leaveRequests: async () => [], procedureNotifications: async () => [] })));
    expect(main.querySelector('[role=alert]')?.textContent).toBe('La commune n’est pas abonnée aux demandes de congés.');
    expect(main.querySelector('a[href="/catalogue"]')).not.toBeNull();
  });

  it('checks the request form, then sends it and opens the request with a notice', async () => {
    const sent: unknown[] = [];
    const ctx = context({
      leaveTypes: async () => [
        { code: 'CA', label: 'Congés annuels', tracksBalance: true, active: true },
        { code: 'RTT', label: 'RTT', tracksBalance: true, active: true },
        { code: 'OLD', label: 'Ancien type', tracksBalance: false, active: false },
      ],
      leaveBalances: async () => [{ typeCode: 'CA', typeLabel: 'Congés annuels', days: 25, pending: 2.5 }],
      submitLeave: async (body: unknown) => {
        sent.push(body);
        return request({ id: 'r-9' });
      },
    });
    const main = await render(leaveFormView(ctx));
    expect(main.querySelector('h1')?.textContent).toBe('Demander un congé');
    const type = labelled(main, 'Type de congé') as HTMLSelectElement;
    expect([...type.options].map((o) => o.value)).toEqual(['', 'CA', 'RTT']);
    const form = main.querySelector('form') as HTMLFormElement;
    const submit = button(main, 'Envoyer la demande');

    // nothing filled in: the summary lists the errors, takes the focus, the fields are marked
    form.requestSubmit(submit);
    await settle();
    const summary = main.querySelector('#conge-erreurs') as HTMLElement;
    expect(summary.hidden).toBe(false);
    expect(document.activeElement).toBe(summary);
    expect([...summary.querySelectorAll('li a')].map((a) => a.getAttribute('href'))).toEqual(['#conge-type', '#conge-debut', '#conge-fin']);
    expect(summary.textContent).toContain('Le formulaire contient 3 erreurs');
    expect(type.getAttribute('aria-invalid')).toBe('true');
    expect(type.getAttribute('aria-describedby')).toContain('conge-type-erreur');
    expect(main.querySelector('#conge-type-erreur')?.textContent).toBe('Choisissez le type de congé.');
    expect(sent).toEqual([]);

    type.value = 'CA';
    type.dispatchEvent(new Event('change'));
    expect(main.querySelector('#conge-solde')?.textContent).toBe('Solde : 25\u00a0jours, dont 2,5\u00a0jours déjà demandé(s) en attente.');
    const start = labelled(main, 'Date de début') as HTMLInputElement;
    start.value = '2099-09-14';
    start.dispatchEvent(new Event('change'));
    const end = labelled(main, 'Date de fin') as HTMLInputElement;
    expect(end.value).toBe('2099-09-14');
    end.value = '2099-09-18';
    (labelled(main, 'Demi-journée de début') as HTMLSelectElement).value = 'AFTERNOON';
    (labelled(main, 'Commentaire (facultatif)') as HTMLTextAreaElement).value = 'Vacances';
    form.requestSubmit(submit);
    await settle();
    expect(summary.hidden).toBe(true);
    expect(type.hasAttribute('aria-invalid')).toBe(false);
    expect(sent).toEqual([{ type: 'CA', startDate: '2099-09-14', startHalf: 'AFTERNOON', endDate: '2099-09-18', endHalf: 'AFTERNOON', comment: 'Vacances' }]);
    expect(ctx.navigated).toEqual(['/conges/r-9']);

    // the request's page shows the notice once
    const detail = await render(leaveRequestView(context({ leaveRequest: async () => request({ id: 'r-9' }) }), { id: 'r-9' }));
    expect(detail.querySelector('#demande-resultat')?.textContent).toContain('Votre demande de congé a été envoyée : Congés annuels du 14/09/2099 au 18/09/2099');
    const again = await render(leaveRequestView(context({ leaveRequest: async () => request({ id: 'r-9' }) }), { id: 'r-9' }));
    expect(again.querySelector('#demande-resultat')?.textContent).toBe('');
  });

  it('shows the server’s refusal next to the field it concerns', async () => {
    const ctx = context({
      leaveTypes: async () => [{ code: 'CA', label: 'Congés annuels', tracksBalance: true, active: true }],
      leaveBalances: async () => [],
      submitLeave: async () => {
        throw new ApiError({ title: 'Solde insuffisant', status: 422, code: 'insufficient-balance', detail: 'Solde insuffisant : la demande compte 5 jour(s) ouvré(s) de Congés annuels, votre solde est de 2 jour(s).' });
      },
    });
    const main = await render(leaveFormView(ctx));
    expect((labelled(main, 'Type de congé') as HTMLSelectElement).value).toBe('CA');
    (labelled(main, 'Date de début') as HTMLInputElement).value = '2099-09-14';
    (labelled(main, 'Date de fin') as HTMLInputElement).value = '2099-09-18';
    const form = main.querySelector('form') as HTMLFormElement;
    form.requestSubmit(button(main, 'Envoyer la demande'));
    await settle();
    const summary = main.querySelector('#conge-erreurs') as HTMLElement;
    expect(summary.querySelector('a')?.textContent).toBe('Type de congé : Solde insuffisant : la demande compte 5 jour(s) ouvré(s) de Congés annuels, votre solde est de 2 jour(s).');
    expect(main.querySelector('#conge-type-erreur')?.textContent).toContain('votre solde est de 2 jour(s)');
    expect(ctx.navigated).toEqual([]);
    expect(button(main, 'Envoyer la demande').disabled).toBe(false);
  });

  it('shows a request with its history and lets its agent cancel it', async () => {
    const cancelled: unknown[] = [];
    const approved = request({
      status: 'APPROVED',
      decidedBy: 'chef',
      decidedAt: '2026-12-02T10:00:00Z',
      waitingFor: [],
      history: [
        { at: '2026-12-02T10:00:00Z', action: 'APPROVED', actorUsername: 'chef', actorName: 'Charles Chef' },
        { at: '2026-12-01T09:00:00Z', action: 'SUBMITTED', actorUsername: 'agent1', actorName: 'Léa Agent' },
        { at: '2026-12-02T09:59:59Z', action: 'STEP_APPROVED', actorUsername: 'chef', actorName: 'Charles Chef', detail: 'Validation par le responsable' },
      ],
    });
    const ctx = context({
      leaveRequest: async () => approved,
      cancelLeave: async (...args: unknown[]) => {
        cancelled.push(args);
        return { ...approved, status: 'CANCELLED', cancelledAt: '2026-12-03T08:00:00Z', history: [...(approved.history ?? []), { at: '2026-12-03T08:00:00Z', action: 'CANCELLED', actorName: 'Léa Agent', detail: 'Chantier déplacé' }] };
      },
    });
    const main = await render(leaveRequestView(ctx, { id: 'r-1' }));
    expect(main.querySelector('h1')?.textContent).toBe('Congés annuels du 14/09/2099 au 18/09/2099');
    const facts = main.querySelector('.facts') as HTMLElement;
    expect(facts.textContent).toContain('Accordée');
    expect(facts.textContent).toContain('Accordée par Charles Chef le');
    expect(facts.textContent).toContain('14/09/2099 matin');
    expect(facts.textContent).toContain('5\u00a0jours');
    expect(facts.textContent).not.toContain('En attente de');
    expect([...main.querySelectorAll('ol.history li .history-action')].map((x) => x.textContent)).toEqual(['Demande déposée', 'Étape validée', 'Congé accordé']);

    button(main, 'Annuler ma demande').click();
    const box = dialog();
    expect(box.hasAttribute('open')).toBe(true);
    expect(box.textContent).toContain('reviennent sur votre solde');
    (labelled(box, 'Motif de l’annulation (facultatif)') as HTMLTextAreaElement).value = 'Chantier déplacé';
    box.querySelector('form')?.requestSubmit(button(box, 'Confirmer l’annulation'));
    await settle();
    expect(cancelled).toEqual([['r-1', 'Chantier déplacé']]);
    const result = main.querySelector('#demande-resultat') as HTMLElement;
    expect(result.textContent).toBe('Votre congé est annulé : 5\u00a0jours reviennent sur votre solde.');
    expect(document.activeElement).toBe(result);
    expect(main.querySelector('.facts')?.textContent).toContain('Annulée');
    expect(button(main, 'Annuler ma demande')).toBeUndefined();
    expect(main.querySelector('ol.history')?.lastElementChild?.textContent).toContain('Demande annulée');
    expect(ctx.taskCounts).toBe(1);
  });

  it('shows whom a request waits for, and no cancellation to another person', async () => {
    const main = await render(leaveRequestView(context({ leaveRequest: async () => request() }, me(['agent', 'manager'], 'chef', 'Charles Chef')), { id: 'r-1' }));
    const facts = main.querySelector('.facts') as HTMLElement;
    expect(facts.textContent).toContain('En attente de');
    expect(facts.textContent).toContain('Validation par le responsable');
    expect(facts.textContent).toContain('Léa Agent');
    expect(button(main, 'Annuler ma demande')).toBeUndefined();
    expect(main.querySelector('a[href="/taches"]')).not.toBeNull();
  });
});

describe('tasks page', () => {
  it('lists the tasks, requires a reason to refuse, then refuses and reads the list again', async () => {
    const decisions: unknown[] = [];
    let remaining = [task(), task({ id: 't-2', escalated: true, leaveRequest: request({ id: 'r-2', agentUsername: 'agent2', agentName: 'Paul Agent', waitingFor: null, history: null }) })];
    const ctx = context(
      {
        tasks: async () => remaining,
        decide: async (id: string, decision: string, reason?: string) => {
          decisions.push([id, decision, reason]);
          remaining = remaining.filter((t) => t.id !== id);
          return request({ status: 'REFUSED', decisionReason: reason });
        },
      },
      me(['agent', 'manager'], 'chef', 'Charles Chef'),
    );
    const main = await render(tasksView(ctx));
    expect(main.querySelector('h1')?.textContent).toBe('Mes tâches');
    const cards = [...main.querySelectorAll('article')];
    expect(cards.map((c) => c.querySelector('h2')?.textContent)).toEqual([
      'Léa Agent — Congés annuels du 14/09/2099 au 18/09/2099',
      'Paul Agent — Congés annuels du 14/09/2099 au 18/09/2099',
    ]);
    expect(cards[0].textContent).not.toContain('relancée');
    expect(cards[1].querySelector('.escalated')?.textContent).toBe(' — relancée');
    expect(cards[0].textContent).toContain('5\u00a0jours');
    expect(button(cards[0], 'Accorder').textContent).toBe('Accorder la demande de Léa Agent du 14/09/2099 au 18/09/2099');

    button(cards[0], 'Refuser').click();
    const box = dialog();
    const reason = labelled(box, 'Motif du refus (obligatoire)') as HTMLTextAreaElement;
    const confirm = button(box, 'Confirmer le refus');
    box.querySelector('form')?.requestSubmit(confirm);
    await settle();
    expect(decisions).toEqual([]);
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(box.querySelector('.field-error')?.textContent).toBe('Indiquez le motif du refus.');
    expect(reason.getAttribute('aria-describedby')).toContain(box.querySelector('.field-error')?.id);
    expect(document.activeElement).toBe(reason);
    reason.value = 'Service minimum non assuré';
    reason.dispatchEvent(new Event('input'));
    expect(reason.hasAttribute('aria-invalid')).toBe(false);
    box.querySelector('form')?.requestSubmit(confirm);
    await settle();
    await settle();
    expect(decisions).toEqual([['t-1', 'refuse', 'Service minimum non assuré']]);
    expect(main.querySelectorAll('article')).toHaveLength(1);
    const result = main.querySelector('#taches-resultat') as HTMLElement;
    expect(result.textContent).toContain('Vous avez refusé la demande de Léa Agent');
    expect(document.activeElement).toBe(result);
    expect(ctx.taskCounts).toBe(1);
    expect(document.querySelector('dialog')).toBeNull();
  });

  it('shows the server’s 422 in the refusal dialog', async () => {
    const ctx = context({
      tasks: async () => [task()],
      decide: async () => {
        throw new ApiError({ title: 'Motif requis', status: 422, code: 'reason-required', detail: 'Le motif du refus est obligatoire.' });
      },
    });
    const main = await render(tasksView(ctx));
    button(main, 'Refuser').click();
    const box = dialog();
    (labelled(box, 'Motif du refus (obligatoire)') as HTMLTextAreaElement).value = 'x';
    box.querySelector('form')?.requestSubmit(button(box, 'Confirmer le refus'));
    await settle();
    expect(box.querySelector('[role=alert]')?.textContent).toBe('Le motif du refus est obligatoire.');
    expect(box.hasAttribute('open')).toBe(true);
    button(box, 'Annuler').click();
  });

  it('approves at once and says what happens next; a refusal of the server stays on the card', async () => {
    const ctx = context({
      tasks: async () => [task()],
      decide: async () => {
        throw new ApiError({ title: 'Interdit', status: 403, code: 'own-request', detail: 'Vous ne pouvez pas décider de votre propre demande.' });
      },
    });
    const main = await render(tasksView(ctx));
    button(main, 'Accorder').click();
    await settle();
    const alert = main.querySelector('article [role=alert]') as HTMLElement;
    expect(alert.hidden).toBe(false);
    expect(alert.textContent).toBe('Vous ne pouvez pas décider de votre propre demande.');
    expect(button(main, 'Accorder').disabled).toBe(false);

    expect(approvalOutcome(request({ status: 'APPROVED' }))).toBe('Vous avez accordé le congé de Léa Agent (Congés annuels du 14/09/2099 au 18/09/2099, 5\u00a0jours ouvré(s)).');
    expect(approvalOutcome(request({ status: 'PENDING', waitingFor: ['Validation RH'] }))).toContain('La demande attend maintenant : Validation RH.');
  });

  it('says when nothing awaits', async () => {
    const main = await render(tasksView(context({ tasks: async () => [] })));
    expect(main.textContent).toContain('Aucune tâche ne vous attend.');
  });
});

describe('team calendar', () => {
  it('shows a month as a table: a row per person, absences written in the cells, weekends in words', async () => {
    const asked: string[] = [];
    const ctx = context(
      {
        leaveCalendar: async (from: string, to: string) => {
          asked.push(from, to);
          return [
            { requestId: 'r-1', agentUsername: 'agent1', agentName: 'Léa Agent', typeCode: 'CA', startDate: '2031-09-15', startHalf: 'MORNING', endDate: '2031-09-19', endHalf: 'MORNING', workingDays: 4.5 },
            { requestId: 'r-2', agentUsername: 'chef', agentName: 'Charles Chef', typeCode: 'RTT', startDate: '2031-08-29', startHalf: 'MORNING', endDate: '2031-09-01', endHalf: 'AFTERNOON', workingDays: 2 },
          ];
        },
        leaveTypes: async () => [
          { code: 'CA', label: 'Congés annuels', tracksBalance: true, active: true },
          { code: 'RTT', label: 'RTT', tracksBalance: true, active: true },
        ],
        workflowAgents: async () => [
          { username: 'agent1', displayName: 'Léa Agent', managerUsername: 'chef', active: true },
          { username: 'agent3', displayName: 'Bob Autre', managerUsername: 'chef', active: true },
          { username: 'agent4', displayName: 'Zoé Ailleurs', managerUsername: 'autre', active: true },
        ],
      },
      me(['agent', 'manager'], 'chef', 'Charles Chef'),
      'mois=2031-09',
    );
    const main = await render(leaveCalendarView(ctx));
    expect(asked).toEqual(['2031-09-01', '2031-09-30']);
    expect(main.querySelector('h1')?.textContent).toBe('Calendrier d’équipe');
    expect(main.querySelector('#mois-titre')?.textContent).toBe('Septembre 2031');
    const table = main.querySelector('table.calendar') as HTMLTableElement;
    expect(table.querySelector('caption')?.textContent).toContain('septembre 2031 : 2 absences accordées');
    const headers = [...table.querySelectorAll('thead th')];
    expect(headers).toHaveLength(31);
    expect(headers[6].textContent).toBe('sa6samedi 6 septembre (week-end)');
    expect(headers[6].classList.contains('weekend')).toBe(true);
    const rows = [...table.querySelectorAll('tbody tr')];
    expect(rows.map((r) => r.querySelector('th')?.textContent)).toEqual(['Bob Autre', 'Charles Chef', 'Léa Agent']);
    const cells = (row: Element) => [...row.querySelectorAll('td')].map((td) => td.textContent);
    expect(cells(rows[2]).slice(14, 19)).toEqual(['CA', 'CA', 'CA', 'CA', 'CA matin']);
    expect(cells(rows[2]).filter((t) => t)).toHaveLength(5);
    expect(cells(rows[1])[0]).toBe('RTT');
    expect(cells(rows[0]).every((t) => t === '')).toBe(true);
    expect(main.querySelector('a[rel=prev]')?.getAttribute('href')).toBe('/conges/calendrier?mois=2031-08');
    expect(main.querySelector('a[rel=next]')?.getAttribute('href')).toBe('/conges/calendrier?mois=2031-10');
    expect(main.querySelector('.absence-list')?.textContent).toContain('Léa Agent : Congés annuels du 15/09/2031 matin au 19/09/2031 matin (4,5\u00a0jours ouvré(s))');

    const month = labelled(main, 'Mois affiché') as HTMLInputElement;
    expect(month.value).toBe('2031-09');
    month.value = '2032-01';
    month.closest('form')?.requestSubmit(button(main, 'Afficher'));
    expect(ctx.navigated).toEqual(['/conges/calendrier?mois=2032-01']);
  });

  it('shows an agent their own row only', async () => {
    const ctx = context({ leaveCalendar: async () => [], leaveTypes: async () => [], workflowAgents: async () => { throw new Error('not called'); } }, me(), 'mois=2031-02');
    const main = await render(leaveCalendarView(ctx));
    expect([...main.querySelectorAll('tbody th')].map((th) => th.textContent)).toEqual(['Léa Agent']);
    expect(main.querySelectorAll('thead th')).toHaveLength(29);
    expect(main.textContent).toContain('Aucune absence accordée ce mois-ci.');
  });
});

describe('procedure settings', () => {
  const shared: DefinitionUse = { commune: '67471', processKey: 'leaveRequest', name: 'Demande de congé', version: 1, definitionId: 'leaveRequest:1:1', communeVariant: false, deployedAt: '2026-12-01T00:00:00Z', defaultVersion: 1 };

  function settingsApi(overrides: Partial<Record<keyof Api, unknown>> = {}) {
    return {
      workflowSettings: async () => ({ hrValidation: false, reminderWorkingDays: 5 }),
      workflowAgents: async () => [
        { username: 'agent1', displayName: 'Léa Agent', service: 'Services techniques', managerUsername: 'chef', workingPattern: 'MON,TUE,WED_AM,THU,FRI', active: true },
        { username: 'chef', displayName: 'Charles Chef', service: null, managerUsername: null, workingPattern: null, active: true },
      ],
      leaveTypes: async () => [
        { code: 'CA', label: 'Congés annuels', tracksBalance: true, active: true },
        { code: 'ASA', label: 'Autorisation spéciale d’absence', tracksBalance: false, active: false },
      ],
      definitions: async () => [shared],
      members: async () => [
        { username: 'agent1', displayName: 'Léa Agent' },
        { username: 'chef', displayName: 'Charles Chef' },
        { username: 'nouveau', displayName: 'Nina Nouvelle' },
      ],
      missionSettings: async () => ({ signerUsername: null, signerLabel: null, rates: { meal: 20, night: 90, nightLargeCity: 120, nightParis: 140, largeCityPopulation: 200000, kilometric: [] } }),
      budgetLines: async () => [],
      ...overrides,
    };
  }

  it('shows the settings, agents, leave types and definitions, and saves the settings', async () => {
    const saved: unknown[] = [];
    const ctx = context(
      settingsApi({
        saveWorkflowSettings: async (s: unknown) => {
          saved.push(s);
          return s;
        },
      }),
      me(['commune-admin'], 'admin', 'Admin'),
    );
    const main = await render(procedureSettingsView(ctx));
    expect(main.querySelector('h1')?.textContent).toBe('Réglages des procédures');
    expect([...main.querySelectorAll('h2')].map((x) => x.textContent)).toEqual(['Validation des demandes', 'Agents', 'Types de congés', 'Ordres de mission', 'Définitions des procédures']);
    const agents = main.querySelector('[aria-label="Tableau des agents"]') as HTMLElement;
    expect(agents.querySelectorAll('tbody tr')[0].textContent).toContain('Lundi, mardi, mercredi matin, jeudi, vendredi');
    expect(agents.querySelectorAll('tbody tr')[0].textContent).toContain('Charles Chef');
    expect(agents.querySelectorAll('tbody tr')[1].textContent).toContain('Aucun (rôle Encadrant)');
    expect(main.querySelector('[aria-label="Tableau des procédures"]')?.textContent).toContain('Définition partagée');
    expect(button(main, 'Revenir à la définition partagée')).toBeUndefined();

    const reminder = labelled(main, 'Délai de relance (jours ouvrés)') as HTMLInputElement;
    expect(reminder.value).toBe('5');
    reminder.value = '0';
    const save = button(main, 'Enregistrer les réglages');
    save.closest('form')?.requestSubmit(save);
    await settle();
    expect(saved).toEqual([]);
    expect(reminder.getAttribute('aria-invalid')).toBe('true');
    reminder.value = '3';
    (labelled(main, 'Validation par le service RH après le responsable') as HTMLInputElement).checked = true;
    save.closest('form')?.requestSubmit(save);
    await settle();
    expect(saved).toEqual([{ hrValidation: true, reminderWorkingDays: 3 }]);
    expect(main.querySelector('#reglages-statut')?.textContent).toBe('Réglages enregistrés : validation RH activée, relance après 3 jour(s) ouvré(s).');
  });

  it('edits an agent: manager, service and working pattern', async () => {
    const saved: unknown[] = [];
    const ctx = context(
      settingsApi({
        saveWorkflowAgent: async (username: string, body: Record<string, unknown>) => {
          saved.push([username, body]);
          return { username, ...body };
        },
      }),
      me(['commune-admin'], 'admin', 'Admin'),
    );
    const main = await render(procedureSettingsView(ctx));
    // adding: only the people not yet described are offered
    expect([...(labelled(main, 'Personne') as HTMLSelectElement).options].map((o) => o.value)).toEqual(['', 'nouveau']);
    button(main, 'Modifier l’agent Léa Agent').click();
    const heading = main.querySelector('#agent-form-titre') as HTMLElement;
    expect(heading.textContent).toBe('Modifier l’agent Léa Agent');
    expect(document.activeElement).toBe(heading);
    expect((labelled(main, 'Mercredi') as HTMLSelectElement).value).toBe('AM');
    expect((labelled(main, 'Responsable') as HTMLSelectElement).value).toBe('chef');
    (labelled(main, 'Vendredi') as HTMLSelectElement).value = 'OFF';
    (labelled(main, 'Service (facultatif)') as HTMLInputElement).value = 'Voirie';
    const save = button(main, 'Enregistrer l’agent');
    save.closest('form')?.requestSubmit(save);
    await settle();
    await settle();
    expect(saved).toEqual([['agent1', { displayName: 'Léa Agent', service: 'Voirie', managerUsername: 'chef', workingPattern: 'MON,TUE,WED_AM,THU', active: true }]]);
    expect(main.querySelector('#agents-statut')?.textContent).toBe('Agent « Léa Agent » enregistré.');
    expect(main.querySelector('#agent-form-titre')?.textContent).toBe('Ajouter un agent');
  });

  it('sets a balance and adds a leave type', async () => {
    const calls: unknown[] = [];
    const ctx = context(
      settingsApi({
        setLeaveBalance: async (...args: unknown[]) => {
          calls.push(['balance', ...args]);
          return { username: 'agent1', type: 'CA', days: 12.5 };
        },
        saveLeaveType: async (code: string, body: Record<string, unknown>) => {
          calls.push(['type', code, body]);
          return { code, ...body };
        },
      }),
      me(['commune-admin'], 'admin', 'Admin'),
    );
    const main = await render(procedureSettingsView(ctx));
    (labelled(main, 'Agent') as HTMLSelectElement).value = 'agent1';
    (labelled(main, 'Solde (jours)') as HTMLInputElement).value = '12,5';
    const saveBalance = button(main, 'Enregistrer le solde');
    saveBalance.closest('form')?.requestSubmit(saveBalance);
    await settle();
    expect(main.querySelector('#agents-statut')?.textContent).toBe('Solde « Congés annuels » de Léa Agent fixé à 12,5\u00a0jours.');

    (labelled(main, 'Code') as HTMLInputElement).value = 'CA';
    (labelled(main, 'Libellé') as HTMLInputElement).value = 'Doublon';
    const saveType = button(main, 'Enregistrer le type');
    saveType.closest('form')?.requestSubmit(saveType);
    await settle();
    expect(main.querySelector('#type-code-erreur')?.textContent).toBe('Ce code existe déjà : modifiez le type depuis le tableau.');
    (labelled(main, 'Code') as HTMLInputElement).value = 'asa2';
    (labelled(main, 'Libellé') as HTMLInputElement).value = 'Garde d’enfant';
    (labelled(main, 'Décompté d’un solde') as HTMLInputElement).checked = false;
    saveType.closest('form')?.requestSubmit(saveType);
    await settle();
    await settle();
    expect(calls).toEqual([
      ['balance', 'agent1', 'CA', 12.5],
      ['type', 'ASA2', { label: 'Garde d’enfant', tracksBalance: false, active: true }],
    ]);
    expect(main.querySelector('#types-statut')?.textContent).toBe('Type de congé « Garde d’enfant » (ASA2) enregistré.');
  });

  it('shows a refused BPMN variant’s violations as a list, and goes back to the shared definition', async () => {
    const variant: DefinitionUse = { ...shared, version: 3, communeVariant: true };
    const reverted: string[] = [];
    const ctx = context(
      settingsApi({
        definitions: async () => (reverted.length ? [shared] : [variant]),
        deployDefinition: async () => {
          throw new ApiError({
            title: 'Variante refusée',
            status: 422,
            code: 'invalid-bpmn',
            detail: 'Variante refusée : Le processus doit être exécutable (isExecutable="true"). élément « s1 » : type d\'élément non permis (ScriptTask).',
          });
        },
        revertDefinition: async (key: string) => {
          reverted.push(key);
          return shared;
        },
      }),
      me(['commune-admin'], 'admin', 'Admin'),
    );
    const main = await render(procedureSettingsView(ctx));
    expect(main.querySelector('[aria-label="Tableau des procédures"]')?.textContent).toContain('Variante de la commune');
    const file = labelled(main, 'Nouveau fichier BPMN 2.0 de la variante de « Demande de congé »') as HTMLInputElement;
    const deploy = button(main, 'Déployer la variante de « Demande de congé »');
    deploy.closest('form')?.requestSubmit(deploy);
    await settle();
    expect(main.querySelector('#definition-leaveRequest-erreur')?.textContent).toBe('Choisissez le fichier BPMN de la variante.');
    Object.defineProperty(file, 'files', { value: [new File(['<definitions/>'], 'conges.bpmn', { type: 'application/xml' })], configurable: true });
    deploy.closest('form')?.requestSubmit(deploy);
    await settle();
    const error = main.querySelector('#definition-leaveRequest-erreur') as HTMLElement;
    expect(error.getAttribute('role')).toBe('alert');
    expect([...error.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Le processus doit être exécutable (isExecutable="true").',
      'élément « s1 » : type d\'élément non permis (ScriptTask).',
    ]);

    button(main, 'Revenir à la définition partagée').click();
    const box = dialog();
    box.querySelector('form')?.requestSubmit(button(box, 'Confirmer le retour'));
    await settle();
    await settle();
    expect(reverted).toEqual(['leaveRequest']);
    expect(main.querySelector('#definitions-statut')?.textContent).toBe('« Demande de congé » suit de nouveau la définition partagée (version 1).');
    expect(button(main, 'Revenir à la définition partagée')).toBeUndefined();
  });
});
