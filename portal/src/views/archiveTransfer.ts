import type { GedDocument } from '../api';
import {
  DESCRIPTION_LEVELS,
  TRANSFER_STATUS,
  defaultAgreement,
  durationLabel,
  labelOf,
  ruleSummary,
  rulesOfAgreement,
  serviceLabel,
  transferProblems,
  transferRequest,
  type ArchivalAgreement,
  type RetentionRule,
  type SedaTransfer,
  type TransferDraft,
} from '../archive';
import { announce, h } from '../dom';
import { formatDateTime, todayIso } from '../format';
import type { ViewContext } from './context';
import { downloadButton, messageOf, tableRegion } from './documentParts';
import { busy, errorSummary, formField, setNotice } from './leaveParts';
import { alertRegion, archiveNav, archivePage, showArchiveProblem, unitHref } from './archiveParts';

const TITLE = 'Verser aux archives';

/** The ids of the form's controls, by the draft's fields. */
const IDS: Record<keyof TransferDraft, string> = {
  documentId: 'versement-document',
  title: 'versement-intitule',
  description: 'versement-description',
  descriptionLevel: 'versement-niveau',
  startDate: 'versement-debut',
  endDate: 'versement-fin',
  service: 'versement-service',
  keywords: 'versement-mots-cles',
  ruleCode: 'versement-regle',
  retentionStart: 'versement-depart-dua',
  accessRestrictedUntil: 'versement-communicabilite',
  agreement: 'versement-convention',
};

/**
 * Archives a GED document (its current version) as an archive unit: description, producing service and retention
 * rule under one of the commune's agreements. `?document=<id>` preselects the document (the « Archiver » button of a
 * document's page). A refusal outside the agreement lists its reasons; a success opens the unit's page. Below: the
 * SEDA transfers received through the API, with their acknowledgements.
 */
export async function archiveTransferView(ctx: ViewContext): Promise<HTMLElement[]> {
  return archivePage(ctx.me, TITLE, async () => {
    const preselected = ctx.query.get('document')?.trim() || null;
    const [rules, agreements, doc, transfers] = await Promise.all([
      ctx.api.archive.rules(),
      ctx.api.archive.agreements(),
      preselected ? ctx.api.document(preselected).catch((e: unknown) => new Error(messageOf(e))) : Promise.resolve(null),
      ctx.api.archive.transfers().catch(() => null),
    ]);
    const active = agreements.filter((a) => a.active);
    const head = [
      h('p', { class: 'breadcrumb' }, h('a', { href: '/archives', 'data-link': true }, 'Archives'), ` › ${TITLE}`),
      h('h1', { tabindex: '-1' }, TITLE),
      archiveNav(ctx.me, 'verser'),
    ];
    return [
      ...head,
      doc instanceof Error ? h('div', { class: 'alert alert-error', role: 'alert' }, `Le document demandé n’a pas pu être chargé : ${doc.message}`) : null,
      h('p', { class: 'lead' }, 'Le versement copie la version courante du document de la GED dans les archives, avec son empreinte SHA-256 et, pour un PDF signé, le rapport de validation de ses signatures. Le document reste dans la GED.'),
      active.length === 0
        ? h('div', { class: 'alert alert-info' }, 'Aucune convention d’archivage active : l’administrateur de la commune doit en activer une dans le référentiel avant tout versement.')
        : transferForm(ctx, rules, active, doc),
      transfers ? transfersSection(ctx, transfers) : null,
    ];
  });
}

