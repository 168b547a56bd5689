import type { LeaveHistoryEntry, LeaveRequest } from '../api';
import { h } from '../dom';
import { formatDateTime, todayIso } from '../format';
import { HISTORY_ACTION, canCancel, deciderName, formatDays, halfDayText, requestTitle } from '../leave';
import { labelOf } from '../parapheur';
import type { ViewContext } from './context';
import { openFormDialog } from './dialog';
import { personName } from './documentParts';
import { leaveHref, leaveNav, leavePage, leaveStatusBadge, takeNotice } from './leaveParts';
import { factList } from './parapheurParts';

const TITLE = 'Demande de congé';

/**
 * A leave request: its facts, whom it waits for, the decision and its reason, the full history, and for the agent
 * the cancellation (before the first day). After a cancellation the page is re-rendered from the returned request and
 * the outcome is shown in a status message that receives the focus.
 */
export async function leaveRequestView(ctx: ViewContext, params: Record<string, string>): Promise<HTMLElement[]> {
  return leavePage(ctx.me, TITLE, async () => {
    const request = await ctx.api.leaveRequest(params.id);
    const notice = takeNotice(leaveHref(request.id));
    const result = h('div', { id: 'demande-resultat', class: 'action-result', role: 'status', tabindex: '-1' }, notice ?? '');
    const title = h('h1', { tabindex: '-1' }, requestTitle(request));
    const body = h('div', { class: 'leave-body' });
    const render = (r: LeaveRequest) => {
      title.textContent = requestTitle(r);
      body.replaceChildren(...requestBody(ctx, r, done));
    };
    const done = (r: LeaveRequest, message: string) => {
      render(r);
      result.textContent = message;
      result.focus();
      ctx.refreshTaskCount();
    };
    render(request);
    return [
      h('p', { class: 'breadcrumb' }, h('a', { href: '/conges', 'data-link': true }, 'Mes congés'), ` › ${TITLE}`),
      title,
      leaveNav(ctx.me, null),
      result,
      body,
    ];
  });
}

type Done = (r: LeaveRequest, message: string) => void;

function requestBody(ctx: ViewContext, r: LeaveRequest, done: Done): HTMLElement[] {
  const mine = r.agentUsername === ctx.me.username;
  const waiting = r.status === 'PENDING' && r.waitingFor?.length ? r.waitingFor.join(', ') : null;
  const decider = deciderName(r);
  const decision =
    r.status === 'APPROVED' || r.status === 'REFUSED'
      ? `${r.status === 'APPROVED' ? 'Accordée' : 'Refusée'}${decider ? ` par ${decider}` : ''}${r.decidedAt ? ` le ${formatDateTime(r.decidedAt)}` : ''}`
      : null;
  const elements: (HTMLElement | null)[] = [
    h('h2', {}, 'Informations'),
    factList([
      ['Statut', leaveStatusBadge(r.status)],
      ['Agent', mine ? null : personName(r.agentUsername, r.agentName)],
      ['Type', r.typeLabel || r.typeCode],
      ['Du', halfDayText(r.startDate, r.startHalf)],
      ['Au', halfDayText(r.endDate, r.endHalf)],
      ['Jours ouvrés', formatDays(r.workingDays)],
      ['Commentaire', r.comment?.trim() ? h('span', { class: 'folder-message' }, r.comment) : '—'],
      ['Demandée le', formatDateTime(r.createdAt)],
      ['En attente de', waiting],
      ['Décision', decision],
      ['Motif', r.decisionReason?.trim() ? h('span', { class: 'folder-message' }, r.decisionReason) : null],
      ['Annulée le', r.cancelledAt ? formatDateTime(r.cancelledAt) : null],
      ['Version de la procédure', r.processVersion ? String(r.processVersion) : null],
    ]),
    waiting && !mine ? h('p', {}, h('a', { href: '/taches', 'data-link': true }, 'Décider de cette demande dans « Mes tâches »')) : null,
    canCancel(r, ctx.me.username, todayIso()) ? cancelSection(ctx, r, done) : null,
    h('h2', { id: 'historique-titre' }, 'Historique'),
    historyList(r.history ?? []),
  ];
  return elements.filter((e): e is HTMLElement => e !== null);
}

function cancelSection(ctx: ViewContext, r: LeaveRequest, done: Done): HTMLElement {
  const cancel = h('button', { type: 'button', class: 'button danger' }, 'Annuler ma demande');
  cancel.addEventListener('click', () =>
    openFormDialog({
      title: 'Annuler votre demande de congé ?',
      description:
        r.status === 'APPROVED'
          ? `Le congé ${requestTitle(r)} a été accordé : en l’annulant, ses ${formatDays(r.workingDays)} reviennent sur votre solde et votre responsable en est informé.`
          : `La demande ${requestTitle(r)} ne sera plus soumise à décision.`,
      fields: [{ name: 'reason', label: 'Motif de l’annulation', multiline: true, maxlength: 1000 }],
      confirmLabel: 'Confirmer l’annulation',
      cancelLabel: 'Garder ma demande',
      danger: true,
      action: async (values) => {
        const next = await ctx.api.cancelLeave(r.id, values.reason);
        return () => done(next, r.status === 'APPROVED' ? `Votre congé est annulé : ${formatDays(r.workingDays)} reviennent sur votre solde.` : 'Votre demande est annulée.');
      },
    }),
  );
  return h(
    'section',
    { class: 'action-area', 'aria-labelledby': 'annulation-titre' },
    h('h2', { id: 'annulation-titre' }, 'Annulation'),
    h('p', {}, 'Vous pouvez annuler cette demande jusqu’à la veille de son premier jour.'),
    h('div', { class: 'actions' }, cancel),
  );
}

function historyList(history: LeaveHistoryEntry[]): HTMLElement {
  if (history.length === 0) return h('p', { class: 'empty' }, 'Aucun événement.');
  const sorted = [...history].sort((a, b) => a.at.localeCompare(b.at));
  return h(
    'ol',
    { class: 'history', 'aria-labelledby': 'historique-titre' },
    sorted.map((e) => {
      const actor = e.actorName || e.actorUsername;
      return h(
        'li',
        {},
        h('span', { class: 'history-action' }, labelOf(HISTORY_ACTION, e.action)),
        ` — ${formatDateTime(e.at)}`,
        actor ? ` — par ${actor}` : '',
        e.detail ? h('span', { class: 'history-detail' }, ` — ${e.detail}`) : '',
      );
    }),
  );
}
