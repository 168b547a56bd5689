// Pieces shared by the leave request pages, the tasks page and the procedures' settings: the subscription check, the
// leave pages' own navigation, French badges, the notifications, the notice shown once after a submission.
import type { Me, ProcedureNotification } from '../api';
import { h, srOnly } from '../dom';
import { formatDateTime } from '../format';
import { LEAVE_STATUS, NOTIFICATION_KIND } from '../leave';
import { MISSION_NOTIFICATION_KIND, missionHref } from '../missions';
import { labelOf } from '../parapheur';
import { isCommuneAdmin } from '../routes';
import type { ViewContext } from './context';
import { notificationList } from './notifications';
import { gedPage } from './documentParts';

/**
 * Builds a leave page; if the commune is not subscribed to the leave requests service (403
 * `service-not-subscribed`), the page says so and points to the catalogue instead.
 */
export function leavePage(me: Me, title: string, build: () => Promise<(HTMLElement | null)[]>): Promise<HTMLElement[]> {
  return gedPage(me, title, build);
}

export type LeaveSection = 'conges' | 'nouvelle' | 'calendrier' | 'reglages';

export const leaveHref = (id: string) => `/conges/${encodeURIComponent(id)}`;

/** The leave pages' sections; the current one is marked. */
export function leaveNav(me: Me, current: LeaveSection | null): HTMLElement {
  const entries: [LeaveSection, string, string][] = [
    ['conges', '/conges', 'Mes congés'],
    ['nouvelle', '/conges/nouvelle', 'Demander un congé'],
    ['calendrier', '/conges/calendrier', 'Calendrier d’équipe'],
  ];
  if (isCommuneAdmin(me)) entries.push(['reglages', '/procedures/reglages', 'Réglages des procédures']);
  return h(
    'nav',
    { class: 'subnav', 'aria-label': 'Congés' },
    h('ul', {}, entries.map(([key, href, label]) => h('li', {}, h('a', { href, 'data-link': true, 'aria-current': key === current ? 'true' : undefined }, label)))),
  );
}

/** A request's status in French, as text (the colour only repeats it). */
export function leaveStatusBadge(status: string): HTMLElement {
  return h('span', { class: `status leave-status-${status.toLowerCase()}` }, labelOf(LEAVE_STATUS, status));
}

/** A labelled form control with its optional hint and its error message (hidden until there is one). */
export function formField(id: string, label: string, control: HTMLElement, hint?: string, wide = false): HTMLElement {
  const described = [hint ? `${id}-aide` : null, control.getAttribute('aria-describedby')].filter(Boolean).join(' ');
  if (described) control.setAttribute('aria-describedby', described);
  return h(
    'div',
    { class: wide ? 'field wide' : 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: `${id}-aide` }, hint) : null,
    h('p', { class: 'field-error', id: `${id}-erreur`, hidden: true }),
    control,
  );
}

// ---- a notice shown once on the next page (e.g. « demande envoyée » on the request's page)

let notice: { path: string; message: string } | null = null;

/** Keeps a message for the page at `path`, shown once when it opens. */
export function setNotice(path: string, message: string): void {
  notice = { path, message };
}

/** The message kept for the page at `path`, if any (then forgotten). */
export function takeNotice(path: string): string | null {
  if (!notice || notice.path !== path) return null;
  const message = notice.message;
  notice = null;
  return message;
}

// ---- notifications

/** Where a notification leads: the request or the mission order it is about, or the tasks when it is to decide. */
function notificationLink(n: ProcedureNotification): HTMLElement | null {
  if ((n.subjectKind !== 'LEAVE' && n.subjectKind !== 'MISSION') || !n.subjectId) return null;
  if (n.kind === 'leave.to-decide' || n.kind === 'leave.reminder' || n.kind === 'leave.escalated' || n.kind === 'mission.to-decide') {
    return h('a', { href: '/taches', 'data-link': true }, 'Voir mes tâches', srOnly(` : ${n.message}`));
  }
  if (n.subjectKind === 'MISSION') return h('a', { href: missionHref(n.subjectId), 'data-link': true }, 'Voir l’ordre de mission', srOnly(` : ${n.message}`));
  return h('a', { href: leaveHref(n.subjectId), 'data-link': true }, 'Voir la demande', srOnly(` : ${n.message}`));
}

