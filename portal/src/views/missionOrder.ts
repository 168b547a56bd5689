import { ApiError, type MissionOrder } from '../api';
import { announce, h, srOnly } from '../dom';
import { formatDate, formatDateTime, formatEuro } from '../format';
import {
  EXPENSE_KIND,
  canCancelMission,
  canFileExpenses,
  expenseDraftErrors,
  expenseDrafts,
  expenseProblems,
  expensesBody,
  formatLocalDateTime,
  missionDeciderName,
  missionHref,
  missionTitle,
  orderEstimate,
  populationText,
  transportText,
  type ExpenseDraft,
  type ExpenseField,
} from '../missions';
import type { ViewContext } from './context';
import { openFormDialog } from './dialog';
import { messageOf, personName } from './documentParts';
import { errorSummary, takeNotice } from './leaveParts';
import { estimateList, expensesTable, missionHistoryList, missionNav, missionPage, missionStatusBadge } from './missionParts';
import { factList } from './parapheurParts';

const TITLE = 'Ordre de mission';

export const orderTitle = (m: Pick<MissionOrder, 'destination' | 'departure' | 'returnAt'>) => `${TITLE} — ${missionTitle(m)}`;

/**
 * A mission order: its facts and estimate, its PDF in the GED, whom it waits for, the decision, the history; for the
 * agent the cancellation while it awaits its validation, and the état de frais once it is signed. After an action the
 * page is re-rendered from the returned order and the outcome shown in a status message that receives the focus.
 */
export async function missionOrderView(ctx: ViewContext, params: Record<string, string>): Promise<HTMLElement[]> {
  return missionPage(ctx.me, TITLE, async () => {
    const order = await ctx.api.mission(params.id);
    const notice = takeNotice(missionHref(order.id));
    const result = h('div', { id: 'mission-resultat', class: 'action-result', role: 'status', tabindex: '-1' }, notice ?? '');
    const title = h('h1', { tabindex: '-1' }, orderTitle(order));
    const body = h('div', { class: 'mission-body' });
    const render = (m: MissionOrder) => {
      title.textContent = orderTitle(m);
      body.replaceChildren(...orderBody(ctx, m, done));
    };
    const done = (m: MissionOrder, message: string) => {
      render(m);
      result.textContent = message;
      result.focus();
      ctx.refreshTaskCount();
    };
    render(order);
    return [
      h('p', { class: 'breadcrumb' }, h('a', { href: '/missions', 'data-link': true }, 'Mes ordres de mission'), ` › ${TITLE}`),
      title,
      missionNav(ctx.me, null),
      result,
      body,
    ];
  });
}

type Done = (m: MissionOrder, message: string) => void;

const SIGNED_STATUSES = ['SIGNED', 'EXPENSES_FILED', 'CLOSED'];

/** The reason the état de frais was sent back, if that is the last thing that happened to it. */
function sentBackReason(m: MissionOrder): string | null {
  if (m.status !== 'SIGNED') return null;
  const last = [...(m.history ?? [])].sort((a, b) => a.at.localeCompare(b.at)).filter((e) => e.action === 'EXPENSES_SENT_BACK' || e.action === 'EXPENSES_FILED').pop();
  return last?.action === 'EXPENSES_SENT_BACK' ? last.detail?.trim() || 'sans motif indiqué' : null;
}

/** What the status means for the reader, in a sentence. */
function statusSentence(m: MissionOrder, mine: boolean): string | null {
  switch (m.status) {
    case 'PENDING':
      return m.waitingFor?.length ? null : 'L’ordre de mission est validé et les crédits sont réservés : il est en préparation pour la signature.';
    case 'SIGNING':
      return 'L’ordre de mission est à la signature dans le parapheur du signataire de la commune.';
    case 'SIGNED':
      return mine ? 'Votre ordre de mission est signé. Après la mission, déposez votre état de frais avec ses justificatifs.' : 'L’ordre de mission est signé ; l’état de frais de l’agent est attendu.';
    case 'EXPENSES_FILED':
      return 'L’état de frais est déposé : il attend la validation du responsable.';
    case 'CLOSED':
      return `La mission est close : ${formatEuro(m.reimbursableTotal)} ${mine ? 'vous seront remboursés' : 'seront remboursés à l’agent'}.`;
    default:
      return null;
  }
}

