import {
  CONNECTORS_PATH,
  CONNECTOR_LABEL,
  DIRECTION_LABEL,
  EXCHANGE_STATUSES,
  EXCHANGE_STATUS_LABEL,
  FLOW_LABEL,
  durationText,
  connectorNoun,
  exchangeCountText,
  exchangeFilterOf,
  exchangesHref,
  flowLabel,
  labelOf,
  type Exchange,
  type ExchangeFilter,
  type OutboxMessage,
} from '../integration';
import { h, srOnly } from '../dom';
import { formatDateTime, formatInteger } from '../format';
import type { ViewContext } from './context';
import { messageOf, tableRegion } from './documentParts';
import { busy, sectionStatus } from './leaveParts';
import { showProblem } from './parapheurParts';
import { alertRegion } from './archiveParts';
import { exchangeStatusBadge, integrationNav } from './integrationParts';

const TITLE = 'Suivi des échanges';

/** What the page shows: the log (with its criteria), the dead letters and the pending messages. */
interface State {
  filter: ExchangeFilter;
  exchanges: Exchange[] | Error;
  dead: OutboxMessage[];
  pending: OutboxMessage[];
}

/**
 * The exchanges with the commune's software (commune administrator): the log of every attempt, filtered by flow and
 * status (the criteria live in the page's address); the dead letters — messages that failed for good — each with
 * « Rejouer » once the cause is fixed; the messages waiting for their next attempt.
 */
export async function exchangesView(ctx: ViewContext): Promise<HTMLElement[]> {
  const filter = exchangeFilterOf(ctx.query);
  const load = (f: ExchangeFilter) => ctx.api.integration.exchanges(f).catch((e: unknown) => new Error(messageOf(e)));
  const [exchanges, dead, pending] = await Promise.all([load(filter), ctx.api.integration.messages('DEAD'), ctx.api.integration.messages('PENDING')]);
  const state: State = { filter, exchanges, dead, pending };

  const status = sectionStatus('echanges-resultat');
  const count = h('p', { id: 'echanges-nombre', class: 'result-count', role: 'status', 'aria-live': 'polite' });
  const logSlot = h('div', { class: 'results', id: 'echanges-journal' });
  const deadSlot = h('div', { id: 'lettres-mortes' });
  const pendingSlot = h('div', { id: 'en-attente' });
  const refusal = alertRegion('rejeu-refus');

  const renderLog = (announce: boolean) => {
    logSlot.replaceChildren(exchangesPart(state.exchanges, state.filter));
    if (!announce) return;
    // emptied first, so that the same count is announced again after a new filtering
    count.textContent = '';
    window.setTimeout(() => (count.textContent = state.exchanges instanceof Error ? 'Le journal des échanges n’a pas pu être lu.' : exchangeCountText(state.exchanges.length)), 50);
  };
  const renderMessages = () => {
    deadSlot.replaceChildren(deadPart(state.dead, replay));
    pendingSlot.replaceChildren(pendingPart(state.pending));
  };

  async function replay(message: OutboxMessage, button: HTMLButtonElement) {
    refusal.hidden = true;
    busy(button, true);
    try {
      await ctx.api.integration.replay(message.id);
    } catch (err) {
      busy(button, false);
      showProblem(refusal, err);
      refusal.focus();
      return;
    }
    // the lists as they are now: the message left the dead letters and waits for its next attempt
    const [exchanges, dead, pending] = await Promise.all([
      load(state.filter),
      ctx.api.integration.messages('DEAD').catch(() => state.dead.filter((m) => m.id !== message.id)),
      ctx.api.integration.messages('PENDING').catch(() => state.pending),
    ]);
    Object.assign(state, { exchanges, dead, pending });
    renderLog(false);
    renderMessages();
    status.say(`Le message « ${flowLabel(message.flow)} » (clé ${message.idempotencyKey}) est rejoué : il repart en file d’envoi vers le ${connectorNoun(message.connector)}.`);
  }

  const form = filterForm(state.filter, async (f) => {
    window.history.pushState({}, '', exchangesHref(f));
    state.filter = f;
    state.exchanges = await load(f);
    renderLog(true);
  });
  renderLog(false);
  renderMessages();

  return [
    h('p', { class: 'breadcrumb' }, h('a', { href: CONNECTORS_PATH, 'data-link': true }, 'Connecteurs'), ` › ${TITLE}`),
    h('h1', { tabindex: '-1' }, TITLE),
    integrationNav('echanges'),
    h(
      'p',
      { class: 'lead' },
      'Chaque envoi vers les logiciels de la commune est tenté jusqu’à ce qu’il aboutisse, avec des délais croissants. Après le dernier essai, le message devient une lettre morte : corrigez la cause (adresse, secret, logiciel arrêté), puis rejouez-le.',
    ),
    status.element,
    h('section', { 'aria-labelledby': 'journal-echanges-titre' }, h('h2', { id: 'journal-echanges-titre' }, 'Journal des échanges'), form, count, logSlot),
    h(
      'section',
      { 'aria-labelledby': 'lettres-mortes-titre' },
      h('h2', { id: 'lettres-mortes-titre' }, 'Lettres mortes'),
      h('p', { class: 'hint' }, 'Messages en échec définitif, qui ne seront plus envoyés sans intervention.'),
      refusal,
      deadSlot,
    ),
    h('section', { 'aria-labelledby': 'en-attente-titre' }, h('h2', { id: 'en-attente-titre' }, 'En attente'), pendingSlot),
  ];
}

