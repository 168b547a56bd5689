// The DSI's billing (platform operator): run a period for every commune or some, see what the run did for each, then
// review a run's statements and issue its drafts.
import {
  FREQUENCIES,
  FREQUENCY_LABEL,
  STATEMENT_KIND_LABEL,
  comparisonText,
  labelOf,
  previousPeriodStart,
  reportSummary,
  runPeriodText,
  runProblems,
  runRequest,
  statementHref,
  type BillingRun,
  type Frequency,
  type RunDraft,
  type RunField,
  type RunReport,
  type StatementSummary,
} from '../billing';
import { h, srOnly } from '../dom';
import { formatCents, formatDateTime, formatInteger, todayIso } from '../format';
import type { ViewContext } from './context';
import { openFormDialog } from './dialog';
import { messageOf, tableRegion } from './documentParts';
import { busy, errorSummary, formField, sectionStatus, type FieldProblem } from './leaveParts';
import { outcomeTable, problemMessages, statementStatusBadge } from './billingParts';

const TITLE = 'Facturation';

const FIELD_IDS: Record<RunField, string> = { frequency: 'facturation-frequence', periodStart: 'facturation-debut', communes: 'facturation-communes' };

/**
 * The DSI's billing: the form that computes (or recomputes) the drafts of a period, the outcome of the last run for
 * each commune, then the runs, newest period first; each opens its statements, whose drafts are issued together.
 */
export async function billingRunsView(ctx: ViewContext): Promise<HTMLElement[]> {
  const runs = await ctx.api.billing.runs();
  const status = sectionStatus('facturation-resultat');
  const resultSlot = h('div', { class: 'run-result' });
  const runsSlot = h('div', { class: 'runs' });
  const panel = h('div', { class: 'run-panel', id: 'facturation-etats' });

  const renderRuns = (list: BillingRun[]) => runsSlot.replaceChildren(runsPart(list, (run, button) => void openRun(ctx, run, panel, button)));
  renderRuns(runs);

  const form = runForm(ctx, async (report) => {
    resultSlot.replaceChildren(
      h('h2', { id: 'facturation-calcul-titre' }, `Résultat du calcul : ${report.run.label}`),
      outcomeTable(report, 'run', 'Tableau du résultat du calcul', `Résultat de la facturation « ${report.run.label} » (${runPeriodText(report.run)}) pour ${communesText(report.communes.length)}`),
    );
    status.say(reportSummary(report, 'run'));
    renderRuns(await ctx.api.billing.runs().catch(() => runs));
  });

  return [
    h('h1', { tabindex: '-1' }, TITLE),
    h(
      'p',
      { class: 'lead' },
      'Les états d’utilisation refacturent aux communes le coût de fonctionnement des services mutualisés : coût unitaire × unités consommées, plus le forfait annuel s’il y en a un. Un calcul produit des brouillons, que vous vérifiez avant de les émettre ; un état émis est numéroté, ne se modifie plus, et sa créance part vers le logiciel financier.',
    ),
    h('section', { 'aria-labelledby': 'facturation-form-titre' }, h('h2', { id: 'facturation-form-titre' }, 'Lancer une facturation'), form),
    status.element,
    resultSlot,
    h('section', { 'aria-labelledby': 'facturations-titre' }, h('h2', { id: 'facturations-titre' }, 'Facturations'), runsSlot, panel),
  ];
}

const communesText = (n: number) => (n === 1 ? '1 commune' : `${formatInteger(n)} communes`);

function runForm(ctx: ViewContext, done: (report: RunReport) => Promise<void>): HTMLFormElement {
  const today = todayIso();
  const frequency = h('select', { id: FIELD_IDS.frequency, name: 'frequency' }, FREQUENCIES.map((f) => h('option', { value: f.value, selected: f.value === 'MONTHLY' }, f.label)));
  const start = h('input', { id: FIELD_IDS.periodStart, name: 'periodStart', type: 'date', required: true, value: previousPeriodStart('MONTHLY', today) });
  const communes = h('input', { id: FIELD_IDS.communes, name: 'communes', type: 'text', autocomplete: 'off', spellcheck: 'false' });
  // the period's first day follows the frequency as long as it was not changed by hand
  let suggested = start.value;
  frequency.addEventListener('change', () => {
    if (start.value === suggested) {
      suggested = previousPeriodStart(frequency.value as Frequency, today);
      start.value = suggested;
    }
  });
  const submit = h('button', { type: 'submit', class: 'button' }, 'Calculer les états');
  let form: HTMLFormElement;
  const summary = errorSummary('facturation-erreurs', () => form);
  form = h(
    'form',
    { class: 'parapheur-form billing-run-form', novalidate: true, 'aria-labelledby': 'facturation-form-titre' },
    h('p', { class: 'hint' }, 'Tous les champs sont obligatoires, sauf mention « facultatif ».'),
    summary.element,
    formField(FIELD_IDS.frequency, 'Fréquence', frequency),
    formField(FIELD_IDS.periodStart, 'Début de période', start, 'Premier jour de la période : le 1er du mois, le 1er janvier, avril, juillet ou octobre pour un trimestre, le 1er janvier pour une année.'),
    formField(
      FIELD_IDS.communes,
      'Communes (facultatif)',
      communes,
      'Codes INSEE séparés par des virgules, par exemple 67482, 67218. Laissez vide pour toutes les communes. Les états déjà émis de la période ne sont pas recalculés.',
      true,
    ),
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const draft: RunDraft = { frequency: frequency.value, periodStart: start.value, communes: communes.value };
    const problems = runProblems(draft).map(([field, message]): FieldProblem => ({ id: FIELD_IDS[field], message }));
    if (problems.length > 0) {
      summary.show(problems);
      return;
    }
    summary.clear();
    busy(submit, true);
    let report: RunReport;
    try {
      report = await ctx.api.billing.run(runRequest(draft));
    } catch (err) {
      busy(submit, false);
      summary.show([], problemMessages(err));
      return;
    }
    busy(submit, false);
    await done(report);
  });
  return form;
}