function transferForm(ctx: ViewContext, rules: RetentionRule[], agreements: ArchivalAgreement[], doc: GedDocument | Error | null): HTMLFormElement {
  const picker = documentPicker(ctx, doc instanceof Error ? null : doc);
  const title = h('input', { id: IDS.title, name: 'title', type: 'text', maxlength: 500, autocomplete: 'off', value: doc && !(doc instanceof Error) ? doc.title : '' });
  let titleTyped = false;
  title.addEventListener('input', () => (titleTyped = title.value.trim() !== ''));
  picker.onChosen((t) => {
    if (!titleTyped) title.value = t;
  });
  const description = h('textarea', { id: IDS.description, name: 'description', rows: 3, maxlength: 4000 });
  const level = h('select', { id: IDS.descriptionLevel, name: 'descriptionLevel' }, DESCRIPTION_LEVELS.map((l) => h('option', { value: l.value, selected: l.value === 'Item' }, l.label)));
  const startDate = h('input', { id: IDS.startDate, name: 'startDate', type: 'date' });
  const endDate = h('input', { id: IDS.endDate, name: 'endDate', type: 'date' });
  const agreement = h(
    'select',
    { id: IDS.agreement, name: 'agreement', required: true },
    agreements.map((a) => h('option', { value: a.identifier, selected: a.identifier === defaultAgreement(agreements, ctx.me.commune?.insee)?.identifier }, `${a.label} (${a.identifier})`)),
  );
  const service = h('select', { id: IDS.service, name: 'service', required: true });
  const rule = h('select', { id: IDS.ruleCode, name: 'ruleCode', required: true });
  const ruleHint = h('p', { class: 'hint rule-outlook', id: 'versement-regle-detail', 'aria-live': 'polite' });
  rule.setAttribute('aria-describedby', ruleHint.id);
  const keywords = h('input', { id: IDS.keywords, name: 'keywords', type: 'text', maxlength: 1000, autocomplete: 'off' });
  const retentionStart = h('input', { id: IDS.retentionStart, name: 'retentionStart', type: 'date', value: todayIso() });
  const restricted = h('input', { id: IDS.accessRestrictedUntil, name: 'accessRestrictedUntil', type: 'date' });

  const fillChoices = () => {
    const chosen = agreements.find((a) => a.identifier === agreement.value);
    const previousService = service.value;
    const previousRule = rule.value;
    service.replaceChildren(
      h('option', { value: '' }, 'Choisissez un service'),
      ...(chosen?.services ?? []).map((s) => h('option', { value: s, selected: s === previousService }, serviceLabel(s))),
    );
    rule.replaceChildren(
      h('option', { value: '' }, 'Choisissez une règle'),
      ...rulesOfAgreement(chosen, rules).map((r) => h('option', { value: r.code, selected: r.code === previousRule }, ruleSummary(r))),
    );
    describeRule();
  };
  const describeRule = () => {
    const r = rules.find((x) => x.code === rule.value);
    ruleHint.textContent = r
      ? r.duration
        ? `Durée d’utilité administrative : ${durationLabel(r.duration)} à compter du départ indiqué ci-dessous ; à son terme : ${r.finalAction === 'DESTROY' ? 'destruction, après approbation de la commune et de l’autorité d’archives' : 'conservation définitive'}.`
        : 'Conservation définitive : l’unité ne sera jamais éliminée.'
      : 'La règle fixe la durée d’utilité administrative et le sort final de l’unité.';
  };
  agreement.addEventListener('change', fillChoices);
  rule.addEventListener('change', describeRule);
  fillChoices();

  let form: HTMLFormElement;
  const summary = errorSummary('versement-erreurs', () => form);
  const refusal = alertRegion('versement-refus');
  const status = h('p', { class: 'busy-status', role: 'status', id: 'versement-statut' });
  const submit = h('button', { type: 'submit', class: 'button' }, 'Verser aux archives');
  form = h(
    'form',
    { class: 'parapheur-form archive-transfer-form', novalidate: true, 'aria-labelledby': 'versement-titre' },
    h('h2', { id: 'versement-titre' }, 'Document à archiver'),
    h('p', { class: 'hint' }, 'Tous les champs sont obligatoires, sauf mention « facultatif ».'),
    summary.element,
    picker.element,
    h(
      'fieldset',
      {},
      h('legend', {}, 'Description'),
      formField(IDS.title, 'Intitulé (facultatif)', title, 'Par défaut, le titre du document dans la GED.', true),
      formField(IDS.description, 'Description (facultatif)', description, undefined, true),
      formField(IDS.descriptionLevel, 'Niveau de description', level),
      h('div', { class: 'date-range' }, formField(IDS.startDate, 'Date de début (facultatif)', startDate), formField(IDS.endDate, 'Date de fin (facultatif)', endDate)),
      formField(IDS.keywords, 'Mots-clés (facultatif)', keywords, 'Séparés par des virgules.', true),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Règles de gestion'),
      formField(IDS.agreement, 'Convention d’archivage', agreement, 'La convention fixe les services qui peuvent verser et les règles qu’ils peuvent appliquer.'),
      formField(IDS.service, 'Service producteur', service),
      formField(IDS.ruleCode, 'Règle de gestion', rule),
      ruleHint,
      formField(IDS.retentionStart, 'Départ de la durée d’utilité administrative', retentionStart, 'Par défaut, aujourd’hui.'),
      formField(IDS.accessRestrictedUntil, 'Non communicable jusqu’au (facultatif)', restricted, 'Jusqu’à cette date, seuls les métadonnées sont consultables ; les fichiers ne le sont pas.'),
    ),
    refusal,
    h('div', { class: 'actions' }, submit),
    status,
  );

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    refusal.hidden = true;
    const draft: TransferDraft = {
      documentId: picker.value(),
      title: title.value,
      description: description.value,
      descriptionLevel: level.value,
      startDate: startDate.value,
      endDate: endDate.value,
      service: service.value,
      keywords: keywords.value,
      ruleCode: rule.value,
      retentionStart: retentionStart.value,
      accessRestrictedUntil: restricted.value,
      agreement: agreement.value,
    };
    const problems = transferProblems(draft);
    if (problems.length > 0) {
      summary.show(problems.map(([name, message]) => ({ id: IDS[name], message })));
      return;
    }
    summary.clear();
    busy(submit, true);
    status.textContent = 'Versement en cours : copie et empreinte du document…';
    try {
      const unit = await ctx.api.archive.transfer(transferRequest(draft));
      const message = `Document versé aux archives : unité ${unit.reference} (« ${unit.title} »).`;
      setNotice(unitHref(unit.id), message);
      announce(message);
      ctx.navigate(unitHref(unit.id));
    } catch (err) {
      status.textContent = '';
      busy(submit, false);
      showArchiveProblem(refusal, err);
      refusal.focus();
    }
  });
  return form;
}

