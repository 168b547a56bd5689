// Pieces shared by the integration pages (« Connecteurs », « Suivi des échanges », « Import des agents (RH) »): their own
// navigation, the French badges of the exchanges', steps' and imports' outcomes (the words say it, the colour only
// repeats it) and the refusals shown with their title.
import { ApiError } from '../api';
import { h } from '../dom';
import {
  AGENT_IMPORTS_PATH,
  CONNECTORS_PATH,
  EXCHANGES_PATH,
  EXCHANGE_STATUS_LABEL,
  healthLabel,
  importProblem,
  importStatusLabel,
  labelOf,
  stepOutcome,
  type TestStep,
} from '../integration';
import { showProblem } from './parapheurParts';

export type IntegrationSection = 'connecteurs' | 'echanges' | 'agents';

/** The integration pages; the current one is marked. */
export function integrationNav(current: IntegrationSection | null): HTMLElement {
  const entries: [IntegrationSection, string, string][] = [
    ['connecteurs', CONNECTORS_PATH, 'Configuration des connecteurs'],
    ['echanges', EXCHANGES_PATH, 'Suivi des échanges'],
    ['agents', AGENT_IMPORTS_PATH, 'Import des agents (RH)'],
  ];
  return h(
    'nav',
    { class: 'subnav', 'aria-label': 'Intégrations' },
    h('ul', {}, entries.map(([key, href, label]) => h('li', {}, h('a', { href, 'data-link': true, 'aria-current': key === current ? 'true' : undefined }, label)))),
  );
}

/** An exchange's status in French: « Envoyé », « Échec (nouvel essai prévu) », « Échec définitif », « Rejoué », « Reçu ». */
export function exchangeStatusBadge(status: string): HTMLElement {
  return h('span', { class: `status exchange-status-${status.toLowerCase()}` }, labelOf(EXCHANGE_STATUS_LABEL, status));
}

/** The shape that repeats a commune's health (the words say it, the colour and the shape only repeat it). */
const HEALTH_ICON: Record<string, string> = { DEAD_LETTERS: '✖', DOWN: '⚠', RETRYING: '↻', OK: '✔', NONE: '○' };

/**
 * A commune's health in French with its icon (hidden from screen readers, which read the words): « Messages en échec »,
 * « Injoignable », « Nouvelles tentatives en cours », « Opérationnel », « Aucun connecteur ».
 */
export function healthBadge(health: string): HTMLElement {
  return h(
    'span',
    { class: `status health health-${health.toLowerCase().replace(/[^a-z]/g, '-')}` },
    h('span', { class: 'health-icon', 'aria-hidden': 'true' }, HEALTH_ICON[health] ?? '?'),
    healthLabel(health),
  );
}

/** A step of the connection test: its name, « Réussie » or « Échec », its detail. */
export function testStepItem(step: TestStep): HTMLElement {
  return h(
    'li',
    { class: step.ok ? 'test-step step-ok' : 'test-step step-failed' },
    h('strong', { class: 'step-name' }, step.name),
    ' : ',
    h('span', { class: step.ok ? 'status step-outcome intact' : 'status step-outcome anomaly' }, stepOutcome(step)),
    step.detail?.trim() ? [' — ', h('span', { class: 'step-detail' }, step.detail)] : null,
  );
}

/** An import's status in French: « Appliqué », « Appliqué en partie », « Refusé », « Déjà traité ». */
export function importStatusBadge(status: string): HTMLElement {
  return h('span', { class: `status import-status-${status.toLowerCase().replace(/[^a-z]/g, '-')}` }, importStatusLabel(status));
}

/**
 * A refused import in the alert: the problem's title, then its French detail (and its `errors`, as every page shows
 * them); a 413 without a problem document is said in French.
 */
export function showImportProblem(target: HTMLElement, err: unknown): void {
  const error = err instanceof ApiError ? new ApiError(importProblem(err.problem)) : err;
  showProblem(target, error);
  if (error instanceof ApiError && error.problem.title && error.problem.detail && error.problem.title !== error.problem.detail) {
    target.prepend(h('p', { class: 'problem-title' }, h('strong', {}, error.problem.title)));
  }
}
