import {
  DESCRIPTION_LEVEL,
  FINAL_ACTION,
  OBJECT_KIND,
  UNIT_SOURCE,
  accessText,
  disposalOutlook,
  durationLabel,
  isArchiveAdmin,
  labelOf,
  lastCheckText,
  restrictedMessage,
  serviceLabel,
  type ArchiveObject,
  type ArchiveUnit,
  type UnitDetail,
} from '../archive';
import { h } from '../dom';
import { formatBytes, formatDateTime, todayIso } from '../format';
import type { ViewContext } from './context';
import { downloadButton, tableRegion } from './documentParts';
import { busy, sectionStatus, takeNotice } from './leaveParts';
import { factList } from './parapheurParts';
import { alertRegion, archiveNav, archivePage, dayText, journalTable, showArchiveProblem, unitHref, unitStatusBadge } from './archiveParts';

const TITLE = "Unité d'archives";

/** What an action did: the page is re-read, re-rendered, and the outcome said in the focused status message. */
type Done = (message: string) => Promise<void>;

/**
 * An archive unit: its description, its management rules, its legal hold (placed or lifted by the administrator),
 * its files with their SHA-256 and last fixity check (unless its communication is still restricted), the evidence
 * bundle and the SEDA export, and its journal.
 */
export async function archiveUnitView(ctx: ViewContext, params: Record<string, string>): Promise<HTMLElement[]> {
  return archivePage(ctx.me, TITLE, async () => {
    const detail = await ctx.api.archive.unit(params.id);
    const status = sectionStatus('unite-resultat');
    const notice = takeNotice(unitHref(detail.unit.id));
    if (notice) status.element.textContent = notice;
    const title = h('h1', { tabindex: '-1' }, detail.unit.title);
    const breadcrumbTail = document.createTextNode(` › ${detail.unit.reference}`);
    const body = h('div', { class: 'unit-body' });
    const render = (d: UnitDetail) => {
      title.textContent = d.unit.title;
      breadcrumbTail.textContent = ` › ${d.unit.reference}`;
      body.replaceChildren(...unitBody(ctx, d, done));
    };
    const done: Done = async (message) => {
      try {
        render(await ctx.api.archive.unit(params.id));
      } catch {
        // the action succeeded; the page shows what it had
      }
      status.say(message);
    };
    render(detail);
    return [h('p', { class: 'breadcrumb' }, h('a', { href: '/archives', 'data-link': true }, 'Archives'), breadcrumbTail), title, archiveNav(ctx.me, null), status.element, body];
  });
}

function unitBody(ctx: ViewContext, d: UnitDetail, done: Done): HTMLElement[] {
  const u = d.unit;
  const today = todayIso();
  const destroyed = u.status === 'DESTROYED';
  const elements: (HTMLElement | null)[] = [
    h('h2', {}, 'Description'),
    factList([
      ['Référence', h('span', { class: 'reference' }, u.reference)],
      ['Intitulé', u.title],
      ['Description', u.description?.trim() ? h('span', { class: 'folder-message' }, u.description) : '—'],
      ['Niveau de description', labelOf(DESCRIPTION_LEVEL, u.descriptionLevel)],
      ['Dates extrêmes', u.startDate || u.endDate ? `du ${dayText(u.startDate)} au ${dayText(u.endDate)}` : '—'],
      ['Service producteur', serviceLabel(u.originatingService)],
      ['Mots-clés', u.keywords?.length ? u.keywords.join(', ') : '—'],
      ['Convention d’archivage', u.agreement || '—'],
      ['Origine', sourceText(u)],
      ['Versée par', u.archivedByName || '—'],
      ['Versée le', formatDateTime(u.archivedAt)],
      ['Volume', formatBytes(u.totalBytes)],
      ['Statut', h('span', {}, unitStatusBadge(u))],
      ['Détruite le', u.destroyedAt ? formatDateTime(u.destroyedAt) : null],
    ]),
    h('h2', {}, 'Règles de gestion'),
    factList([
      ['Règle', `${u.ruleLabel || u.ruleCode} (${u.ruleCode})`],
      ['Durée d’utilité administrative', durationLabel(u.retentionDuration)],
      ['Départ de la durée', dayText(u.retentionStart)],
      ['Fin de la durée', u.retentionEnd ? dayText(u.retentionEnd) : 'Conservation définitive'],
      ['Sort final', labelOf(FINAL_ACTION, u.finalAction)],
      ['Communicabilité', accessText(u, today)],
    ]),
    h('p', { class: 'disposal-outlook' }, disposalOutlook(u, today)),
    destroyed ? null : holdSection(ctx, u, done),
    h('h2', { id: 'fichiers-titre' }, 'Fichiers'),
    filesPart(ctx, d),
    destroyed
      ? null
      : h(
          'div',
          { class: 'actions archive-downloads' },
          downloadButton('Télécharger le dossier de preuve', `preuve-${u.reference}.zip`, () => ctx.api.archive.evidence(u.id)),
          downloadButton('Exporter (SEDA 2.2)', `${u.reference}-seda.zip`, () => ctx.api.archive.exportSeda(u.id)),
        ),
    destroyed ? null : h('p', { class: 'hint' }, 'Le dossier de preuve réunit les fichiers, leurs empreintes, le journal de l’unité et les sceaux horodatés du journal ; l’export est un paquet SEDA 2.2 à verser dans un autre système d’archivage.'),
    h('h2', {}, 'Journal de l’unité'),
    d.journal.length === 0
      ? h('p', { class: 'empty' }, 'Aucun événement.')
      : journalTable(
          'Journal de l’unité',
          `${d.journal.length} événement(s), du plus ancien au plus récent ; chaque entrée est chaînée à la précédente par son empreinte SHA-256`,
          [...d.journal].sort((a, b) => a.seq - b.seq),
        ),
  ];
  return elements.filter((e): e is HTMLElement => e !== null);
}

