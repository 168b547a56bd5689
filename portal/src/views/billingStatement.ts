// A statement (état d'utilisation) or a credit (avoir): its facts, its lines grouped by service, its PDF and CSV. The
// DSI issues a draft, and drafts a credit on an issued statement.
import {
  DSI_BILLING_PATH,
  FREQUENCY_LABEL,
  LINE_KIND_LABEL,
  MAX_CREDIT_REASON,
  STATEMENTS_PATH,
  STATEMENT_KIND_LABEL,
  billedQuantityText,
  comparisonText,
  creditProblems,
  creditRequest,
  creditableLines,
  freeQuantityText,
  groupLinesByService,
  labelOf,
  linePeriodText,
  periodText,
  quantityText,
  statementFileBase,
  statementHref,
  statementTitle,
  unitPriceText,
  type CreditChoice,
  type Statement,
  type StatementLine,
} from '../billing';
import { h, srOnly } from '../dom';
import { formatCents, formatDate, formatDateTime, formatInteger } from '../format';
import type { ViewContext } from './context';
import { openFormDialog } from './dialog';
import { downloadButton } from './documentParts';
import { busy, errorSummary, formField, sectionStatus, setNotice, takeNotice, type FieldProblem } from './leaveParts';
import { factList } from './parapheurParts';
import { costsNav, problemMessages, statementStatusBadge } from './billingParts';

const LINE_HEADERS = ['N°', 'Libellé', 'Type', 'Période', 'Quantité', 'Franchise', 'Quantité facturée', 'Prix unitaire', 'Montant'];

/**
 * A statement: what it bills (commune, period, population, usage recorded until when), its lines grouped by service
 * with their totals, the comparison with last year's same period, the downloads. For the DSI, « Émettre » on a draft
 * and « Établir un avoir » on an issued statement.
 */
export async function statementView(ctx: ViewContext, params: Record<string, string>): Promise<HTMLElement[]> {
  const statement = await ctx.api.billing.statement(params.id);
  const status = sectionStatus('etat-resultat');
  const notice = takeNotice(statementHref(statement.summary.id));
  if (notice) status.element.textContent = notice;
  const title = h('h1', { tabindex: '-1' }, '');
  const body = h('div', { class: 'statement-body' });
  const render = (s: Statement, message?: string) => {
    title.textContent = `${statementTitle(s.summary)} — ${s.summary.communeName}`;
    body.replaceChildren(...statementBody(ctx, s, render));
    if (message) status.say(message);
  };
  render(statement);
  const operator = ctx.me.operator;
  return [
    h(
      'p',
      { class: 'breadcrumb' },
      operator ? h('a', { href: DSI_BILLING_PATH, 'data-link': true }, 'Facturation') : h('a', { href: STATEMENTS_PATH, 'data-link': true }, 'États d’utilisation'),
      ` › ${statementTitle(statement.summary)}`,
    ),
    title,
    operator ? null : costsNav('etats'),
    status.element,
    body,
  ].filter((e): e is HTMLElement => e !== null);
}

function statementBody(ctx: ViewContext, s: Statement, render: (s: Statement, message?: string) => void): HTMLElement[] {
  const summary = s.summary;
  const operator = ctx.me.operator;
  const fileBase = statementFileBase(summary);
  // « de l’état d’utilisation n° … », « de l’avoir (brouillon) »
  const ofStatement = `de l’${statementTitle(summary).charAt(0).toLowerCase()}${statementTitle(summary).slice(1)}`;
  const comparison = comparisonText(summary);
  const parts: (HTMLElement | null)[] = [
    factList([
      ['Commune', `${summary.communeName} (${summary.commune}), ${formatInteger(s.population)} habitants`],
      ['Type', labelOf(STATEMENT_KIND_LABEL, summary.kind)],
      ['Statut', statementStatusBadge(summary.status)],
      ['Numéro', summary.number ?? 'Aucun (brouillon non émis)'],
      ['Période', periodText(summary)],
      ['Fréquence', labelOf(FREQUENCY_LABEL, summary.frequency)],
      ['Usage relevé jusqu’au', formatDateTime(s.usageCutoff)],
      ['Calculé le', formatDateTime(summary.computedAt)],
      summary.issuedOn || s.issuedAt ? ['Émis le', `${s.issuedAt ? formatDateTime(s.issuedAt) : formatDate(summary.issuedOn)}${s.issuedBy ? ` par ${s.issuedBy}` : ''}`] : ['Émis le', null],
      summary.corrects
        ? ['Avoir sur', h('a', { href: statementHref(summary.corrects), 'data-link': true }, summary.correctsNumber ? `l’état n° ${summary.correctsNumber}` : 'l’état corrigé')]
        : ['Avoir sur', null],
      ['Motif', s.reason ?? null],
      ['Total', h('strong', {}, formatCents(summary.totalCents))],
      ['Même période l’an dernier', comparison ?? 'Pas d’état pour la même période l’année précédente'],
    ]),
    h(
      'div',
      { class: 'actions statement-downloads' },
      downloadButton('Télécharger le PDF', `${fileBase}.pdf`, () => ctx.api.billing.statementPdf(summary.id), `Télécharger le PDF ${ofStatement}`),
      downloadButton('Télécharger le CSV', `${fileBase}.csv`, () => ctx.api.billing.statementCsv(summary.id), `Télécharger le CSV ${ofStatement}`),
    ),
  ];
  if (operator && summary.status === 'DRAFT') parts.push(issuePart(ctx, s, render));
  parts.push(h('section', { 'aria-labelledby': 'etat-lignes-titre' }, h('h2', { id: 'etat-lignes-titre' }, 'Détail par service'), linesTable(s)));
  if (operator && summary.status === 'ISSUED' && summary.kind === 'REGULAR') parts.push(creditSection(ctx, s));
  return parts.filter((p): p is HTMLElement => p !== null);
}