function orderBody(ctx: ViewContext, m: MissionOrder, done: Done): HTMLElement[] {
  const mine = m.agentUsername === ctx.me.username;
  const waiting = m.waitingFor?.length ? m.waitingFor.join(', ') : null;
  const decider = missionDeciderName(m);
  const signed = SIGNED_STATUSES.includes(m.status);
  const pdfLink = m.documentId
    ? h(
        'a',
        { href: `/documents/${encodeURIComponent(m.documentId)}`, 'data-link': true },
        signed ? 'Ordre de mission signé (PDF, dans la GED)' : 'Ordre de mission à signer (PDF, dans la GED)',
      )
    : null;
  const sentence = statusSentence(m, mine);
  const back = sentBackReason(m);
  const elements: (HTMLElement | null)[] = [
    sentence ? h('p', { class: 'lead mission-status-sentence' }, sentence) : null,
    h('h2', {}, 'Informations'),
    factList([
      ['Statut', missionStatusBadge(m.status)],
      ['Agent', mine ? null : personName(m.agentUsername, m.agentName)],
      ['Objet', h('span', { class: 'folder-message' }, m.purpose)],
      ['Destination', m.destination],
      ['Population', populationText(m)],
      ['Départ', formatLocalDateTime(m.departure)],
      ['Retour', formatLocalDateTime(m.returnAt)],
      ['Transport', transportText(m)],
      ['Ligne budgétaire', `${m.budgetLine} (exercice ${m.budgetYear})`],
      ['Engagement', m.commitmentRef || null],
      ['Document', pdfLink],
      ['Demandé le', formatDateTime(m.createdAt)],
      ['En attente de', waiting],
      ['Signé le', m.signedAt ? formatDateTime(m.signedAt) : null],
      ['Décision', m.status === 'REFUSED' ? `Refusé${decider ? ` par ${decider}` : ''}` : null],
      ['Motif', m.status === 'REFUSED' && m.decisionReason?.trim() ? h('span', { class: 'folder-message' }, m.decisionReason) : null],
      ['Clos le', m.closedAt ? formatDateTime(m.closedAt) : null],
      ['Version de la procédure', m.processVersion ? String(m.processVersion) : null],
    ]),
    h('h2', { id: 'estimation-titre' }, 'Estimation des frais'),
    estimateList(orderEstimate(m), { 'aria-labelledby': 'estimation-titre' }),
    waiting && !mine && m.status !== 'SIGNED' ? h('p', {}, h('a', { href: '/taches', 'data-link': true }, 'Décider de cet ordre de mission dans « Mes tâches »')) : null,
    canCancelMission(m, ctx.me.username) ? cancelSection(ctx, m, done) : null,
    (m.status === 'EXPENSES_FILED' || m.status === 'CLOSED') && m.expenses?.length ? filedExpenses(m) : null,
    canFileExpenses(m, ctx.me.username) ? expensesSection(ctx, m, back, done) : back ? h('p', {}, `L’état de frais a été renvoyé à l’agent : ${back}`) : null,
    h('h2', { id: 'historique-titre' }, 'Historique'),
    missionHistoryList(m.history ?? [], 'historique-titre'),
  ];
  return elements.filter((e): e is HTMLElement => e !== null);
}