function sourceText(u: ArchiveUnit): HTMLElement | string {
  const source = labelOf(UNIT_SOURCE, u.source);
  if (u.source === 'GED' && u.sourceDocumentId) {
    return h(
      'span',
      {},
      `${source}${u.sourceDocumentVersion ? `, version ${u.sourceDocumentVersion}` : ''} — `,
      h('a', { href: `/documents/${encodeURIComponent(u.sourceDocumentId)}`, 'data-link': true }, 'ouvrir le document dans la GED'),
    );
  }
  return source;
}

function filesPart(ctx: ViewContext, d: UnitDetail): HTMLElement {
  if (d.restricted) return h('div', { class: 'alert alert-info restricted-notice' }, restrictedMessage(d.unit));
  if (d.objects.length === 0) return h('p', { class: 'empty' }, d.unit.status === 'DESTROYED' ? 'Les fichiers de l’unité ont été détruits.' : 'Aucun fichier.');
  return tableRegion(
    'Fichiers de l’unité',
    `${d.objects.length} fichier(s) conservé(s), avec leur empreinte SHA-256 et le résultat du dernier contrôle d’intégrité`,
    ['Fichier', 'Nature', 'Taille', 'Empreinte SHA-256', 'Dernier contrôle', 'Action'],
    d.objects.map((o) => objectRow(ctx, d.unit, o)),
  );
}

function objectRow(ctx: ViewContext, u: ArchiveUnit, o: ArchiveObject): HTMLTableRowElement {
  return h(
    'tr',
    {},
    h('th', { scope: 'row', class: 'file-name' }, o.fileName),
    h('td', {}, labelOf(OBJECT_KIND, o.kind)),
    h('td', { class: 'number' }, formatBytes(o.size)),
    h('td', {}, h('code', { class: 'hash' }, o.sha256)),
    h('td', { class: o.lastCheck && o.lastCheck !== 'OK' ? 'check-failed' : undefined }, lastCheckText(o.lastCheck, o.lastCheckedAt, formatDateTime)),
    h(
      'td',
      {},
      o.deletedAt
        ? `Supprimé le ${formatDateTime(o.deletedAt)}`
        : downloadButton('Télécharger', o.fileName, () => ctx.api.archive.downloadObject(u.id, o.id), `Télécharger ${o.fileName} (${labelOf(OBJECT_KIND, o.kind).toLowerCase()})`),
    ),
  );
}

// ---- legal hold

function holdSection(ctx: ViewContext, u: ArchiveUnit, done: Done): HTMLElement {
  const admin = isArchiveAdmin(ctx.me);
  return h(
    'section',
    { class: admin ? 'action-area' : undefined, 'aria-labelledby': 'gel-titre' },
    h('h2', { id: 'gel-titre' }, 'Gel'),
    u.legalHold
      ? h('p', { class: 'hold-state' }, h('strong', {}, 'Unité sous gel : '), u.legalHoldReason?.trim() ? `motif : ${u.legalHoldReason}` : 'aucun motif indiqué.', ' Aucune élimination n’est possible tant que le gel n’est pas levé.')
      : h('p', { class: 'hold-state' }, 'Aucun gel. Un gel (procédure contentieuse, enquête, demande d’accès…) bloque toute élimination de l’unité.'),
    admin ? holdForm(ctx, u, done) : null,
  );
}

function holdForm(ctx: ViewContext, u: ArchiveUnit, done: Done): HTMLFormElement {
  const placing = !u.legalHold;
  const id = 'gel-motif';
  const hintId = `${id}-aide`;
  const errorId = `${id}-erreur`;
  const reason = h('textarea', {
    id,
    name: 'reason',
    rows: 3,
    maxlength: 1000,
    required: placing,
    'aria-required': placing ? 'true' : undefined,
    'aria-describedby': hintId,
  });
  const reasonError = h('p', { class: 'field-error', id: errorId, hidden: true });
  const refusal = alertRegion('gel-refus');
  const submit = h('button', { type: 'submit', class: placing ? 'button danger' : 'button' }, placing ? 'Poser un gel' : 'Lever le gel');
  const clearError = () => {
    reasonError.hidden = true;
    reason.removeAttribute('aria-invalid');
    reason.setAttribute('aria-describedby', hintId);
  };
  reason.addEventListener('input', clearError);
  const form = h(
    'form',
    { class: 'action-form hold-form', novalidate: true },
    h(
      'div',
      { class: 'field wide' },
      h('label', { for: id }, placing ? 'Motif du gel' : 'Motif de la levée (facultatif)'),
      h('p', { class: 'hint', id: hintId }, placing ? 'Obligatoire : la procédure ou la raison du gel. Il est inscrit au journal de l’unité.' : 'Inscrit au journal de l’unité.'),
      reasonError,
      reason,
    ),
    refusal,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    refusal.hidden = true;
    const text = reason.value.trim();
    if (placing && !text) {
      reasonError.textContent = 'Indiquez le motif du gel.';
      reasonError.hidden = false;
      reason.setAttribute('aria-invalid', 'true');
      reason.setAttribute('aria-describedby', `${errorId} ${hintId}`);
      reason.focus();
      return;
    }
    clearError();
    busy(submit, true);
    try {
      await ctx.api.archive.legalHold(u.id, placing, text || undefined);
      await done(placing ? `L’unité ${u.reference} est sous gel : elle ne peut plus être éliminée.` : `Le gel de l’unité ${u.reference} est levé.`);
    } catch (err) {
      busy(submit, false);
      showArchiveProblem(refusal, err);
      refusal.focus();
    }
  });
  return form;
}