function runsPart(runs: BillingRun[], open: (run: BillingRun, button: HTMLButtonElement) => void): HTMLElement {
  if (runs.length === 0) return h('p', { class: 'empty' }, 'Aucune facturation n’a encore été calculée.');
  return tableRegion(
    'Tableau des facturations',
    runs.length === 1 ? '1 facturation' : `${formatInteger(runs.length)} facturations, la période la plus récente en premier`,
    ['Période', 'Fréquence', 'Dates', 'Dernier calcul', 'Action'],
    runs.map((run) => {
      const button = h('button', { type: 'button', class: 'button secondary small', 'aria-controls': 'facturation-etats' }, 'Voir les états', srOnly(` de « ${run.label} »`));
      button.addEventListener('click', () => open(run, button));
      return h(
        'tr',
        { 'data-run': run.id },
        h('th', { scope: 'row' }, run.label),
        h('td', {}, labelOf(FREQUENCY_LABEL, run.frequency)),
        h('td', {}, runPeriodText(run)),
        h('td', {}, `${formatDateTime(run.lastRunAt ?? run.createdAt)} par ${run.lastRunBy ?? run.createdBy}`),
        h('td', {}, button),
      );
    }),
  );
}

/** Opens a run's statements in the panel (its title focused), with « Émettre tous les brouillons » when it has drafts. */
async function openRun(ctx: ViewContext, run: BillingRun, panel: HTMLElement, button: HTMLButtonElement, report?: RunReport, said?: string): Promise<void> {
  busy(button, true);
  let statements: StatementSummary[] | Error;
  try {
    statements = await ctx.api.billing.runStatements(run.id);
  } catch (err) {
    statements = new Error(messageOf(err));
  } finally {
    busy(button, false);
  }
  const status = sectionStatus('facturation-etats-resultat');
  const heading = h('h3', { id: 'facturation-etats-titre', tabindex: '-1' }, `États de la facturation « ${run.label} »`);
  const parts: (HTMLElement | null)[] = [heading, status.element];
  if (report) {
    parts.push(
      h('h4', {}, 'Résultat de l’émission'),
      outcomeTable(report, 'issue', 'Tableau du résultat de l’émission', `Émission des brouillons de « ${run.label} » : résultat pour chaque commune`),
    );
  }
  if (statements instanceof Error) {
    parts.push(h('div', { class: 'alert alert-error' }, statements.message));
  } else if (statements.length === 0) {
    parts.push(h('p', { class: 'empty' }, 'Aucun état pour cette facturation.'));
  } else {
    const drafts = statements.filter((s) => s.status === 'DRAFT').length;
    if (drafts > 0) {
      const issue = h('button', { type: 'button', class: 'button' }, 'Émettre tous les brouillons', srOnly(` de « ${run.label} »`));
      issue.addEventListener('click', () => issueDialog(ctx, run, drafts, panel, button));
      parts.push(h('div', { class: 'actions' }, issue));
    }
    parts.push(statementsTable(run, statements));
  }
  panel.replaceChildren(h('section', { 'aria-labelledby': heading.id, class: 'settings-section' }, ...parts.filter((p): p is HTMLElement => p !== null)));
  if (said) status.say(said);
  else heading.focus();
}

function issueDialog(ctx: ViewContext, run: BillingRun, drafts: number, panel: HTMLElement, button: HTMLButtonElement): void {
  openFormDialog({
    title: `Émettre les brouillons de « ${run.label} » ?`,
    description: `${drafts === 1 ? 'Le brouillon reçoit' : `Les ${formatInteger(drafts)} brouillons reçoivent`} un numéro et ne se modifient plus ; leur créance part vers le logiciel financier de l’Eurométropole. Un brouillon qui ne peut pas encore être émis (période non terminée, brouillon antérieur de la commune …) est refusé, les autres sont émis.`,
    fields: [],
    confirmLabel: 'Émettre les brouillons',
    action: async () => {
      const report = await ctx.api.billing.issueRun(run.id);
      return () => void openRun(ctx, run, panel, button, report, reportSummary(report, 'issue'));
    },
  });
}

function statementsTable(run: BillingRun, statements: StatementSummary[]): HTMLElement {
  const sorted = [...statements].sort((a, b) => a.communeName.localeCompare(b.communeName, 'fr') || a.kind.localeCompare(b.kind));
  const drafts = statements.filter((s) => s.status === 'DRAFT').length;
  return tableRegion(
    'Tableau des états de la facturation',
    `${statements.length === 1 ? '1 état' : `${formatInteger(statements.length)} états`} de « ${run.label} », dont ${drafts === 1 ? '1 brouillon' : `${formatInteger(drafts)} brouillons`}`,
    ['Commune', 'Type', 'Statut', 'Numéro', 'Total', 'Même période l’an dernier', 'Détail'],
    sorted.map((s) =>
      h(
        'tr',
        { 'data-id': s.id },
        h('th', { scope: 'row' }, `${s.communeName} (${s.commune})`),
        h('td', {}, labelOf(STATEMENT_KIND_LABEL, s.kind)),
        h('td', {}, statementStatusBadge(s.status)),
        h('td', {}, s.number ?? '—'),
        h('td', { class: 'number' }, formatCents(s.totalCents)),
        h('td', {}, comparisonText(s) ?? '—'),
        h('td', {}, h('a', { href: statementHref(s.id), 'data-link': true }, 'Ouvrir', srOnly(` l’état de ${s.communeName}`))),
      ),
    ),
  );
}