function cancelSection(ctx: ViewContext, m: MissionOrder, done: Done): HTMLElement {
  const cancel = h('button', { type: 'button', class: 'button danger' }, 'Annuler ma demande');
  cancel.addEventListener('click', () =>
    openFormDialog({
      title: 'Annuler votre demande d’ordre de mission ?',
      description: `L’ordre de mission ${missionTitle(m)} ne sera plus soumis à validation et les crédits éventuellement réservés sont rendus à la ligne budgétaire.`,
      fields: [{ name: 'reason', label: 'Motif de l’annulation', multiline: true, maxlength: 1000 }],
      confirmLabel: 'Confirmer l’annulation',
      cancelLabel: 'Garder ma demande',
      danger: true,
      action: async (values) => {
        const next = await ctx.api.cancelMission(m.id, values.reason);
        return () => done(next, 'Votre demande d’ordre de mission est annulée.');
      },
    }),
  );
  return h(
    'section',
    { class: 'action-area', 'aria-labelledby': 'annulation-titre' },
    h('h2', { id: 'annulation-titre' }, 'Annulation'),
    h('p', {}, 'Vous pouvez annuler cette demande tant qu’elle n’est pas partie à la signature.'),
    h('div', { class: 'actions' }, cancel),
  );
}

function filedExpenses(m: MissionOrder): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'frais-depose-titre' },
    h('h2', { id: 'frais-depose-titre' }, 'État de frais'),
    h(
      'p',
      { class: 'totals' },
      `Total déclaré : ${formatEuro(m.expensesTotal)} — Total remboursable : ${formatEuro(m.reimbursableTotal)}`,
    ),
    h('p', { class: 'hint' }, 'Les repas et nuitées sont remboursés jusqu’aux taux de la commune et au nombre prévu par l’ordre, le transport jusqu’à son estimation.'),
    expensesTable(m),
  );
}

// ---- the état de frais

interface Line {
  key: number;
  element: HTMLElement;
  legend: HTMLElement;
  numbers: HTMLElement[];
  kind: HTMLSelectElement;
  day: HTMLInputElement;
  amount: HTMLInputElement;
  label: HTMLInputElement;
  file: HTMLInputElement;
  receiptStatus: HTMLElement;
  remove: HTMLButtonElement;
  receiptDocumentId: string | null;
  uploading: boolean;
}

const FIELD_SUFFIX: Record<ExpenseField, string> = { kind: 'nature', day: 'jour', amount: 'montant', label: 'libelle', receipt: 'justificatif' };

let lineKeys = 0;

/**
 * The état de frais: one group per line (nature, day within the mission, amount, label, receipt sent to the GED as
 * soon as it is chosen, its document id kept), lines added and removed with the focus moved accordingly; checked
 * before sending, then by the server (its « Ligne n : … » refusals shown next to the lines' fields).
 */
