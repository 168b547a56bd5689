import type { InboxItem, ParapheurFolder, ParapheurNotification } from '../api';
import { h, srOnly } from '../dom';
import { formatDate, formatDateTime } from '../format';
import { STEP_KIND, labelOf, onBehalfText } from '../parapheur';
import type { ViewContext } from './context';
import { notificationList } from './notifications';
import { personName, tableRegion } from './documentParts';
import { folderStatusBadge, parapheurNav, parapheurPage } from './parapheurParts';

const TITLE = 'Mon parapheur';

export const folderHref = (id: string) => `/parapheur/dossiers/${encodeURIComponent(id)}`;

/** "My parapheur": the steps awaiting me, my unread notifications, the folders I submitted. */
export async function parapheurInboxView(ctx: ViewContext): Promise<HTMLElement[]> {
  return parapheurPage(ctx.me, TITLE, async () => {
    const [inbox, mine, notifications] = await Promise.all([ctx.api.inbox(), ctx.api.parapheurFolders('mine'), ctx.api.notifications(true)]);
    return [
      h('h1', { tabindex: '-1' }, TITLE),
      parapheurNav(ctx.me, 'parapheur'),
      notificationSection(ctx, notifications),
      h(
        'section',
        { 'aria-labelledby': 'attente-titre' },
        h('h2', { id: 'attente-titre' }, 'Documents en attente de mon action'),
        inbox.length === 0 ? h('p', { class: 'empty' }, 'Aucun document n’attend votre visa ou votre signature.') : inboxTable(inbox),
      ),
      h(
        'section',
        { 'aria-labelledby': 'deposes-titre' },
        h('h2', { id: 'deposes-titre' }, 'Mes dossiers déposés'),
        mine.length === 0
          ? h('p', { class: 'empty' }, 'Vous n’avez déposé aucun dossier. ', h('a', { href: '/parapheur/nouveau', 'data-link': true }, 'Soumettre un document au parapheur'), '.')
          : submittedTable(mine),
      ),
    ];
  });
}

function inboxTable(items: InboxItem[]): HTMLElement {
  const caption = items.length === 1 ? '1 document attend votre action' : `${items.length} documents attendent votre action`;
  return tableRegion('Tableau des documents en attente de mon action', caption, ['Objet', 'Circuit', 'Type', 'Déposé par', 'Déposé le', 'Échéance'], items.map(inboxRow));
}

function inboxRow(item: InboxItem): HTMLTableRowElement {
  const delegation = onBehalfText(item.onBehalfOfName);
  return h(
    'tr',
    { class: item.overdue ? 'overdue-row' : undefined },
    h('th', { scope: 'row' }, h('a', { href: folderHref(item.folderId), 'data-link': true }, item.title), delegation ? h('span', { class: 'meta delegation' }, ` (${delegation})`) : null),
    h('td', {}, item.templateName),
    h('td', {}, labelOf(STEP_KIND, item.kind), item.label ? h('span', { class: 'meta' }, ` — ${item.label}`) : null),
    h('td', {}, personName(null, item.submitterName)),
    h('td', {}, formatDateTime(item.submittedAt)),
    h('td', {}, dueCell(item.dueDate, item.overdue)),
  );
}

/** The due date, marked « en retard » in words (not by colour only). */
export function dueCell(dueDate: string | null | undefined, overdue: boolean): (Node | string)[] {
  if (!dueDate) return ['—'];
  return [formatDate(dueDate), overdue ? h('strong', { class: 'overdue' }, ' (en retard)') : ''];
}

function submittedTable(folders: ParapheurFolder[]): HTMLElement {
  const caption = folders.length === 1 ? '1 dossier déposé' : `${folders.length} dossiers déposés, les plus récents en premier`;
  const sorted = [...folders].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return tableRegion('Tableau de mes dossiers déposés', caption, ['Objet', 'Circuit', 'Statut', 'Déposé le', 'Échéance', 'Signatures'], sorted.map(submittedRow));
}

function submittedRow(f: ParapheurFolder): HTMLTableRowElement {
  return h(
    'tr',
    {},
    h('th', { scope: 'row' }, h('a', { href: folderHref(f.id), 'data-link': true }, f.title)),
    h('td', {}, f.templateName),
    h('td', {}, folderStatusBadge(f.status)),
    h('td', {}, formatDateTime(f.createdAt)),
    h('td', {}, dueCell(f.dueDate, false)),
    h('td', { class: 'number' }, String(f.signatures)),
  );
}

/** Unread notifications (rejections, completions of my folders), each with « Marquer comme lu ». */
function notificationSection(ctx: ViewContext, notifications: ParapheurNotification[]): HTMLElement {
  const entries = [...notifications]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((n) => ({
      id: n.id,
      kind: n.kind.toLowerCase(),
      content: [h('span', { class: 'notification-kind' }, n.kind === 'REJECTED' ? 'Refus : ' : n.kind === 'APPROVED' ? 'Approbation : ' : ''), n.message],
      meta: [formatDateTime(n.createdAt), ' — ', h('a', { href: folderHref(n.folderId), 'data-link': true }, 'Voir le dossier', srOnly(` : ${n.message}`))],
      message: n.message,
    }));
  return notificationList(entries, (id) => ctx.api.markNotificationRead(id));
}
