import {
  AGENT_COLUMNS,
  AGENT_IMPORTS_PATH,
  AGENT_TEMPLATE_NAME,
  CONNECTORS_PATH,
  IMPORT_ENCODING_LABEL,
  IMPORT_SOURCE_LABEL,
  agentFileProblem,
  agentImportHref,
  agentTemplateCsv,
  importCountText,
  importCounts,
  importSummary,
  labelOf,
  type ImportReport,
} from '../integration';
import { h, srOnly } from '../dom';
import { formatDateTime, formatInteger } from '../format';
import type { ViewContext } from './context';
import { messageOf, tableRegion } from './documentParts';
import { busy, errorSummary, formField, sectionStatus } from './leaveParts';
import { factList } from './parapheurParts';
import { alertRegion } from './archiveParts';
import { importStatusBadge, integrationNav, showImportProblem } from './integrationParts';

const TITLE = 'Import des agents (RH)';
const FILE_ID = 'agents-fichier';

/**
 * The import of the commune's agents from its HR software (commune administrator): what the file holds (with an example
 * to download), the upload of a CSV file or its fetching from the HR connector now, the result of the run (counts and
 * rejected lines) and the history of the latest imports, each leading to its report.
 */
export async function agentImportsView(ctx: ViewContext): Promise<HTMLElement[]> {
  const load = () => ctx.api.integration.agentImports().catch((e: unknown) => new Error(messageOf(e)));
  let history = await load();

  const status = sectionStatus('agents-resultat');
  const refusal = alertRegion('agents-refus');
  const progress = h('p', { id: 'agents-progression', class: 'busy-status', role: 'status' });
  const resultSlot = h('div', { id: 'agents-dernier' });
  const historySlot = h('div', { class: 'results', id: 'agents-historique' });
  const renderHistory = () => historySlot.replaceChildren(historyPart(history));
  renderHistory();

  const file = h('input', { id: FILE_ID, name: 'file', type: 'file', accept: '.csv,text/csv', class: 'file-input' });
  const upload = h('button', { type: 'submit', class: 'button' }, 'Importer');
  const pull = h('button', { type: 'button', class: 'button secondary' }, 'Importer depuis le logiciel RH');
  let form: HTMLFormElement;
  const summary = errorSummary('agents-erreurs', () => form);
  form = h(
    'form',
    { class: 'parapheur-form agents-form', novalidate: true, 'aria-labelledby': 'agents-depot-titre' },
    h('h3', { id: 'agents-depot-titre' }, 'Depuis un fichier'),
    summary.element,
    formField(FILE_ID, 'Fichier des agents (CSV)', file, 'Un fichier CSV de 10 Mo au plus. Le même fichier importé une seconde fois n’est pas appliqué de nouveau.', true),
    h('div', { class: 'actions' }, upload),
  );

  /** Runs an import: buttons disabled, progress said; then the result, the history read again and the outcome focused. */
  async function run(action: () => Promise<ImportReport>, during: string) {
    summary.clear();
    refusal.hidden = true;
    busy(upload, true);
    busy(pull, true);
    progress.textContent = during;
    let report: ImportReport;
    try {
      report = await action();
    } catch (err) {
      progress.textContent = '';
      busy(upload, false);
      busy(pull, false);
      showImportProblem(refusal, err);
      refusal.focus();
      // a file refused as a whole is recorded too: the history shows it
      const fresh = await load();
      if (!(fresh instanceof Error)) {
        history = fresh;
        renderHistory();
      }
      return;
    }
    progress.textContent = '';
    busy(upload, false);
    busy(pull, false);
    form.reset();
    resultSlot.replaceChildren(resultSection(report));
    const previous = history instanceof Error ? [] : history.filter((r) => r.id !== report.id);
    const fresh = await load();
    history = fresh instanceof Error ? [report, ...previous] : fresh;
    renderHistory();
    status.say(importSummary(report));
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const chosen = file.files?.[0] ?? null;
    const problem = agentFileProblem(chosen);
    if (problem || !chosen) {
      summary.show([{ id: FILE_ID, message: problem ?? 'Choisissez le fichier des agents (CSV).' }]);
      return;
    }
    void run(() => ctx.api.integration.importAgents(chosen, chosen.name), `Import du fichier « ${chosen.name} » en cours…`);
  });
  pull.addEventListener('click', () => void run(() => ctx.api.integration.pullAgents(), 'Lecture du fichier des agents chez le logiciel RH en cours…'));

  return [
    h('p', { class: 'breadcrumb' }, h('a', { href: CONNECTORS_PATH, 'data-link': true }, 'Connecteurs'), ` › ${TITLE}`),
    h('h1', { tabindex: '-1' }, TITLE),
    integrationNav('agents'),
    h(
      'p',
      { class: 'lead' },
      'Le fichier des agents du logiciel RH tient à jour les comptes de MetroCloud : les nouveaux agents reçoivent un compte, les changements (service, responsable, rythme de travail, soldes de congés) sont appliqués, et les agents sortis perdent leur accès et leurs certificats de signature.',
    ),
    expectedFileSection(),
    h(
      'section',
      { 'aria-labelledby': 'agents-import-titre' },
      h('h2', { id: 'agents-import-titre' }, 'Importer'),
      status.element,
      refusal,
      form,
      h('h3', { id: 'agents-rh-titre' }, 'Depuis le logiciel RH'),
      h(
        'p',
        {},
        'MetroCloud lit maintenant le fichier des agents chez le logiciel RH de la commune, par son connecteur (REST ou SFTP), sans attendre le prochain échange programmé.',
      ),
      h('div', { class: 'actions' }, pull),
      progress,
    ),
    resultSlot,
    h('section', { 'aria-labelledby': 'agents-historique-titre' }, h('h2', { id: 'agents-historique-titre' }, 'Historique des imports'), historySlot),
  ];
}

