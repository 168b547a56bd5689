import type { LeaveRequest, WorkflowTask } from '../api';
import { h, srOnly } from '../dom';
import { formatDateTime } from '../format';
import { formatDays, halfDayText, periodText, requestTitle } from '../leave';
import type { ViewContext } from './context';
import { openFormDialog } from './dialog';
import { messageOf, personName } from './documentParts';
import { leaveHref } from './leaveParts';
import { factList, showProblem } from './parapheurParts';

const TITLE = 'Mes tâches';

/**
 * The tasks awaiting me (leave requests to decide, as the agents' manager or the HR): approve at once, or refuse with
 * a reason given in a dialog. After a decision the list is read again, the navigation's count updated and the outcome
 * shown in a status message that receives the focus.
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
    h('p', { class: 'lead' }, 'Les demandes qui attendent votre décision, les plus anciennes en premier. Un refus doit être motivé : le motif est communiqué à l’agent.'),
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

function taskCard(ctx: ViewContext, t: WorkflowTask, decided: Decided): HTMLElement {
  const headingId = `tache-${t.id}`;
  const r = t.leaveRequest;
  const heading = taskHeading(t);
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