function expensesSection(ctx: ViewContext, m: MissionOrder, sentBack: string | null, done: Done): HTMLElement {
  const first = m.departure.slice(0, 10);
  const last = m.returnAt.slice(0, 10);
  const lines: Line[] = [];
  const list = h('ol', { class: 'expense-lines', 'aria-label': 'Lignes de l’état de frais' });
  const add = h('button', { type: 'button', class: 'button secondary' }, 'Ajouter une ligne');

  const renumber = () =>
    lines.forEach((l, i) => {
      l.legend.textContent = `Ligne n°${i + 1}`;
      l.numbers.forEach((n) => (n.textContent = ` de la ligne n°${i + 1}`));
      l.remove.replaceChildren(`Retirer la ligne n°${i + 1}`);
    });

  const addLine = (draft?: ExpenseDraft): Line => {
    const key = ++lineKeys;
    const id = (field: ExpenseField) => `frais-${key}-${FIELD_SUFFIX[field]}`;
    const numbers: HTMLElement[] = [];
    const field = (f: ExpenseField, label: string, control: HTMLElement, hint?: string) => {
      const number = srOnly('');
      numbers.push(number);
      const hintId = hint ? `${id(f)}-aide` : null;
      if (hintId) control.setAttribute('aria-describedby', hintId);
      return h(
        'div',
        { class: 'field' },
        h('label', { for: id(f) }, label, number),
        hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
        h('p', { class: 'field-error', id: `${id(f)}-erreur`, hidden: true }),
        control,
      );
    };
    const kind = h(
      'select',
      { id: id('kind'), name: 'kind' },
      h('option', { value: '' }, 'Choisissez'),
      Object.entries(EXPENSE_KIND).map(([value, label]) => h('option', { value }, label)),
    );
    const day = h('input', { id: id('day'), name: 'day', type: 'date', min: first, max: last, value: draft?.day ?? first });
    const amount = h('input', { id: id('amount'), name: 'amount', type: 'text', inputmode: 'decimal', class: 'short', autocomplete: 'off', value: draft?.amount ?? '' });
    const label = h('input', { id: id('label'), name: 'label', type: 'text', maxlength: 200, autocomplete: 'off', value: draft?.label ?? '' });
    const file = h('input', { id: id('receipt'), name: 'receipt', type: 'file', class: 'file-input', accept: '.pdf,image/*,application/pdf' });
    const receiptStatus = h('p', { class: 'receipt-status', role: 'status' });
    const legend = h('legend', {});
    const remove = h('button', { type: 'button', class: 'button secondary small' });
    const element = h(
      'li',
      { class: 'expense-line' },
      h(
        'fieldset',
        {},
        legend,
        h(
          'div',
          { class: 'expense-fields' },
          field('kind', 'Nature', kind),
          field('day', 'Jour', day),
          field('amount', 'Montant (€)', amount, 'Par exemple 18,50.'),
          field('label', 'Libellé (facultatif)', label),
        ),
        field('receipt', 'Justificatif', file, 'Obligatoire pour une nuitée, un transport ou un autre frais ; envoyé dans la GED de la commune dès qu’il est choisi.'),
        receiptStatus,
        h('div', { class: 'actions' }, remove),
      ),
    );
    kind.value = draft?.kind ?? '';
    const line: Line = { key, element, legend, numbers, kind, day, amount, label, file, receiptStatus, remove, receiptDocumentId: draft?.receiptDocumentId ?? null, uploading: false };
    if (line.receiptDocumentId) {
      receiptStatus.replaceChildren('Justificatif joint : ', h('a', { href: `/documents/${encodeURIComponent(line.receiptDocumentId)}`, 'data-link': true }, 'voir le document dans la GED'), '.');
    }
    file.addEventListener('change', () => void sendReceipt(line));
    remove.addEventListener('click', () => removeLine(line));
    lines.push(line);
    list.append(element);
    renumber();
    return line;
  };

  const sendReceipt = async (line: Line) => {
    const chosen = line.file.files?.[0];
    if (!chosen) return;
    line.uploading = true;
    line.receiptStatus.classList.remove('field-error');
    line.receiptStatus.textContent = `Envoi de « ${chosen.name} » dans la GED…`;
    try {
      const doc = await ctx.api.uploadDocument(chosen, { tags: ['frais de mission'] });
      line.receiptDocumentId = doc.id;
      line.receiptStatus.replaceChildren(
        'Justificatif enregistré dans la GED : ',
        h('a', { href: `/documents/${encodeURIComponent(doc.id)}`, 'data-link': true }, `« ${chosen.name} »`),
        '.',
      );
    } catch (e) {
      line.receiptStatus.classList.add('field-error');
      line.receiptStatus.textContent = `Échec de l’envoi de « ${chosen.name} » : ${messageOf(e)}`;
    } finally {
      line.uploading = false;
      line.file.value = '';
    }
  };

  const removeLine = (line: Line) => {
    const index = lines.indexOf(line);
    if (index < 0) return;
    lines.splice(index, 1);
    line.element.remove();
    renumber();
    announce(`Ligne n°${index + 1} retirée.`);
    const next = lines[index] ?? lines[index - 1];
    (next ? next.kind : add).focus();
  };

  add.addEventListener('click', () => {
    const line = addLine();
    announce(`Ligne n°${lines.length} ajoutée.`);
    line.kind.focus();
  });

  const initial = sentBack ? expenseDrafts(m.expenses) : [];
  if (initial.length) initial.forEach((d) => addLine(d));
  else addLine();

  let form: HTMLFormElement;
  const summary = errorSummary('frais-erreurs', () => form);
  const submit = h('button', { type: 'submit', class: 'button' }, 'Déposer l’état de frais');
  const status = h('p', { class: 'busy-status', role: 'status' });
  const range = first === last ? `le ${formatDate(first)}` : `du ${formatDate(first)} au ${formatDate(last)}`;
  form = h(
    'form',
    { class: 'parapheur-form expenses-form', novalidate: true, 'aria-labelledby': 'frais-titre' },
    summary.element,
    h(
      'p',
      { class: 'hint' },
      `Une ligne par dépense, datée d’un jour de la mission (${range}). Les repas (${m.meals} prévu(s)) et les nuitées (${m.nights} prévue(s)) sont remboursés jusqu’aux taux de la commune, le transport jusqu’à ${formatEuro(m.transportAmount)}.`,
    ),
    list,
    h('div', { class: 'actions' }, add),
    h('div', { class: 'actions' }, submit),
    status,
  );

  const idOf = (line: Line, f: ExpenseField) => `frais-${line.key}-${FIELD_SUFFIX[f]}`;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (lines.length === 0) {
      summary.show([], ['Ajoutez au moins une ligne à l’état de frais.']);
      return;
    }
    const drafts: ExpenseDraft[] = lines.map((l) => ({
      kind: l.kind.value,
      day: l.day.value,
      amount: l.amount.value,
      label: l.label.value,
      receiptDocumentId: l.receiptDocumentId,
      uploading: l.uploading,
    }));
    const errors = expenseDraftErrors(drafts, first, last);
    if (errors.length > 0) {
      summary.show(errors.map((x) => ({ id: idOf(lines[x.index], x.field), message: x.message })));
      return;
    }
    summary.clear();
    submit.disabled = true;
    submit.setAttribute('aria-busy', 'true');
    status.textContent = 'Envoi de l’état de frais…';
    try {
      const next = await ctx.api.fileExpenses(m.id, expensesBody(drafts));
      done(
        next,
        `Votre état de frais a été déposé : ${formatEuro(next.expensesTotal)} déclarés, ${formatEuro(next.reimbursableTotal)} remboursables. Il attend la validation de votre responsable.`,
      );
    } catch (err) {
      status.textContent = '';
      submit.disabled = false;
      submit.removeAttribute('aria-busy');
      const problems = err instanceof ApiError && err.problem.code === 'invalid-expenses' ? expenseProblems(err.problem.detail) : [];
      const located = problems.filter((p) => p.field && lines[p.position - 1]);
      const general = problems.filter((p) => !p.field || !lines[p.position - 1]).map((p) => `Ligne n°${p.position} : ${p.message}`);
      if (problems.length) {
        summary.show(
          located.map((p) => ({ id: idOf(lines[p.position - 1], p.field as ExpenseField), message: `Ligne n°${p.position} : ${p.message}` })),
          general.length ? general : [],
        );
      } else {
        summary.show([], [messageOf(err)]);
      }
    }
  });

  return h(
    'section',
    { class: 'action-area', 'aria-labelledby': 'frais-titre' },
    h('h2', { id: 'frais-titre' }, 'État de frais'),
    sentBack ? h('div', { class: 'alert alert-error' }, h('p', {}, `Votre responsable vous a renvoyé l’état de frais : ${sentBack}`), h('p', {}, 'Corrigez-le puis déposez-le de nouveau.')) : null,
    form,
  );
}
