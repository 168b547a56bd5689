// Pieces shared by the integration pages (« Connecteurs », « Suivi des échanges »): their own navigation and the French
// badges of the exchanges' and steps' outcomes (the words say it, the colour only repeats it).
import { h } from '../dom';
import { CONNECTORS_PATH, EXCHANGES_PATH, EXCHANGE_STATUS_LABEL, labelOf, stepOutcome, type TestStep } from '../integration';

export type IntegrationSection = 'connecteurs' | 'echanges';

/** The integration pages; the current one is marked. */
export function integrationNav(current: IntegrationSection | null): HTMLElement {
  const entries: [IntegrationSection, string, string][] = [
    ['connecteurs', CONNECTORS_PATH, 'Configuration des connecteurs'],
    ['echanges', EXCHANGES_PATH, 'Suivi des échanges'],
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
