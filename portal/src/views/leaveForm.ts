import { ApiError, type LeaveBalance, type LeaveType } from '../api';
import { announce, h } from '../dom';
import { todayIso } from '../format';
import { draftErrors, formatDays, leaveErrorField, leaveRequestBody, requestTitle, type LeaveDraft, type LeaveField } from '../leave';
import type { ViewContext } from './context';
import { messageOf } from './documentParts';
import { errorSummary, formField, leaveHref, leaveNav, leavePage, setNotice } from './leaveParts';

const TITLE = 'Demander un congé';

/** The control of each field of the request. */
const IDS: Record<LeaveField, string> = {
  type: 'conge-type',
  startDate: 'conge-debut',
  startHalf: 'conge-debut-demi',
  endDate: 'conge-fin',
  endHalf: 'conge-fin-demi',
  comment: 'conge-commentaire',
};

/** The request form: type (active types), first and last day with their half days, comment. */
export async function leaveFormView(ctx: ViewContext): Promise<HTMLElement[]> {
  return leavePage(ctx.me, TITLE, async () => {
    const [types, balances] = await Promise.all([ctx.api.leaveTypes(), ctx.api.leaveBalances()]);
    const active = types.filter((t) => t.active);
    const head = [h('h1', { tabindex: '-1' }, TITLE), leaveNav(ctx.me, 'nouvelle')];
    if (active.length === 0) {
      return [...head, h('p', { class: 'empty' }, 'Aucun type de congé n’est ouvert dans votre commune pour le moment. Voyez avec son administrateur.')];
    }
    return [...head, requestForm(ctx, active, balances)];
  });
}

function requestForm(ctx: ViewContext, types: LeaveType[], balances: LeaveBalance[]): HTMLElement {
  const today = todayIso();
  const type = h(
    'select',
    { id: IDS.type, name: 'type', 'aria-describedby': 'conge-solde' },
    h('option', { value: '' }, 'Choisissez un type'),
    types.map((t) => h('option', { value: t.code }, t.label)),
  );
  const balance = h('p', { class: 'hint', id: 'conge-solde', 'aria-live': 'polite' });
  const showBalance = () => {
    const b = balances.find((x) => x.typeCode === type.value);
    const t = types.find((x) => x.code === type.value);
    balance.textContent = b
      ? `Solde : ${formatDays(b.days)}${Number(b.pending) > 0 ? `, dont ${formatDays(b.pending)} déjà demandé(s) en attente` : ''}.`
      : t && !t.tracksBalance
        ? 'Ce type de congé n’est pas décompté d’un solde.'
        : '';
  };
  type.addEventListener('change', showBalance);
  if (types.length === 1) type.value = types[0].code;
  showBalance();

  const half = (id: string, name: string, first: [string, string], second: [string, string]) =>
    h('select', { id, name }, h('option', { value: first[0] }, first[1]), h('option', { value: second[0] }, second[1]));
  const startDate = h('input', { id: IDS.startDate, name: 'startDate', type: 'date', min: today, autocomplete: 'off' });
  const startHalf = half(IDS.startHalf, 'startHalf', ['MORNING', 'Matin'], ['AFTERNOON', 'Après-midi']);
  const endDate = h('input', { id: IDS.endDate, name: 'endDate', type: 'date', min: today, autocomplete: 'off' });
  const endHalf = half(IDS.endHalf, 'endHalf', ['AFTERNOON', 'Après-midi'], ['MORNING', 'Matin']);
  startDate.addEventListener('change', () => {
    endDate.min = startDate.value || today;
    if (startDate.value && (!endDate.value || endDate.value < startDate.value)) endDate.value = startDate.value;
  });
  const comment = h('textarea', { id: IDS.comment, name: 'comment', rows: 3, maxlength: 1000 });

  let form: HTMLFormElement;
  const summary = errorSummary('conge-erreurs', () => form);
  const submit = h('button', { type: 'submit', class: 'button' }, 'Envoyer la demande');
  const status = h('p', { class: 'busy-status', role: 'status' });
  form = h(
    'form',
    { class: 'parapheur-form leave-form', 'aria-labelledby': 'demande-titre', novalidate: true },
    h('h2', { id: 'demande-titre' }, 'Nouvelle demande'),
    h('p', { class: 'hint' }, 'Tous les champs sont obligatoires, sauf mention « facultatif ». Les jours ouvrés sont comptés par la plateforme selon votre rythme de travail, hors week-ends et jours fériés d’Alsace-Moselle.'),
    summary.element,
    formField(IDS.type, 'Type de congé', type),
    balance,
    h(
      'fieldset',
      { class: 'date-range-fieldset' },
      h('legend', {}, 'Premier jour'),
      h(
        'div',
        { class: 'date-range' },
        formField(IDS.startDate, 'Date de début', startDate),
        formField(IDS.startHalf, 'Demi-journée de début', startHalf, '« Matin » : toute la journée ; « Après-midi » : à partir de midi.'),
      ),
    ),
    h(
      'fieldset',
      { class: 'date-range-fieldset' },
      h('legend', {}, 'Dernier jour'),
      h(
        'div',
        { class: 'date-range' },
        formField(IDS.endDate, 'Date de fin', endDate),
        formField(IDS.endHalf, 'Demi-journée de fin', endHalf, '« Après-midi » : toute la journée ; « Matin » : jusqu’à midi.'),
      ),
    ),
    formField(IDS.comment, 'Commentaire (facultatif)', comment, 'Visible par les personnes qui décident de la demande ; 1000 caractères au plus.', true),
    h('div', { class: 'actions' }, submit, h('a', { href: '/conges', 'data-link': true, class: 'button secondary' }, 'Annuler')),
    status,
  );

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const draft: LeaveDraft = { type: type.value, startDate: startDate.value, startHalf: startHalf.value, endDate: endDate.value, endHalf: endHalf.value, comment: comment.value };
    const errors = draftErrors(draft, today);
    if (errors.length > 0) {
      summary.show(errors.map((x) => ({ id: IDS[x.field], message: x.message })));
      return;
    }
    summary.clear();
    submit.disabled = true;
    submit.setAttribute('aria-busy', 'true');
    status.textContent = 'Envoi de la demande…';
    try {
      const created = await ctx.api.submitLeave(leaveRequestBody(draft));
      const message = `Votre demande de congé a été envoyée : ${requestTitle(created)}, ${formatDays(created.workingDays)} ouvré(s).`;
      setNotice(leaveHref(created.id), message);
      announce(message);
      ctx.refreshTaskCount();
      ctx.navigate(leaveHref(created.id));
    } catch (err) {
      status.textContent = '';
      submit.disabled = false;
      submit.removeAttribute('aria-busy');
      const field = err instanceof ApiError ? leaveErrorField(err.problem.code) : null;
      if (field) summary.show([{ id: IDS[field], message: messageOf(err) }]);
      else summary.show([], [messageOf(err)]);
    }
  });
  return form;
}