/** The report of one import: its summary, its facts and its rejected lines. */
export async function agentImportView(ctx: ViewContext, params: Record<string, string>): Promise<HTMLElement[]> {
  const report = await ctx.api.integration.agentImport(params.id);
  const title = `Import du ${formatDateTime(report.receivedAt)}`;
  return [
    h(
      'p',
      { class: 'breadcrumb' },
      h('a', { href: CONNECTORS_PATH, 'data-link': true }, 'Connecteurs'),
      ' › ',
      h('a', { href: AGENT_IMPORTS_PATH, 'data-link': true }, TITLE),
      ` › ${title}`,
    ),
    h('h1', { tabindex: '-1' }, title),
    integrationNav('agents'),
    ...reportParts(report, 'import', 'h2'),
  ];
}

/** What the file holds: the separators and encodings, the columns, the field mappings and an example to download. */
function expectedFileSection(): HTMLElement {
  const example = new Blob([agentTemplateCsv()], { type: 'text/csv;charset=utf-8' });
  return h(
    'section',
    { 'aria-labelledby': 'agents-fichier-attendu-titre' },
    h('h2', { id: 'agents-fichier-attendu-titre' }, 'Fichier attendu'),
    h(
      'p',
      {},
      'Un fichier CSV dont la première ligne, l’en-tête, nomme les colonnes, séparées par des points-virgules (« ; ») ou des virgules (« , »). L’encodage, UTF-8 ou ISO-8859-1 (Latin-1), est reconnu ligne par ligne. Chaque ligne suivante décrit un agent ; les colonnes absentes ou vides ne changent rien.',
    ),
    tableRegion(
      'Tableau des colonnes du fichier des agents',
      'Colonnes du fichier des agents',
      ['Colonne', 'Contenu', 'Obligatoire'],
      AGENT_COLUMNS.map(([name, content, required]) =>
        h('tr', {}, h('th', { scope: 'row' }, h('code', {}, name)), h('td', {}, content), h('td', {}, required ? 'Oui' : 'Non')),
      ),
    ),
    h(
      'p',
      {},
      'Si le logiciel RH nomme autrement ses colonnes, les correspondances de champs du ',
      h('a', { href: CONNECTORS_PATH, 'data-link': true }, 'connecteur RH'),
      ' les renomment : par exemple {"matricule": "code_agent"} fait lire la colonne « code_agent » comme le matricule.',
    ),
    h(
      'p',
      {},
      h('a', { href: URL.createObjectURL(example), download: AGENT_TEMPLATE_NAME, class: 'template-link' }, 'Télécharger un modèle'),
      ' (fichier CSV en UTF-8, séparateur « ; », deux agents d’exemple).',
    ),
  );
}

