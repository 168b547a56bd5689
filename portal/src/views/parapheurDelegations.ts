import type { Delegation, Member } from '../api';
import { announce, h, srOnly } from '../dom';
import { formatDate, formatDateTime, todayIso } from '../format';
import { delegationState } from '../parapheur';
import type { ViewContext } from './context';
import { openFormDialog } from './dialog';
import { personName, tableRegion } from './documentParts';
import { parapheurNav, parapheurPage, showProblem } from './parapheurParts';

const TITLE = 'Délégations de signature';

/** The delegations I gave (revocable) and received, and the form to delegate my signing right for a period. */
export async function parapheurDelegationsView(ctx: ViewContext): Promise<HTMLElement[]> {
  return parapheurPage(ctx.me, TITLE, async () => {
    const [delegations, members] = await Promise.all([ctx.api.delegations(), ctx.api.members()]);
    const today = todayIso();
    const given = delegations.filter((d) => d.delegatorUsername === ctx.me.username);
    const received = delegations.filter((d) => d.delegateUsername === ctx.me.username && d.delegatorUsername !== ctx.me.username);
    return [
      h('h1', { tabindex: '-1' }, TITLE),
      parapheurNav(ctx.me, 'delegations'),
      h('p', { class: 'lead' }, 'Pendant une absence, vous pouvez déléguer vos visas et signatures à une personne de la commune pour une période donnée. Les documents signés par délégation l’indiquent (« par délégation de … »).'),
      h(
        'section',
        { 'aria-labelledby': 'delegations-donnees-titre' },
        h('h2', { id: 'delegations-donnees-titre', tabindex: '-1' }, 'Délégations que j’ai données'),
        given.length === 0
          ? h('p', { class: 'empty' }, 'Vous n’avez donné aucune délégation.')
          : tableRegion('Tableau des délégations données', `${given.length} délégation(s) donnée(s)`, ['Délégataire', 'Du', 'Au', 'Motif', 'État', 'Action'], given.map((d) => givenRow(ctx, d, today))),
      ),
      h(
        'section',
        { 'aria-labelledby': 'delegations-recues-titre' },
        h('h2', { id: 'delegations-recues-titre' }, 'Délégations que j’ai reçues'),
        received.length === 0
          ? h('p', { class: 'empty' }, 'Vous n’avez reçu aucune délégation.')
          : tableRegion('Tableau des délégations reçues', `${received.length} délégation(s) reçue(s)`, ['Délégant', 'Du', 'Au', 'Motif', 'État'], received.map((d) => receivedRow(d, today))),
      ),
      delegationForm(ctx, members.filter((m) => m.username !== ctx.me.username), today),
    ];
  });
}

function stateCell(d: Delegation, today: string): HTMLTableCellElement {
  const state = delegationState(d, today);
  const text = d.revokedAt ? `${state} le ${formatDateTime(d.revokedAt)}` : state;
  return h('td', { class: `status delegation-${d.revokedAt ? 'revoked' : d.activeToday ? 'active' : 'inactive'}` }, text);
}

function givenRow(ctx: ViewContext, d: Delegation, today: string): HTMLTableRowElement {
  const delegate = personName(d.delegateUsername, d.delegateName);
  let action: HTMLElement | string = '—';
  if (!d.revokedAt) {
    const revoke = h('button', { type: 'button', class: 'button danger small' }, 'Révoquer', srOnly(` la délégation à ${delegate}`));
    revoke.addEventListener('click', () =>
      openFormDialog({
        title: `Révoquer la délégation à ${delegate} ?`,
        description: `${delegate} ne pourra plus viser ni signer en votre nom. Les visas et signatures déjà apposés restent valables.`,
        fields: [],
        confirmLabel: 'Confirmer la révocation',
        danger: true,
        action: async () => {
          await ctx.api.revokeDelegation(d.id);
          announce(`Délégation à ${delegate} révoquée.`);
          ctx.refreshInboxCount();
          ctx.refresh();
        },
      }),
    );
    action = revoke;
  }
  return h(
    'tr',
    {},
    h('th', { scope: 'row' }, delegate),
    h('td', {}, formatDate(d.startsOn)),
    h('td', {}, formatDate(d.endsOn)),
    h('td', {}, d.reason || '—'),
    stateCell(d, today),
    h('td', {}, action),
  );
}

function receivedRow(d: Delegation, today: string): HTMLTableRowElement {
  return h(
    'tr',
    {},
    h('th', { scope: 'row' }, personName(d.delegatorUsername, d.delegatorName)),
    h('td', {}, formatDate(d.startsOn)),
    h('td', {}, formatDate(d.endsOn)),
    h('td', {}, d.reason || '—'),
    stateCell(d, today),
  );
}

function delegationForm(ctx: ViewContext, members: Member[], today: string): HTMLElement {
  const people = [...members].sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr'));
  const delegate = h(
    'select',
    { id: 'delegation-delegataire', name: 'delegate', required: true },
    h('option', { value: '' }, 'Choisissez une personne'),
    people.map((m) => h('option', { value: m.username }, `${m.displayName} (${m.username})`)),
  );
  const startsOn = h('input', { id: 'delegation-debut', name: 'startsOn', type: 'date', required: true, min: today, value: today });
  const endsOn = h('input', { id: 'delegation-fin', name: 'endsOn', type: 'date', required: true, min: today, 'aria-describedby': 'delegation-fin-aide' });
  startsOn.addEventListener('change', () => (endsOn.min = startsOn.value || today));
  const reason = h('input', { id: 'delegation-motif', name: 'reason', type: 'text', maxlength: 500, autocomplete: 'off' });
  const error = h('div', { class: 'alert alert-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'button' }, 'Déléguer');
  const field = (id: string, label: string, control: HTMLElement, hint?: string) =>
    h('div', { class: 'field' }, h('label', { for: id }, label), hint ? h('p', { class: 'hint', id: `${id}-aide` }, hint) : null, control);
  const form = h(
    'form',
    { class: 'parapheur-form', 'aria-labelledby': 'deleguer-titre' },
    h('h2', { id: 'deleguer-titre' }, 'Déléguer ma signature'),
    h('p', { class: 'hint' }, 'Tous les champs sont obligatoires, sauf mention « facultatif ».'),
    field('delegation-delegataire', 'Délégataire', delegate),
    h('div', { class: 'date-range' }, field('delegation-debut', 'Date de début', startsOn), field('delegation-fin', 'Date de fin', endsOn, 'Dates incluses ; un an au plus.')),
    field('delegation-motif', 'Motif (facultatif)', reason),
    error,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    if (!form.reportValidity()) return;
    submit.disabled = true;
    submit.setAttribute('aria-busy', 'true');
    try {
      const created = await ctx.api.delegate({ delegate: delegate.value, startsOn: startsOn.value, endsOn: endsOn.value, reason: reason.value.trim() || undefined });
      announce(`Délégation donnée à ${personName(created.delegateUsername, created.delegateName)} du ${formatDate(created.startsOn)} au ${formatDate(created.endsOn)}.`);
      ctx.refresh();
    } catch (err) {
      showProblem(error, err);
      submit.disabled = false;
      submit.removeAttribute('aria-busy');
    }
  });
  return h('section', {}, form);
}