function filterForm(filter: ExchangeFilter, onFilter: (f: ExchangeFilter) => void): HTMLFormElement {
  const flows = Object.entries(FLOW_LABEL);
  if (filter.flow && !FLOW_LABEL[filter.flow]) flows.push([filter.flow, filter.flow]);
  const select = (name: keyof ExchangeFilter, label: string, options: [string, string][]) => {
    const id = `echanges-${name}`;
    return h(
      'div',
      { class: 'field' },
      h('label', { for: id }, label),
      h('select', { id, name }, options.map(([value, text]) => h('option', { value, selected: (filter[name] ?? '') === value }, text))),
    );
  };
  const form = h(
    'form',
    { role: 'search', 'aria-label': 'Filtrer le journal des échanges', class: 'search-form exchange-filters', novalidate: true },
    h(
      'fieldset',
      { class: 'filters' },
      h('legend', {}, 'Filtres'),
      select('flow', 'Flux', [['', 'Tous les flux'], ...flows]),
      select('status', 'Statut', [['', 'Tous les statuts'], ...EXCHANGE_STATUSES.map((s): [string, string] => [s, EXCHANGE_STATUS_LABEL[s]])]),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button' }, 'Filtrer')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const query = new URLSearchParams();
    new FormData(form).forEach((v, k) => query.set(k, String(v)));
    onFilter(exchangeFilterOf(query));
  });
  return form;
}

function exchangesPart(exchanges: Exchange[] | Error, filter: ExchangeFilter): HTMLElement {
  if (exchanges instanceof Error) return h('div', { class: 'alert alert-error' }, exchanges.message);
  if (exchanges.length === 0) {
    return h('p', { class: 'empty' }, filter.flow || filter.status ? 'Aucun échange ne correspond à ces filtres.' : 'Aucun échange pour le moment : rien n’a encore été envoyé aux logiciels de la commune.');
  }
  return tableRegion(
    'Tableau du journal des échanges',
    exchangeCountText(exchanges.length),
    ['Date', 'Sens', 'Connecteur', 'Flux', 'Statut', 'Tentative', 'Durée', 'Identifiant de corrélation', 'Détail'],
    exchanges.map((x) =>
      h(
        'tr',
        { class: x.status === 'DEAD' || x.status === 'FAILED' ? 'anomaly-row' : undefined },
        h('th', { scope: 'row' }, formatDateTime(x.at)),
        h('td', {}, labelOf(DIRECTION_LABEL, x.direction)),
        h('td', {}, labelOf(CONNECTOR_LABEL, x.connector)),
        h('td', {}, flowLabel(x.flow)),
        h('td', {}, exchangeStatusBadge(x.status)),
        h('td', { class: 'number' }, x.attempt > 0 ? formatInteger(x.attempt) : '—'),
        h('td', { class: 'number' }, durationText(x.durationMs)),
        h('td', {}, x.correlationId ? h('code', { class: 'hash' }, x.correlationId) : '—'),
        h('td', { class: 'exchange-detail' }, x.detail?.trim() || '—'),
      ),
    ),
  );
}

function deadPart(messages: OutboxMessage[], replay: (m: OutboxMessage, b: HTMLButtonElement) => void): HTMLElement {
  if (messages.length === 0) return h('p', { class: 'empty' }, 'Aucune lettre morte : aucun message n’est en échec définitif.');
  return tableRegion(
    'Tableau des lettres mortes',
    messages.length === 1 ? '1 message en échec définitif' : `${formatInteger(messages.length)} messages en échec définitif, les plus récents en premier`,
    ['Flux', 'Connecteur', 'Clé d’idempotence', 'Tentatives', 'Dernière erreur', 'Créé le', 'Action'],
    messages.map((m) => {
      const button = h('button', { type: 'button', class: 'button secondary small' }, 'Rejouer', srOnly(` le message ${flowLabel(m.flow)} ${m.idempotencyKey}`));
      button.addEventListener('click', () => replay(m, button));
      return h(
        'tr',
        { class: 'anomaly-row' },
        h('th', { scope: 'row' }, flowLabel(m.flow)),
        h('td', {}, labelOf(CONNECTOR_LABEL, m.connector)),
        h('td', {}, h('code', { class: 'hash' }, m.idempotencyKey)),
        h('td', { class: 'number' }, formatInteger(m.attempts)),
        h('td', { class: 'exchange-detail' }, m.lastError?.trim() || '—'),
        h('td', {}, formatDateTime(m.createdAt)),
        h('td', {}, button),
      );
    }),
  );
}

function pendingPart(messages: OutboxMessage[]): HTMLElement {
  if (messages.length === 0) return h('p', { class: 'empty' }, 'Aucun message en attente d’envoi.');
  return tableRegion(
    'Tableau des messages en attente',
    messages.length === 1 ? '1 message en attente' : `${formatInteger(messages.length)} messages en attente, les plus récents en premier`,
    ['Flux', 'Connecteur', 'Clé d’idempotence', 'Tentatives', 'Prochain essai', 'Dernière erreur', 'Créé le'],
    messages.map((m) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, flowLabel(m.flow)),
        h('td', {}, labelOf(CONNECTOR_LABEL, m.connector)),
        h('td', {}, h('code', { class: 'hash' }, m.idempotencyKey)),
        h('td', { class: 'number' }, formatInteger(m.attempts)),
        h('td', {}, m.nextAttemptAt ? formatDateTime(m.nextAttemptAt) : 'Dès que possible'),
        h('td', { class: 'exchange-detail' }, m.lastError?.trim() || '—'),
        h('td', {}, formatDateTime(m.createdAt)),
      ),
    ),
  );
}
