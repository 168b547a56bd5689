import type { CreatedShare, DocumentShare, GedDocument } from '../api';
import { announce, h } from '../dom';
import { shareUrl } from '../documents';
import { formatDateTime } from '../format';
import type { ViewContext } from './context';
import { openFormDialog } from './dialog';
import { messageOf, personName, tableRegion } from './documentParts';

const DEFAULT_DAYS = 7;

/** Time-limited links to the document, for agents of the same commune: create, copy, list, revoke. */
export function shareSection(ctx: ViewContext, doc: GedDocument): HTMLElement {
  const commune = ctx.me.commune?.name ?? 'votre commune';
  const created = h('div', { class: 'share-created', id: 'partage-cree', tabindex: '-1', hidden: true });
  const list = h('div', { class: 'share-list' });
  const listTitle = h('h3', { tabindex: '-1' }, 'Liens de partage existants');
  const reload = async () => list.replaceChildren(...(await shareList(ctx, doc, afterRevoke)));
  // the revoked link's button is gone: focus goes to the list's title, after the dialog gave it back
  const afterRevoke = async () => {
    await reload();
    window.setTimeout(() => listTitle.focus(), 0);
  };
  void reload();
  return h(
    'section',
    { 'aria-labelledby': 'partage-titre' },
    h('h2', { id: 'partage-titre' }, 'Partager le document'),
    h('p', {}, `Un lien de partage permet à un agent de ${commune}, connecté à MetroCloud, d’ouvrir et de télécharger ce document pendant une durée limitée. Il ne donne aucun accès aux personnes extérieures à la commune.`),
    shareForm(ctx, doc, (share) => {
      showCreated(created, share, commune);
      void reload();
    }),
    created,
    listTitle,
    list,
  );
}

function shareForm(ctx: ViewContext, doc: GedDocument, onCreated: (share: CreatedShare) => void): HTMLFormElement {
  const days = h('input', { id: 'partage-jours', name: 'days', type: 'number', min: 1, max: 30, step: 1, value: DEFAULT_DAYS, required: true, 'aria-describedby': 'partage-jours-aide', class: 'short' });
  const submit = h('button', { type: 'submit', class: 'button' }, 'Créer un lien de partage');
  const error = h('div', { class: 'alert alert-error', role: 'alert', hidden: true });
  const form = h(
    'form',
    { class: 'share-form' },
    h('div', { class: 'field' }, h('label', { for: 'partage-jours' }, 'Durée de validité (en jours)'), h('p', { class: 'hint', id: 'partage-jours-aide' }, 'De 1 à 30 jours.'), days),
    error,
    submit,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    submit.disabled = true;
    error.hidden = true;
    try {
      onCreated(await ctx.api.createShare(doc.id, Number(days.value)));
    } catch (err) {
      error.hidden = false;
      error.textContent = messageOf(err);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** The new link in a read-only field with a copy button; focus moves there so that it is read out. */
function showCreated(target: HTMLElement, share: CreatedShare, commune: string): void {
  const url = shareUrl(window.location.origin, share.token);
  const field = h('input', { id: 'partage-lien', type: 'text', readonly: true, value: url, class: 'share-url', 'aria-describedby': 'partage-lien-aide' });
  const copy = h('button', { type: 'button', class: 'button secondary' }, 'Copier le lien');
  copy.addEventListener('click', () => void copyLink(field));
  field.addEventListener('focus', () => field.select());
  target.replaceChildren(
    h('h3', {}, 'Lien de partage créé'),
    h('div', { class: 'field wide' }, h('label', { for: 'partage-lien' }, 'Lien de partage'), h('div', { class: 'inline-controls' }, field, copy)),
    h('p', { id: 'partage-lien-aide' }, `Seuls les agents de ${commune} connectés à MetroCloud peuvent ouvrir ce lien, jusqu’au ${formatDateTime(share.expiresAt)}. Il n’est affiché qu’une fois : copiez-le maintenant.`),
  );
  target.hidden = false;
  target.focus();
  announce(`Lien de partage créé, valable jusqu’au ${formatDateTime(share.expiresAt)}.`);
}

async function copyLink(field: HTMLInputElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(field.value);
    announce('Lien copié dans le presse-papiers.');
  } catch {
    // without clipboard access (insecure context, refused permission): select it for a manual copy
    field.focus();
    field.select();
    announce('Copie automatique impossible : le lien est sélectionné, copiez-le avec Ctrl+C.');
  }
}

async function shareList(ctx: ViewContext, doc: GedDocument, afterRevoke: () => Promise<void>): Promise<HTMLElement[]> {
  let shares: DocumentShare[];
  try {
    shares = await ctx.api.shares(doc.id);
  } catch (e) {
    return [h('div', { class: 'alert alert-error' }, `Les liens de partage n’ont pas pu être chargés : ${messageOf(e)}`)];
  }
  if (shares.length === 0) return [h('p', {}, 'Aucun lien de partage.')];
  return [
    tableRegion(
      'Liens de partage du document',
      `${shares.length} lien(s) de partage`,
      ['Créé le', 'Par', 'Expire le', 'État', 'Action'],
      shares.map((s) => shareRow(ctx, doc, s, afterRevoke)),
    ),
  ];
}

function shareRow(ctx: ViewContext, doc: GedDocument, share: DocumentShare, afterRevoke: () => Promise<void>): HTMLTableRowElement {
  const revoked = share.revokedAt ? `Révoqué le ${formatDateTime(share.revokedAt)}${share.revokedBy ? ` par ${share.revokedBy}` : ''}` : null;
  const state = revoked ?? (share.active ? 'Actif' : 'Expiré');
  let action: HTMLElement | string = '—';
  if (share.active) {
    const revoke = h('button', { type: 'button', class: 'button small danger', 'aria-label': `Révoquer le lien créé le ${formatDateTime(share.createdAt)}` }, 'Révoquer');
    revoke.addEventListener('click', () => revokeDialog(ctx, doc, share, afterRevoke));
    action = revoke;
  }
  return h(
    'tr',
    {},
    h('th', { scope: 'row' }, formatDateTime(share.createdAt)),
    h('td', {}, personName(share.createdBy)),
    h('td', {}, formatDateTime(share.expiresAt)),
    h('td', { class: share.active ? 'status status-active' : 'status' }, state),
    h('td', {}, action),
  );
}

function revokeDialog(ctx: ViewContext, doc: GedDocument, share: DocumentShare, afterRevoke: () => Promise<void>): void {
  openFormDialog({
    title: 'Révoquer ce lien de partage ?',
    description: `Le lien créé le ${formatDateTime(share.createdAt)} ne pourra plus être ouvert. Cette opération est définitive.`,
    fields: [],
    confirmLabel: 'Révoquer le lien',
    danger: true,
    action: async () => {
      await ctx.api.revokeShare(doc.id, share.id);
      announce('Lien de partage révoqué.');
      await afterRevoke();
    },
  });
}
