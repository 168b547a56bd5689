// Pieces shared by the parapheur pages: the subscription check, the parapheur's own navigation, French badges.
import { ApiError, type Me, type TemplateStep } from '../api';
import { h } from '../dom';
import { FOLDER_STATUS, STEP_STATUS, groupByStage, labelOf, problemErrors, stageTitle, templateStepText } from '../parapheur';
import { isCommuneAdmin } from '../routes';
import { gedPage, messageOf } from './documentParts';

/**
 * Builds a parapheur page; if the commune is not subscribed to the e-signature service (403
 * `service-not-subscribed`), the page says so and points to the catalogue instead.
 */
export function parapheurPage(me: Me, title: string, build: () => Promise<(HTMLElement | null)[]>): Promise<HTMLElement[]> {
  return gedPage(me, title, build);
}

export type ParapheurSection = 'parapheur' | 'nouveau' | 'delegations' | 'circuits';

/** The parapheur's sections; the current one is marked. */
export function parapheurNav(me: Me, current: ParapheurSection | null): HTMLElement {
  const entries: [ParapheurSection, string, string][] = [
    ['parapheur', '/parapheur', 'Mon parapheur'],
    ['nouveau', '/parapheur/nouveau', 'Soumettre un document'],
    ['delegations', '/parapheur/delegations', 'Délégations'],
  ];
  if (isCommuneAdmin(me)) entries.push(['circuits', '/parapheur/circuits', 'Circuits de signature']);
  return h(
    'nav',
    { class: 'subnav', 'aria-label': 'Parapheur électronique' },
    h('ul', {}, entries.map(([key, href, label]) => h('li', {}, h('a', { href, 'data-link': true, 'aria-current': key === current ? 'true' : undefined }, label)))),
  );
}

/** A folder's status in French, as text (the colour only repeats it). */
export function folderStatusBadge(status: string): HTMLElement {
  return h('span', { class: `status folder-status-${status.toLowerCase()}` }, labelOf(FOLDER_STATUS, status));
}

export function stepStatusBadge(status: string): HTMLElement {
  return h('span', { class: `status step-status-${status.toLowerCase()}` }, labelOf(STEP_STATUS, status));
}

/** A `<dl class="facts">` of term/value pairs; pairs with a null value are left out. */
export function factList(pairs: [string, Node | string | null | undefined][]): HTMLElement {
  return h(
    'dl',
    { class: 'facts' },
    pairs.filter(([, v]) => v !== null && v !== undefined).flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value as Node | string)]),
  );
}

/** A circuit's steps as an ordered list of stages; the steps of a stage (run in parallel) are listed together. */
export function templateStepsList(steps: TemplateStep[]): HTMLElement {
  if (steps.length === 0) return h('p', { class: 'empty' }, 'Aucune étape.');
  return h(
    'ol',
    { class: 'stage-list' },
    groupByStage(steps).map((g) =>
      h(
        'li',
        {},
        h('span', { class: 'stage-title' }, `${stageTitle(g)} : `),
        g.steps.length === 1 ? templateStepText(g.steps[0]) : h('ul', {}, g.steps.map((s) => h('li', {}, templateStepText(s)))),
      ),
    ),
  );
}

/** The server's refusal in an alert: its French detail, and the list of its `errors` when it has some. */
export function showProblem(target: HTMLElement, err: unknown): void {
  const errors = err instanceof ApiError ? problemErrors(err.problem) : [];
  target.replaceChildren(h('p', {}, messageOf(err)), errors.length ? h('ul', {}, errors.map((m) => h('li', {}, m))) : '');
  target.hidden = false;
}
