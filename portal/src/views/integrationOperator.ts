// The DSI's view of the communes' connectors (platform operator): the health of every commune's connectors on the
// communes' page, and the page of the communes' dead letters, each with « Rejouer ».
import { ApiError, type Tenant } from '../api';
import {
  CONNECTOR_LABEL,
  DSI_EXCHANGES_PATH,
  communeCount,
  connectorsSummary,
  deadLetterCommuneOf,
  deadLetterCountText,
  dsiExchangesHref,
  flowLabel,
  healthIsProblem,
  labelOf,
  lastExchangeText,
  lastSuccessText,
  pendingText,
  replayedText,
  sortByHealth,
  totalDead,
  type CommuneHealth,
  type DeadLetter,
} from '../integration';
import { h, srOnly } from '../dom';
import { formatDateTime, formatInteger } from '../format';
import type { ViewContext } from './context';
import { messageOf, tableRegion } from './documentParts';
import { busy, sectionStatus } from './leaveParts';
import { showProblem } from './parapheurParts';
import { alertRegion } from './archiveParts';
import { exchangeStatusBadge, healthBadge } from './integrationParts';

type Communes = Pick<Tenant, 'insee' | 'name'>[];

/** The communes' name by INSEE code (the code itself for a commune the list does not have). */
const namesOf = (tenants: Communes) => {
  const names = new Map(tenants.map((t) => [t.insee, t.name]));
  return (insee: string) => names.get(insee) ?? insee;
};

// ---- the communes' page: « Connecteurs des communes »

/** The health of the communes' connectors, or why it could not be read. */
export type CommunesHealth = CommuneHealth[] | { error: unknown };

/** Reads the health of the communes' connectors; a refusal is kept to be shown, so that the rest of the page is. */
export const loadCommunesHealth = (ctx: ViewContext): Promise<CommunesHealth> =>
  ctx.api.integration.communesHealth().then(
    (list) => list,
    (error: unknown) => ({ error }),
  );

/**
 * The section « Connecteurs des communes » of the DSI's communes page: for each commune with a connector or messages,
 * its health, its connectors, its pending and dead messages, its last exchange and last error; the communes with a
 * problem first. A link leads to the dead letters when there are some.
 */
export function communesHealthSection(result: CommunesHealth, tenants: Communes): HTMLElement {
  const heading = h('h2', { id: 'connecteurs-communes-titre' }, 'Connecteurs des communes');
  const section = (...content: (HTMLElement | null)[]) =>
    h('section', { class: 'communes-health', 'aria-labelledby': 'connecteurs-communes-titre' }, heading, ...content);
  if (!Array.isArray(result)) {
    const alert = h('div', { class: 'alert alert-error', id: 'connecteurs-communes-erreur' });
    showProblem(alert, result.error);
    alert.prepend(h('p', {}, h('strong', {}, 'La santé des connecteurs des communes n’a pas pu être lue.')));
    return section(alert);
  }
  const lead = h(
    'p',
    { class: 'hint' },
    'Les connecteurs transmettent aux logiciels RH et financiers des communes ce que décident les procédures de MetroCloud. Les communes en difficulté sont en tête de liste.',
  );
  if (result.length === 0) {
    return section(lead, h('p', { class: 'empty' }, 'Aucune commune n’a encore de connecteur ni de message vers ses logiciels.'));
  }
  const nameOf = namesOf(tenants);
  const sorted = sortByHealth(result, nameOf);
  const dead = totalDead(result);
  const problems = result.filter((c) => healthIsProblem(c.health) || c.health === 'RETRYING').length;
  return section(
    lead,
    tableRegion(
      'Tableau des connecteurs des communes',
      `Santé des connecteurs : ${communeCount(result.length).toLocaleLowerCase('fr')}, dont ${formatInteger(problems)} en difficulté, les communes en difficulté en premier`,
      ['Commune', 'Santé', 'Connecteurs', 'En attente', 'En échec', 'Dernier échange', 'Dernière erreur'],
      sorted.map((c) => healthRow(c, nameOf(c.commune))),
    ),
    dead > 0
      ? h(
          'p',
          { class: 'dead-letters-link' },
          `${dead === 1 ? 'Un message a' : `${formatInteger(dead)} messages ont`} échoué définitivement et attendent une intervention. `,
          h('a', { href: DSI_EXCHANGES_PATH, 'data-link': true }, 'Voir les messages en échec'),
        )
      : null,
  );
}