/** « Émettre » a draft: numbered, it no longer changes; a refusal (period not ended, an earlier draft …) is said. */
function issuePart(ctx: ViewContext, s: Statement, render: (s: Statement, message?: string) => void): HTMLElement {
  const button = h('button', { type: 'button', class: 'button' }, 'Émettre', srOnly(` ${statementTitle(s.summary).toLowerCase()} de ${s.summary.communeName}`));
  button.addEventListener('click', () =>
    openFormDialog({
      title: `Émettre ${s.summary.kind === 'CREDIT' ? 'l’avoir' : 'l’état d’utilisation'} de ${s.summary.communeName} ?`,
      description: `${s.summary.kind === 'CREDIT' ? 'L’avoir' : 'L’état'} de « ${s.summary.periodLabel} » (${formatCents(s.summary.totalCents)}) reçoit un numéro et ne se modifie plus ; sa créance part vers le logiciel financier de l’Eurométropole.`,
      fields: [],
      confirmLabel: 'Émettre',
      action: async () => {
        const issued = await ctx.api.billing.issueStatement(s.summary.id);
        return () => render(issued, `${labelOf(STATEMENT_KIND_LABEL, issued.summary.kind)} émis sous le numéro ${issued.summary.number ?? '—'}.`);
      },
    }),
  );
  return h(
    'div',
    { class: 'action-area' },
    h('p', {}, 'Ce document est un brouillon : vérifiez ses lignes, puis émettez-le. Il sera alors numéroté et transmis au logiciel financier.'),
    h('div', { class: 'actions' }, button),
  );
}

function lineRow(line: StatementLine): HTMLTableRowElement {
  const credited = line.creditsPosition ? h('span', { class: 'meta' }, ` (avoir de la ligne ${line.creditsPosition})`) : null;
  return h(
    'tr',
    { 'data-position': line.position, class: line.kind === 'CREDIT' ? 'credit-line' : undefined },
    h('td', { class: 'number' }, String(line.position)),
    h('th', { scope: 'row' }, line.label, credited),
    h('td', {}, labelOf(LINE_KIND_LABEL, line.kind)),
    h('td', {}, linePeriodText(line)),
    h('td', { class: 'number' }, quantityText(line)),
    h('td', { class: 'number' }, freeQuantityText(line)),
    h('td', { class: 'number' }, billedQuantityText(line)),
    h('td', { class: 'number' }, unitPriceText(line)),
    h('td', { class: 'number' }, formatCents(line.amountCents)),
  );
}

/** The lines, one group per service (its name, its lines, its subtotal), the total in the footer. */
function linesTable(s: Statement): HTMLElement {
  if (s.lines.length === 0) return h('p', { class: 'empty' }, 'Aucune ligne.');
  const groups = groupLinesByService(s.lines);
  const columns = LINE_HEADERS.length;
  return h(
    'div',
    { class: 'table-wrapper', tabindex: '0', role: 'region', 'aria-label': 'Tableau des lignes de l’état' },
    h(
      'table',
      { class: 'table statement-lines' },
      h('caption', {}, `${s.lines.length === 1 ? '1 ligne' : `${formatInteger(s.lines.length)} lignes`}, groupées par service (${groups.length === 1 ? '1 service' : `${formatInteger(groups.length)} services`})`),
      h('thead', {}, h('tr', {}, LINE_HEADERS.map((c) => h('th', { scope: 'col' }, c)))),
      groups.map((g) =>
        h(
          'tbody',
          { class: 'service-group', 'data-service': g.service },
          h('tr', { class: 'group-row' }, h('th', { scope: 'rowgroup', colspan: columns }, g.serviceName)),
          g.lines.map(lineRow),
          h('tr', { class: 'subtotal-row' }, h('th', { scope: 'row', colspan: columns - 1 }, `Sous-total ${g.serviceName}`), h('td', { class: 'number' }, formatCents(g.totalCents))),
        ),
      ),
      h('tfoot', {}, h('tr', {}, h('th', { scope: 'row', colspan: columns - 1 }, 'Total'), h('td', { class: 'number' }, h('strong', {}, formatCents(s.summary.totalCents))))),
    ),
  );
}

