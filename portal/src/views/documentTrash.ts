import type { GedDocument } from '../api';
import { h } from '../dom';
import { formatDateTime } from '../format';
import type { ViewContext } from './context';
import { gedNav, gedPage, onRestore, personName, tableRegion, typeLabels } from './documentParts';

const TITLE = 'Corbeille';

/** The commune's trash: documents kept 30 days after being deleted, and restored from here. */
export async function trashView(ctx: ViewContext): Promise<HTMLElement[]> {
  return gedPage(ctx.me, TITLE, async () => {
    const [trash, types] = await Promise.all([ctx.api.documentTrash(), ctx.api.documentTypes()]);
    const typeOf = typeLabels(types);
    const error = h('div', { class: 'alert alert-error', role: 'alert', hidden: true });
    return [
      h('h1', { tabindex: '-1' }, TITLE),
      gedNav(ctx.me, 'corbeille'),
      h('p', { class: 'lead' }, 'Les documents mis à la corbeille sont conservés 30 jours, puis supprimés définitivement. Pendant ce délai, vous pouvez les restaurer.'),
      error,
      trash.length === 0
        ? h('p', { class: 'empty' }, 'La corbeille est vide.')
        : tableRegion(
            'Documents dans la corbeille',
            `${trash.length} document(s) dans la corbeille`,
            ['Titre', 'Type', 'Mis à la corbeille le', 'Par', 'Action'],
            trash.map((d) => [
              h('th', { scope: 'row' }, h('a', { href: `/documents/${encodeURIComponent(d.id)}`, 'data-link': true }, d.title)),
              h('td', {}, typeOf(d.type)),
              h('td', {}, formatDateTime(d.deletedAt)),
              h('td', {}, personName(d.deletedBy)),
              h('td', {}, restoreButton(ctx, d, error)),
            ]).map((cells) => h('tr', {}, cells)),
          ),
    ];
  });
}

function restoreButton(ctx: ViewContext, doc: GedDocument, error: HTMLElement): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'button small', 'aria-label': `Restaurer « ${doc.title} »` }, 'Restaurer');
  onRestore(ctx, doc, button, error);
  return button;
}