/** The result of the run just made. */
function resultSection(report: ImportReport): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'agents-dernier-titre', class: 'import-result' },
    h('h2', { id: 'agents-dernier-titre' }, 'Résultat de l’import'),
    ...reportParts(report, 'agents-dernier', 'h3'),
  );
}

const SUMMARY_CLASS: Record<string, string> = { APPLIED: 'summary-ok', DUPLICATE: 'summary-ok', PARTIAL: 'summary-warn', REJECTED: 'summary-failed' };

/**
 * A report: its summary in words (with the earlier import of a file already processed), its facts and counts, and
 * its rejected lines under a heading of level `heading`.
 */
function reportParts(report: ImportReport, prefix: string, heading: 'h2' | 'h3'): HTMLElement[] {
  const duplicate = report.status === 'DUPLICATE';
  const parts: (HTMLElement | null)[] = [
    h('p', { class: `report-summary ${SUMMARY_CLASS[report.status] ?? 'summary-warn'}`, id: `${prefix}-resume` }, importSummary(report)),
    duplicate && report.duplicateOf
      ? h('p', { class: 'duplicate-of' }, h('a', { href: agentImportHref(report.duplicateOf), 'data-link': true }, 'Voir l’import d’origine'), ' : son rapport détaille ce qui a été appliqué.')
      : null,
    factList([
      ['Statut', importStatusBadge(report.status)],
      ['Fichier', h('span', { class: 'file-name' }, report.fileName || '—')],
      ['Source', labelOf(IMPORT_SOURCE_LABEL, report.source)],
      ['Reçu le', formatDateTime(report.receivedAt)],
      ['Par', report.by || '—'],
      ['Encodage', labelOf(IMPORT_ENCODING_LABEL, report.encoding)],
      ...(duplicate ? [] : importCounts(report).map(([label, n]): [string, string] => [label, formatInteger(n)])),
      ['Empreinte SHA-256', report.sha256 ? h('code', { class: 'hash' }, report.sha256) : '—'],
    ]),
  ];
  if (!duplicate && report.errors) {
    const errors = report.errors;
    parts.push(h(heading, { id: `${prefix}-erreurs-titre` }, 'Lignes refusées'));
    parts.push(
      errors.length === 0
        ? h('p', { class: 'empty' }, 'Aucune ligne refusée.')
        : tableRegion(
            'Tableau des lignes refusées',
            `${errors.length === 1 ? '1 ligne refusée' : `${formatInteger(errors.length)} lignes refusées`}, dans l’ordre du fichier (l’en-tête est la ligne 1)`,
            ['Ligne', 'Agent', 'Motif'],
            errors.map((e) =>
              h(
                'tr',
                { class: 'anomaly-row' },
                h('th', { scope: 'row', class: 'number' }, formatInteger(e.line)),
                h('td', {}, e.identifier || '—'),
                h('td', { class: 'exchange-detail' }, e.reason || '—'),
              ),
            ),
          ),
    );
  }
  return parts.filter((e): e is HTMLElement => e !== null);
}

function historyPart(history: ImportReport[] | Error): HTMLElement {
  if (history instanceof Error) return h('div', { class: 'alert alert-error' }, history.message);
  if (history.length === 0) return h('p', { class: 'empty' }, 'Aucun import pour le moment.');
  const countCell = (r: ImportReport, n: number) => h('td', { class: 'number' }, r.status === 'DUPLICATE' ? '—' : formatInteger(n));
  return tableRegion(
    'Tableau de l’historique des imports',
    importCountText(history.length),
    ['Date', 'Source', 'Fichier', 'Statut', 'Lignes lues', 'Appliquées', 'Inchangées', 'Nouveaux agents', 'Départs'],
    history.map((r) =>
      h(
        'tr',
        { class: r.status === 'REJECTED' ? 'anomaly-row' : undefined },
        h('th', { scope: 'row' }, h('a', { href: agentImportHref(r.id), 'data-link': true }, formatDateTime(r.receivedAt), srOnly(' — voir le rapport'))),
        h('td', {}, labelOf(IMPORT_SOURCE_LABEL, r.source)),
        h('td', { class: 'file-name' }, r.fileName || '—'),
        h('td', {}, importStatusBadge(r.status)),
        countCell(r, r.lines),
        countCell(r, r.applied),
        countCell(r, r.unchanged),
        countCell(r, r.created),
        countCell(r, r.left),
      ),
    ),
  );
}
