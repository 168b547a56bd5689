import type { LeaveRequest, MissionOrder, WorkflowTask } from '../api';
import { h, srOnly } from '../dom';
import { formatDateTime, formatEuro } from '../format';
import { formatDays, halfDayText, periodText, requestTitle } from '../leave';
import { formatLocalDateTime, missionHref, missionTaskKind, missionTitle, transportText, type MissionTaskKind } from '../missions';
import type { ViewContext } from './context';
import { openFormDialog } from './dialog';
import { messageOf, personName } from './documentParts';
import { leaveHref } from './leaveParts';
import { factList, showProblem } from './parapheurParts';

const TITLE = 'Mes tâches';

/**
 * The tasks awaiting me (leave requests, mission orders and their états de frais to decide, as the agents' manager or
 * the HR): approve at once, or refuse with a reason given in a dialog. After a decision the list is read again, the
 * navigation's count updated and the outcome shown in a status message that receives the focus.
 */
export async function tasksView(ctx: ViewContext): Promise<HTMLElement[]> {
  const tasks = await ctx.api.tasks();
  const result = h('div', { id: 'taches-resultat', class: 'action-result', role: 'status', tabindex: '-1' });
  const list = h('div', { class: 'task-list' });
  const render = (items: WorkflowTask[]) => list.replaceChildren(taskList(ctx, items, decided));
  const decided = async (message: string) => {
    let items: WorkflowTask[] | null = null;
    try {
      items = await ctx.api.tasks();
    } catch (e) {
      message = `${message} La liste des tâches n’a pas pu être relue : ${messageOf(e)}`;
    }
    if (items) render(items);
    result.textContent = message;
    result.focus();
    ctx.refreshTaskCount();
  };
  render(tasks);
  return [
    h('h1', { tabindex: '-1' }, TITLE),
    h(
      'p',
      { class: 'lead' },
      'Les demandes de congé, ordres de mission et états de frais qui attendent votre décision, les plus anciens en premier. Un refus doit être motivé : le motif est communiqué à l’agent.',
    ),
    result,
    list,
  ];
}

type Decided = (message: string) => Promise<void>;

function taskList(ctx: ViewContext, tasks: WorkflowTask[], decided: Decided): HTMLElement {
  if (tasks.length === 0) return h('p', { class: 'empty' }, 'Aucune tâche ne vous attend.');
  return h(
    'div',
    {},
    h('p', { class: 'result-count' }, tasks.length === 1 ? '1 tâche vous attend.' : `${tasks.length} tâches vous attendent.`),
    h('ul', { class: 'cards task-cards', 'aria-label': 'Tâches en attente' }, tasks.map((t) => h('li', {}, taskCard(ctx, t, decided)))),
  );
}

/** "Demande de congé de Léa Agent — Congés annuels du 15/09/2031 au 19/09/2031". */
function taskHeading(t: WorkflowTask): string {
  const r = t.leaveRequest;
  if (!r) return t.name;
  return `${personName(r.agentUsername, r.agentName)} — ${requestTitle(r)}`;
}

/** The card's error and busy messages, and its buttons disabled while a decision is sent. */
function cardState(): { error: HTMLElement; busy: HTMLElement; buttons: HTMLButtonElement[]; setBusy: (on: boolean, text?: string) => void } {
  const error = h('div', { class: 'alert alert-error', role: 'alert', hidden: true });
  const busy = h('p', { class: 'busy-status', role: 'status' });
  const buttons: HTMLButtonElement[] = [];
  const setBusy = (on: boolean, text = '') => {
    buttons.forEach((b) => {
      b.disabled = on;
      if (on) b.setAttribute('aria-busy', 'true');
      else b.removeAttribute('aria-busy');
    });
    busy.textContent = text;
  };
  return { error, busy, buttons, setBusy };
}