interface DocumentPicker {
  element: HTMLElement;
  value: () => string;
  /** Called with the chosen document's title. */
  onChosen: (listener: (title: string) => void) => void;
}

/** The GED document to archive: the preselected one, or one found by a search in the GED. */
function documentPicker(ctx: ViewContext, doc: GedDocument | null): DocumentPicker {
  const listeners: ((title: string) => void)[] = [];
  const titles = new Map<string, string>();
  const select = h('select', { id: IDS.documentId, name: 'documentId', required: true }, h('option', { value: '' }, 'Choisissez un document'));
  const fill = (docs: { id: string; title: string; text: string }[], keep?: string) => {
    const current = keep ?? select.value;
    select.replaceChildren(h('option', { value: '' }, docs.length ? 'Choisissez un document' : 'Aucun document trouvé'), ...docs.map((d) => h('option', { value: d.id, selected: d.id === current }, d.text)));
    docs.forEach((d) => titles.set(d.id, d.title));
  };
  if (doc) fill([{ id: doc.id, title: doc.title, text: `${doc.title} (version ${doc.currentVersion})` }], doc.id);
  select.addEventListener('change', () => {
    const t = titles.get(select.value);
    if (t) listeners.forEach((l) => l(t));
  });

  const query = h('input', { id: 'versement-recherche', type: 'search', maxlength: 500, autocomplete: 'off' });
  const search = h('button', { type: 'button', class: 'button secondary' }, 'Chercher dans la GED');
  const found = h('p', { class: 'hint', id: 'versement-recherche-statut', role: 'status' });
  const run = async () => {
    search.disabled = true;
    found.textContent = 'Recherche en cours…';
    try {
      const results = await ctx.api.searchDocuments({ q: query.value.trim() || undefined, size: 50 });
      fill(results.results.map((d) => ({ id: d.id, title: d.title, text: `${d.title} — ${d.fileName} (version ${d.currentVersion})` })));
      const n = results.results.length;
      found.textContent = n === 0 ? 'Aucun document trouvé.' : n === 1 ? '1 document trouvé : choisissez-le dans la liste.' : `${n} documents trouvés : choisissez-en un dans la liste.`;
    } catch (e) {
      found.textContent = `La recherche dans la GED a échoué : ${messageOf(e)}`;
    } finally {
      search.disabled = false;
    }
  };
  search.addEventListener('click', () => void run());
  query.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void run();
    }
  });

  const element = h(
    'div',
    { class: 'ged-picker' },
    doc
      ? h('p', {}, 'Document de la GED : ', h('a', { href: `/documents/${encodeURIComponent(doc.id)}`, 'data-link': true }, doc.title), ` (version courante : ${doc.currentVersion}).`)
      : null,
    h('div', { class: 'field wide' }, h('label', { for: 'versement-recherche' }, doc ? 'Ou chercher un autre document dans la GED (facultatif)' : 'Chercher dans la GED'), h('div', { class: 'inline-controls' }, query, search)),
    found,
    formField(IDS.documentId, 'Document de la GED', select, 'Sa version courante est versée.'),
  );
  return { element, value: () => select.value, onChosen: (l) => listeners.push(l) };
}

function transfersSection(ctx: ViewContext, transfers: SedaTransfer[]): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'versements-seda-titre' },
    h('h2', { id: 'versements-seda-titre' }, 'Versements SEDA reçus'),
    h('p', {}, 'Les logiciels métier versent leurs paquets SEDA 2.2 par l’API de la plateforme ; chacun reçoit un accusé de réception (ArchiveTransferReply).'),
    transfers.length === 0
      ? h('p', { class: 'empty' }, 'Aucun versement SEDA reçu.')
      : tableRegion(
          'Tableau des versements SEDA reçus',
          transfers.length === 1 ? '1 versement, le plus récent en premier' : `${transfers.length} versements, les plus récents en premier`,
          ['Reçu le', 'Identifiant du message', 'Versé par', 'Statut', 'Unité', 'Motifs du refus', 'Accusé de réception'],
          transfers.map((t) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, formatDateTime(t.receivedAt)),
              h('td', {}, h('code', {}, t.messageIdentifier)),
              h('td', {}, t.receivedByName || '—'),
              h('td', {}, h('span', { class: `status transfer-status-${t.status.toLowerCase()}` }, labelOf(TRANSFER_STATUS, t.status))),
              h('td', {}, t.unitId ? h('a', { href: unitHref(t.unitId), 'data-link': true }, 'Voir l’unité', h('span', { class: 'sr-only' }, ` du message ${t.messageIdentifier}`)) : '—'),
              h('td', {}, t.reasons?.length ? h('ul', { class: 'reasons' }, t.reasons.map((r) => h('li', {}, r))) : '—'),
              h('td', {}, downloadButton('Télécharger', `accuse-${t.messageIdentifier}.xml`, () => ctx.api.archive.transferReply(t.id), `Télécharger l’accusé de réception du message ${t.messageIdentifier}`)),
            ),
          ),
        ),
  );
}