/** Unread notifications of the procedures (decisions, reminders …), each with « Marquer comme lu ». */
export function notificationSection(ctx: ViewContext, notifications: ProcedureNotification[]): HTMLElement {
  const entries = notifications
    .filter((n) => !n.read)
    .sort((a, b) => b.at.localeCompare(a.at))
    .map((n) => {
      const kind = NOTIFICATION_KIND[n.kind] ?? MISSION_NOTIFICATION_KIND[n.kind];
      const link = notificationLink(n);
      return {
        id: n.id,
        kind: n.kind.replace(/[^a-z-]/g, '-'),
        content: [kind ? h('span', { class: 'notification-kind' }, `${kind} : `) : null, n.message],
        meta: [formatDateTime(n.at), ...(link ? [' — ', link] : [])],
        message: n.message,
      };
    });
  return notificationList(entries, (id) => ctx.api.markProcedureNotificationRead(id));
}

// ---- error summary of a form

export interface FieldProblem {
  /** The control's id. */
  id: string;
  message: string;
}

export interface ErrorSummary {
  element: HTMLElement;
  /** Hides the summary and every field's error. */
  clear: () => void;
  /**
   * Shows the errors: each next to its field (marked invalid) and listed, with a link to the field, in the summary
   * that receives the focus; `general` messages (not about one field) come first.
   */
  show: (fields: FieldProblem[], general?: string[]) => void;
}

const byId = (root: ParentNode, id: string) => root.querySelector<HTMLElement>(`[id="${id}"]`);

/** The error summary at the top of a form (RGAA: errors listed, linked to their fields, focus moved to the list). */
export function errorSummary(id: string, root: () => ParentNode): ErrorSummary {
  const element = h('div', { class: 'alert alert-error', role: 'alert', tabindex: '-1', id, hidden: true });
  const marked = new Set<HTMLElement>();
  const clear = () => {
    element.hidden = true;
    element.replaceChildren();
    for (const control of marked) {
      control.removeAttribute('aria-invalid');
      const error = byId(root(), `${control.id}-erreur`);
      if (error) {
        error.hidden = true;
        error.textContent = '';
      }
      const described = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((x) => x && x !== `${control.id}-erreur`);
      if (described.length) control.setAttribute('aria-describedby', described.join(' '));
      else control.removeAttribute('aria-describedby');
    }
    marked.clear();
  };
  const show = (fields: FieldProblem[], general: string[] = []) => {
    clear();
    const items = fields.map((f) => {
      const control = byId(root(), f.id);
      const label = root().querySelector(`label[for="${f.id}"]`)?.childNodes[0]?.textContent?.trim() ?? '';
      const text = label ? `${label} : ${f.message}` : f.message;
      if (control) {
        marked.add(control);
        control.setAttribute('aria-invalid', 'true');
        const error = byId(root(), `${f.id}-erreur`);
        if (error) {
          error.hidden = false;
          error.textContent = f.message;
          const described = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((x) => x && x !== error.id);
          control.setAttribute('aria-describedby', [error.id, ...described].join(' '));
        }
      }
      return h('li', {}, control ? h('a', { href: `#${f.id}` }, text) : text);
    });
    element.replaceChildren(
      ...general.map((m) => h('p', {}, m)),
      ...(items.length ? [h('p', {}, items.length === 1 ? 'Le formulaire contient 1 erreur :' : `Le formulaire contient ${items.length} erreurs :`), h('ul', {}, items)] : []),
    );
    element.hidden = false;
    element.focus();
  };
  return { element, clear, show };
}

// ---- the settings' sections

/** A section's status message: the outcome of its last action, focused so that it is read. */
export function sectionStatus(id: string): { element: HTMLElement; say: (message: string) => void } {
  const element = h('div', { id, class: 'action-result', role: 'status', tabindex: '-1' });
  return {
    element,
    say: (message) => {
      element.textContent = message;
      element.focus();
    },
  };
}

/** Disables a button while its action runs, and says it is busy. */
export function busy(button: HTMLButtonElement, on: boolean): void {
  button.disabled = on;
  if (on) button.setAttribute('aria-busy', 'true');
  else button.removeAttribute('aria-busy');
}