function taskCard(ctx: ViewContext, t: WorkflowTask, decided: Decided): HTMLElement {
  if (t.missionOrder) return missionTaskCard(ctx, t, t.missionOrder, decided);
  const headingId = `tache-${t.id}`;
  const r = t.leaveRequest;
  const heading = taskHeading(t);
  const { error, busy, buttons, setBusy } = cardState();
  const about = r ? ` la demande de ${personName(r.agentUsername, r.agentName)} ${periodText(r)}` : ` : ${t.name}`;

  const approve = h('button', { type: 'button', class: 'button' }, 'Accorder', srOnly(about));
  buttons.push(approve);
  approve.addEventListener('click', async () => {
    error.hidden = true;
    setBusy(true, 'Décision en cours…');
    try {
      const next = await ctx.api.decide(t.id, 'approve');
      await decided(approvalOutcome(next));
    } catch (err) {
      setBusy(false);
      showProblem(error, err);
    }
  });

  const refuse = h('button', { type: 'button', class: 'button danger' }, 'Refuser', srOnly(about));
  buttons.push(refuse);
  refuse.addEventListener('click', () =>
    openFormDialog({
      title: r ? `Refuser la demande de ${personName(r.agentUsername, r.agentName)} ?` : `Refuser « ${t.name} » ?`,
      description: r ? `${requestTitle(r)}, ${formatDays(r.workingDays)} ouvré(s). Le motif est communiqué à l’agent.` : 'Le motif est communiqué à la personne concernée.',
      fields: [{ name: 'reason', label: 'Motif du refus', multiline: true, maxlength: 1000, requiredMessage: 'Indiquez le motif du refus.' }],
      confirmLabel: 'Confirmer le refus',
      danger: true,
      action: async (values) => {
        const next = await ctx.api.decide(t.id, 'refuse', values.reason);
        return () => void decided(`Vous avez refusé la demande de ${personName(next.agentUsername, next.agentName)} (${requestTitle(next)}). Le motif lui est communiqué.`);
      },
    }),
  );

  return h(
    'article',
    { class: 'card task-card', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, heading),
    h('p', { class: 'meta' }, t.name, t.escalated ? h('strong', { class: 'overdue escalated' }, ' — relancée') : null),
    r ? requestFacts(r, t) : null,
    r ? h('p', {}, h('a', { href: leaveHref(r.id), 'data-link': true }, 'Voir la demande et son historique', srOnly(about.replace(/^ la/, ' : la')))) : null,
    error,
    h('div', { class: 'actions' }, approve, refuse),
    busy,
  );
}

function requestFacts(r: LeaveRequest, t: WorkflowTask): HTMLElement {
  return factList([
    ['Agent', personName(r.agentUsername, r.agentName)],
    ['Type', r.typeLabel || r.typeCode],
    ['Du', halfDayText(r.startDate, r.startHalf)],
    ['Au', halfDayText(r.endDate, r.endHalf)],
    ['Jours ouvrés', formatDays(r.workingDays)],
    ['Commentaire', r.comment?.trim() ? h('span', { class: 'folder-message' }, r.comment) : null],
    ['Demandée le', formatDateTime(r.createdAt)],
    ['Reçue le', formatDateTime(t.createdAt)],
  ]);
}

/** What an approval did: the leave is granted, or it moves on to another step (HR validation). */
export function approvalOutcome(r: LeaveRequest): string {
  const who = personName(r.agentUsername, r.agentName);
  if (r.status === 'APPROVED') return `Vous avez accordé le congé de ${who} (${requestTitle(r)}, ${formatDays(r.workingDays)} ouvré(s)).`;
  if (r.status === 'PENDING') {
    const next = r.waitingFor?.length ? ` La demande attend maintenant : ${r.waitingFor.join(', ')}.` : '';
    return `Vous avez validé votre étape de la demande de ${who} (${requestTitle(r)}).${next}`;
  }
  return `Votre décision sur la demande de ${who} est enregistrée.`;
}

// ---- mission orders

const MISSION_SUBJECT: Record<MissionTaskKind, string> = { order: 'Ordre de mission', expenses: 'État de frais', fileExpenses: 'État de frais à déposer' };

/**
 * A mission order's task: the order to accept or refuse, or its état de frais to validate or send back to the agent
 * (with a reason). The agent's own « État de frais de l'agent » is not decided here: it links to the order's page,
 * where the état de frais is filed.
 */
