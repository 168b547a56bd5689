// Pieces shared by the archive pages (SAE): the subscription check, the archive's own navigation, French badges, the
// refusals with their reasons, the tables of units, journal entries and audits.
import { ApiError, type Me } from '../api';
import {
  AUDIT_TRIGGER,
  DISPOSAL_STATUS,
  FINAL_ACTION,
  UNIT_STATUS,
  auditOutcome,
  canTransfer,
  eventLabel,
  labelOf,
  problemReasons,
  readsIntegrity,
  retentionEndText,
  shortHash,
  takesPartInDisposals,
  type ArchiveJournalEntry,
  type ArchiveUnit,
  type FixityRun,
} from '../archive';
import { h } from '../dom';
import { formatDate, formatDateTime, formatInteger, todayIso } from '../format';
import { gedPage, messageOf, tableRegion } from './documentParts';

export const unitHref = (id: string) => `/archives/unites/${encodeURIComponent(id)}`;
export const disposalHref = (id: string) => `/archives/eliminations/${encodeURIComponent(id)}`;

/**
 * Builds an archive page; if the commune is not subscribed to the archiving service (403 `service-not-subscribed`),
 * the page says so and points to the catalogue instead.
 */
export function archivePage(me: Me, title: string, build: () => Promise<(HTMLElement | null)[]>): Promise<HTMLElement[]> {
  return gedPage(me, title, build);
}

export type ArchiveSection = 'recherche' | 'verser' | 'eliminations' | 'referentiel' | 'integrite';

/** The archive's sections, as the person's roles allow; the current one is marked. */
export function archiveNav(me: Me, current: ArchiveSection | null): HTMLElement {
  const entries: [ArchiveSection, string, string][] = [['recherche', '/archives', 'Rechercher']];
  if (canTransfer(me)) entries.push(['verser', '/archives/verser', 'Verser un document']);
  if (takesPartInDisposals(me)) entries.push(['eliminations', '/archives/eliminations', 'Éliminations']);
  entries.push(['referentiel', '/archives/referentiel', 'Référentiel']);
  if (readsIntegrity(me)) entries.push(['integrite', '/archives/integrite', 'Intégrité']);
  return h(
    'nav',
    { class: 'subnav', 'aria-label': 'Archives électroniques' },
    h('ul', {}, entries.map(([key, href, label]) => h('li', {}, h('a', { href, 'data-link': true, 'aria-current': key === current ? 'true' : undefined }, label)))),
  );
}

/** A unit's status in words (the colour only repeats it), with its legal hold. */
export function unitStatusBadge(unit: Pick<ArchiveUnit, 'status' | 'legalHold'>): (HTMLElement | string)[] {
  return [
    h('span', { class: `status unit-status-${unit.status.toLowerCase()}` }, labelOf(UNIT_STATUS, unit.status)),
    unit.legalHold ? h('span', { class: 'status hold-mark' }, ' — sous gel') : '',
  ];
}

export function disposalStatusBadge(status: string): HTMLElement {
  return h('span', { class: `status disposal-status-${status.toLowerCase()}` }, labelOf(DISPOSAL_STATUS, status));
}

/** The server's refusal in an alert: its French detail, and the list of its reasons (`reasons` or `errors`). */
export function showArchiveProblem(target: HTMLElement, err: unknown): void {
  const reasons = err instanceof ApiError ? problemReasons(err.problem) : [];
  target.replaceChildren(h('p', {}, messageOf(err)), reasons.length ? h('ul', { class: 'reasons' }, reasons.map((m) => h('li', {}, m))) : '');
  target.hidden = false;
}

/** An alert region for a form's refusals (hidden until there is one). */
export const alertRegion = (id: string): HTMLElement => h('div', { class: 'alert alert-error', role: 'alert', id, tabindex: '-1', hidden: true });

/** A table of units: reference, title (link), rule, final action, end of the DUA, archived on, status. */
export function unitsTable(label: string, caption: string, units: ArchiveUnit[]): HTMLElement {
  const today = todayIso();
  return tableRegion(
    label,
    caption,
    ['Référence', 'Intitulé', 'Règle', 'Sort final', 'Fin de DUA', 'Versée le', 'Statut'],
    units.map((u) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, h('span', { class: 'reference' }, u.reference)),
        h('td', {}, h('a', { href: unitHref(u.id), 'data-link': true }, u.title)),
        h('td', {}, u.ruleLabel || u.ruleCode),
        h('td', {}, labelOf(FINAL_ACTION, u.finalAction)),
        h('td', {}, retentionEndText(u, today)),
        h('td', {}, formatDateTime(u.archivedAt)),
        h('td', {}, unitStatusBadge(u)),
      ),
    ),
  );
}

/** Journal entries: n°, date, event in French, actor, fingerprint (abbreviated, the full one for screen readers). */
export function journalTable(label: string, caption: string, entries: ArchiveJournalEntry[]): HTMLElement {
  return tableRegion(
    label,
    caption,
    ['N°', 'Date', 'Événement', 'Acteur', 'Empreinte'],
    entries.map((e) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row', class: 'number' }, String(e.seq)),
        h('td', {}, formatDateTime(e.at)),
        h('td', {}, h('span', { class: 'event', 'data-event': e.eventType }, eventLabel(e.eventType))),
        h('td', {}, e.actorName || 'Plateforme'),
        h('td', {}, h('code', { class: 'hash', title: e.hash }, shortHash(e.hash))),
      ),
    ),
  );
}

/** Fixity audits: started, trigger, by whom, finished, counts, outcome. */
export function auditsTable(label: string, runs: FixityRun[]): HTMLElement {
  if (runs.length === 0) return h('p', { class: 'empty' }, 'Aucun audit d’intégrité n’a encore été mené.');
  return tableRegion(
    label,
    runs.length === 1 ? '1 audit, le plus récent en premier' : `${formatInteger(runs.length)} audits, les plus récents en premier`,
    ['Lancé le', 'Déclenchement', 'Par', 'Terminé le', 'Objets contrôlés', 'Intègres', 'Altérés', 'Manquants', 'Résultat'],
    runs.map((r) =>
      h(
        'tr',
        { class: r.altered + r.missing > 0 || r.unreachable ? 'anomaly-row' : undefined },
        h('th', { scope: 'row' }, formatDateTime(r.startedAt)),
        h('td', {}, labelOf(AUDIT_TRIGGER, r.trigger)),
        h('td', {}, r.requestedBy || (r.trigger === 'SCHEDULED' ? 'Plateforme' : '—')),
        h('td', {}, formatDateTime(r.finishedAt)),
        h('td', { class: 'number' }, formatInteger(r.checked)),
        h('td', { class: 'number' }, formatInteger(r.intact)),
        h('td', { class: 'number' }, formatInteger(r.altered)),
        h('td', { class: 'number' }, formatInteger(r.missing)),
        h('td', {}, h('span', { class: r.altered + r.missing > 0 || r.unreachable ? 'status anomaly' : 'status intact' }, auditOutcome(r))),
      ),
    ),
  );
}

/** A date field's French reading of an ISO day (for facts). */
export const dayText = (iso: string | null | undefined): string => (iso ? formatDate(iso) : '—');