const quantityId = (position: number) => `avoir-quantite-${position}`;
const choiceId = (position: number) => `avoir-ligne-${position}`;

/**
 * « Établir un avoir » on an issued statement: its reason, the lines to credit (none ticked: all of them) and, for each,
 * the quantity to credit (empty: the whole line). The credit is a draft, issued from its own page.
 */
function creditSection(ctx: ViewContext, s: Statement): HTMLElement {
  const lines = creditableLines(s.lines);
  const reason = h('textarea', { id: 'avoir-motif', name: 'reason', rows: 3, maxlength: MAX_CREDIT_REASON, required: true });
  const controls = lines.map((line) => ({
    line,
    chosen: h('input', { id: choiceId(line.position), name: 'lines', type: 'checkbox', value: String(line.position) }),
    quantity: h('input', { id: quantityId(line.position), name: `quantity-${line.position}`, type: 'text', inputmode: 'decimal', autocomplete: 'off', class: 'short' }),
  }));
  const submit = h('button', { type: 'submit', class: 'button' }, 'Établir l’avoir');
  let form: HTMLFormElement;
  const summary = errorSummary('avoir-erreurs', () => form);
  const table = h(
    'div',
    { class: 'table-wrapper', tabindex: '0', role: 'region', 'aria-label': 'Lignes à créditer' },
    h(
      'table',
      { class: 'table credit-lines' },
      h('caption', {}, 'Lignes à créditer : cochez-les (aucune cochée : toutes) et indiquez au besoin une quantité (vide : la ligne entière)'),
      h('thead', {}, h('tr', {}, ['Créditer', 'N°', 'Libellé', 'Quantité facturée', 'Montant', 'Quantité à créditer'].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        controls.map(({ line, chosen, quantity }) =>
          h(
            'tr',
            { 'data-position': line.position },
            h('td', { class: 'select-cell' }, chosen, h('label', { for: chosen.id, class: 'sr-only' }, `Créditer la ligne ${line.position} : ${line.label} (${line.serviceName})`)),
            h('td', { class: 'number' }, String(line.position)),
            h('th', { scope: 'row' }, line.label, h('span', { class: 'meta' }, ` — ${line.serviceName}`)),
            h('td', { class: 'number' }, billedQuantityText(line)),
            h('td', { class: 'number' }, formatCents(line.amountCents)),
            h(
              'td',
              {},
              h('label', { for: quantity.id, class: 'sr-only' }, `Quantité à créditer, ligne ${line.position}`),
              h('p', { class: 'field-error', id: `${quantity.id}-erreur`, hidden: true }),
              quantity,
            ),
          ),
        ),
      ),
    ),
  );
  form = h(
    'form',
    { class: 'parapheur-form credit-form', novalidate: true, 'aria-labelledby': 'avoir-titre' },
    summary.element,
    formField(reason.id, 'Motif de l’avoir', reason, 'Obligatoire, 500 caractères au plus ; il figure sur l’avoir.', true),
    table,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const choices: CreditChoice[] = controls.map((c) => ({ position: c.line.position, chosen: c.chosen.checked, quantity: c.quantity.value }));
    const problems = creditProblems(reason.value, choices).map(([position, message]): FieldProblem => ({ id: position === 0 ? reason.id : quantityId(position), message }));
    if (problems.length > 0) {
      summary.show(problems);
      return;
    }
    summary.clear();
    busy(submit, true);
    try {
      const credit = await ctx.api.billing.credit(s.summary.id, creditRequest(reason.value, choices));
      const href = statementHref(credit.summary.id);
      setNotice(href, `Avoir établi en brouillon (${formatCents(credit.summary.totalCents)}) sur l’${statementTitle(s.summary).charAt(0).toLowerCase()}${statementTitle(s.summary).slice(1)} : vérifiez-le, puis émettez-le.`);
      ctx.navigate(href);
    } catch (err) {
      busy(submit, false);
      summary.show([], problemMessages(err));
    }
  });
  return h(
    'section',
    { class: 'settings-section', 'aria-labelledby': 'avoir-titre' },
    h('h2', { id: 'avoir-titre' }, 'Établir un avoir'),
    h('p', {}, 'Un avoir corrige un état émis : il reprend les lignes choisies, en totalité ou pour la quantité indiquée. Il est établi en brouillon, puis émis depuis sa page.'),
    form,
  );
}