function healthRow(c: CommuneHealth, name: string): HTMLTableRowElement {
  const success = lastSuccessText(c);
  return h(
    'tr',
    { class: healthIsProblem(c.health) ? 'anomaly-row' : undefined, 'data-insee': c.commune },
    h('th', { scope: 'row' }, name === c.commune ? c.commune : `${name} (${c.commune})`),
    h('td', {}, healthBadge(c.health)),
    h('td', {}, connectorsSummary(c.connectors)),
    h('td', { class: 'number' }, pendingText(c)),
    h('td', { class: 'number' }, c.dead > 0 ? h('strong', { class: 'status anomaly' }, formatInteger(c.dead)) : formatInteger(c.dead)),
    h(
      'td',
      {},
      c.lastExchangeAt && c.lastExchangeStatus ? [formatDateTime(c.lastExchangeAt), ' — ', exchangeStatusBadge(c.lastExchangeStatus)] : lastExchangeText(c),
      success ? h('span', { class: 'last-success' }, ` (${success})`) : null,
    ),
    h('td', { class: 'exchange-detail' }, c.lastError?.trim() || '—'),
  );
}

// ---- the DSI's page: « Messages en échec des communes »

const TITLE = 'Messages en échec des communes';

interface State {
  /** The chosen commune (INSEE code); undefined: all. */
  commune: string | undefined;
  letters: DeadLetter[] | Error;
}

/**
 * The dead letters of every commune (platform operator): the messages that failed for good towards the communes'
 * software, filtered by commune (in the page's address), each with « Rejouer » once the cause is fixed; the outcome is
 * said in the status message and the replayed message leaves the list.
 */
export async function dsiExchangesView(ctx: ViewContext): Promise<HTMLElement[]> {
  const commune = deadLetterCommuneOf(ctx.query);
  const load = (insee: string | undefined) => ctx.api.integration.deadLetters(insee).catch((e: unknown) => new Error(messageOf(e)));
  const [tenants, letters] = await Promise.all([ctx.api.tenants(), load(commune)]);
  const nameOf = namesOf(tenants);
  const state: State = { commune, letters };

  const status = sectionStatus('dsi-rejeu-resultat');
  const refusal = alertRegion('dsi-rejeu-refus');
  const count = h('p', { id: 'dsi-echecs-nombre', class: 'result-count', role: 'status', 'aria-live': 'polite' });
  const slot = h('div', { class: 'results', id: 'dsi-echecs' });

  const render = (announce: boolean) => {
    slot.replaceChildren(lettersPart(state.letters, state.commune, nameOf, replay));
    if (!announce) return;
    // emptied first, so that the same count is announced again after a new filtering
    count.textContent = '';
    window.setTimeout(() => (count.textContent = state.letters instanceof Error ? 'Les messages en échec n’ont pas pu être lus.' : deadLetterCountText(state.letters.length)), 50);
  };
  const without = (letter: DeadLetter) => (state.letters instanceof Error ? state.letters : state.letters.filter((l) => l.id !== letter.id));

  async function replay(letter: DeadLetter, button: HTMLButtonElement) {
    refusal.hidden = true;
    busy(button, true);
    try {
      await ctx.api.integration.replayDeadLetter(letter.commune, letter.id);
    } catch (err) {
      busy(button, false);
      showProblem(refusal, err);
      // no longer a dead letter (replayed meanwhile: 409) or gone (404): it leaves the list
      if (err instanceof ApiError && (err.status === 409 || err.status === 404)) {
        state.letters = without(letter);
        render(false);
      }
      refusal.focus();
      return;
    }
    // the list as it is now: the message left the dead letters and waits for its next attempt
    const fresh = await load(state.commune);
    state.letters = fresh instanceof Error ? without(letter) : fresh.filter((l) => l.id !== letter.id);
    render(false);
    status.say(replayedText(letter, nameOf(letter.commune)));
  }

  const form = filterForm(tenants, state.commune, async (insee) => {
    window.history.pushState({}, '', dsiExchangesHref(insee));
    refusal.hidden = true;
    state.commune = insee;
    state.letters = await load(insee);
    render(true);
  });
  render(false);

  return [
    h('h1', { tabindex: '-1' }, TITLE),
    h(
      'p',
      { class: 'lead' },
      'Chaque envoi vers les logiciels d’une commune est tenté jusqu’à ce qu’il aboutisse, avec des délais croissants. Après le dernier essai, le message est en échec définitif : une fois la cause corrigée (adresse, secret, logiciel arrêté), rejouez-le. Chaque rejeu est inscrit au journal d’audit de la commune.',
    ),
    h('p', {}, 'La santé des connecteurs de chaque commune est présentée sur la page ', h('a', { href: '/communes', 'data-link': true }, 'Communes'), '.'),
    status.element,
    h(
      'section',
      { 'aria-labelledby': 'dsi-echecs-titre' },
      h('h2', { id: 'dsi-echecs-titre' }, 'Messages en échec définitif'),
      form,
      count,
      refusal,
      slot,
    ),
  ];
}