function missionTaskCard(ctx: ViewContext, t: WorkflowTask, m: MissionOrder, decided: Decided): HTMLElement {
  const headingId = `tache-${t.id}`;
  const kind = missionTaskKind(t);
  const who = personName(m.agentUsername, m.agentName);
  const { error, busy, buttons, setBusy } = cardState();
  const about = kind === 'expenses' ? ` l’état de frais de ${who} (${missionTitle(m)})` : ` l’ordre de mission de ${who} (${missionTitle(m)})`;
  const link = h('p', {}, h('a', { href: missionHref(m.id), 'data-link': true }, 'Voir l’ordre de mission et son historique', srOnly(` :${about}`)));

  let actions: HTMLElement;
  if (kind === 'fileExpenses') {
    actions = h(
      'div',
      { class: 'alert alert-info' },
      h('p', {}, 'Cette tâche se traite en déposant l’état de frais sur la page de l’ordre de mission.'),
      h('p', {}, h('a', { href: missionHref(m.id), 'data-link': true }, 'Déposer l’état de frais', srOnly(` de l’ordre de mission ${missionTitle(m)}`))),
    );
  } else {
    const approve = h('button', { type: 'button', class: 'button' }, kind === 'expenses' ? 'Valider' : 'Accorder', srOnly(about));
    buttons.push(approve);
    approve.addEventListener('click', async () => {
      error.hidden = true;
      setBusy(true, 'Décision en cours…');
      try {
        const next = await ctx.api.decideMission(t.id, 'approve');
        await decided(missionApprovalOutcome(next, kind));
      } catch (err) {
        setBusy(false);
        showProblem(error, err);
      }
    });
    const refuse = h('button', { type: 'button', class: 'button danger' }, kind === 'expenses' ? 'Renvoyer à l’agent' : 'Refuser', srOnly(about));
    buttons.push(refuse);
    refuse.addEventListener('click', () =>
      openFormDialog(
        kind === 'expenses'
          ? {
              title: `Renvoyer l’état de frais de ${who} ?`,
              description: `${missionTitle(m)} : ${formatEuro(m.expensesTotal)} déclarés, ${formatEuro(m.reimbursableTotal)} remboursables. L’agent le corrige puis le dépose de nouveau ; le motif lui est communiqué.`,
              fields: [{ name: 'reason', label: 'Motif du renvoi', multiline: true, maxlength: 1000, requiredMessage: 'Indiquez le motif du renvoi.' }],
              confirmLabel: 'Confirmer le renvoi',
              danger: true,
              action: async (values) => {
                await ctx.api.decideMission(t.id, 'refuse', values.reason);
                return () => void decided(`Vous avez renvoyé l’état de frais de ${who} (${missionTitle(m)}). Le motif lui est communiqué.`);
              },
            }
          : {
              title: `Refuser l’ordre de mission de ${who} ?`,
              description: `${missionTitle(m)}, ${formatEuro(m.estimatedTotal)} estimés. Le motif est communiqué à l’agent.`,
              fields: [{ name: 'reason', label: 'Motif du refus', multiline: true, maxlength: 1000, requiredMessage: 'Indiquez le motif du refus.' }],
              confirmLabel: 'Confirmer le refus',
              danger: true,
              action: async (values) => {
                await ctx.api.decideMission(t.id, 'refuse', values.reason);
                return () => void decided(`Vous avez refusé l’ordre de mission de ${who} (${missionTitle(m)}). Le motif lui est communiqué.`);
              },
            },
      ),
    );
    actions = h('div', { class: 'actions' }, approve, refuse);
  }

  return h(
    'article',
    { class: 'card task-card mission-task', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, `${who} — ${MISSION_SUBJECT[kind]} : ${missionTitle(m)}`),
    h('p', { class: 'meta' }, t.name, t.escalated ? h('strong', { class: 'overdue escalated' }, ' — relancée') : null),
    missionFacts(m, t, kind),
    kind === 'fileExpenses' ? null : link,
    error,
    actions,
    busy,
  );
}

function missionFacts(m: MissionOrder, t: WorkflowTask, kind: MissionTaskKind): HTMLElement {
  return factList([
    ['Agent', personName(m.agentUsername, m.agentName)],
    ['Objet', h('span', { class: 'folder-message' }, m.purpose)],
    ['Destination', m.paris ? `${m.destination} (Paris)` : m.destination],
    ['Départ', formatLocalDateTime(m.departure)],
    ['Retour', formatLocalDateTime(m.returnAt)],
    ['Transport', transportText(m)],
    ['Coût estimé', formatEuro(m.estimatedTotal)],
    ['Ligne budgétaire', `${m.budgetLine} (exercice ${m.budgetYear})`],
    ['Total déclaré', kind === 'expenses' && m.expensesTotal !== null && m.expensesTotal !== undefined ? formatEuro(m.expensesTotal) : null],
    ['Total remboursable', kind === 'expenses' && m.reimbursableTotal !== null && m.reimbursableTotal !== undefined ? formatEuro(m.reimbursableTotal) : null],
    ['Demandé le', formatDateTime(m.createdAt)],
    ['Reçue le', formatDateTime(t.createdAt)],
  ]);
}

/** What an approval did: the order goes to signature (or the credits lacked), the état de frais is validated. */
export function missionApprovalOutcome(m: MissionOrder, kind: MissionTaskKind): string {
  const who = personName(m.agentUsername, m.agentName);
  const title = missionTitle(m);
  if (kind === 'expenses') {
    if (m.status === 'CLOSED') return `Vous avez validé l’état de frais de ${who} (${title}) : ${formatEuro(m.reimbursableTotal)} lui seront remboursés.`;
    return `Votre décision sur l’état de frais de ${who} (${title}) est enregistrée.`;
  }
  if (m.status === 'REFUSED') {
    return `Vous avez accordé l’ordre de mission de ${who} (${title}), mais il est refusé : ${m.decisionReason?.trim() || 'les crédits de la ligne budgétaire ne suffisent pas.'}`;
  }
  if (m.status === 'PENDING' && m.waitingFor?.length) {
    return `Vous avez validé votre étape de l’ordre de mission de ${who} (${title}). Il attend maintenant : ${m.waitingFor.join(', ')}.`;
  }
  const reserved = m.commitmentRef ? ` Les crédits sont réservés (engagement ${m.commitmentRef}).` : '';
  return `Vous avez accordé l’ordre de mission de ${who} (${title}).${reserved} Il part à la signature.`;
}