function filterForm(tenants: Tenant[], commune: string | undefined, onFilter: (insee: string | undefined) => void): HTMLFormElement {
  const options: [string, string][] = [...tenants].sort((a, b) => a.name.localeCompare(b.name, 'fr')).map((t) => [t.insee, `${t.name} (${t.insee})`]);
  if (commune && !options.some(([insee]) => insee === commune)) options.push([commune, commune]);
  const select = h(
    'select',
    { id: 'dsi-echecs-commune', name: 'commune' },
    h('option', { value: '', selected: !commune }, 'Toutes les communes'),
    options.map(([value, text]) => h('option', { value, selected: value === commune }, text)),
  );
  const form = h(
    'form',
    { role: 'search', 'aria-label': 'Filtrer les messages en échec', class: 'search-form exchange-filters', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: select.id }, 'Commune'), select),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button' }, 'Filtrer')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    onFilter(deadLetterCommuneOf(new URLSearchParams({ commune: select.value })));
  });
  return form;
}

function lettersPart(
  letters: DeadLetter[] | Error,
  commune: string | undefined,
  nameOf: (insee: string) => string,
  replay: (l: DeadLetter, b: HTMLButtonElement) => void,
): HTMLElement {
  if (letters instanceof Error) return h('div', { class: 'alert alert-error' }, letters.message);
  if (letters.length === 0) {
    return h(
      'p',
      { class: 'empty' },
      commune
        ? `Aucun message en échec pour ${nameOf(commune)} : tous ses messages ont été envoyés ou sont en cours d’envoi.`
        : 'Aucun message en échec : tous les messages des communes ont été envoyés ou sont en cours d’envoi.',
    );
  }
  return tableRegion(
    'Tableau des messages en échec des communes',
    deadLetterCountText(letters.length),
    ['Commune', 'Connecteur', 'Flux', 'Clé d’idempotence', 'Tentatives', 'Erreur', 'Créé le', 'Action'],
    letters.map((l) => {
      const name = nameOf(l.commune);
      const button = h('button', { type: 'button', class: 'button secondary small' }, 'Rejouer', srOnly(` le message « ${flowLabel(l.flow)} » de ${name} (clé ${l.idempotencyKey})`));
      button.addEventListener('click', () => replay(l, button));
      return h(
        'tr',
        { class: 'anomaly-row', 'data-id': l.id },
        h('th', { scope: 'row' }, name === l.commune ? l.commune : `${name} (${l.commune})`),
        h('td', {}, labelOf(CONNECTOR_LABEL, l.connector)),
        h('td', {}, flowLabel(l.flow)),
        h('td', {}, h('code', { class: 'hash' }, l.idempotencyKey)),
        h('td', { class: 'number' }, formatInteger(l.attempts)),
        h('td', { class: 'exchange-detail' }, l.lastError?.trim() || '—'),
        h('td', {}, formatDateTime(l.createdAt)),
        h('td', {}, button),
      );
    }),
  );
}
