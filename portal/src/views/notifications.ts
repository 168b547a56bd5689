import { announce, h, srOnly } from '../dom';
import { messageOf } from './documentParts';

/** One notification as a list shows it. */
export interface NotificationEntry {
  id: string;
  /** suffix of the item's class, e.g. `rejected` or `leave-approved` */
  kind: string;
  content: (Node | string | null)[];
  meta: (Node | string | null)[];
  message: string;
}

/**
 * The « Notifications » section shared by the parapheur and the procedures: unread notifications,
 * newest first as given, each with « Marquer comme lu »; once read an item goes and the focus returns
 * to the section's title.
 */
export function notificationList(entries: NotificationEntry[], markRead: (id: string) => Promise<unknown>): HTMLElement {
  const title = h('h2', { id: 'notifications-titre', tabindex: '-1' }, 'Notifications');
  const section = h('section', { 'aria-labelledby': 'notifications-titre' }, title);
  const empty = () => h('p', { class: 'empty' }, 'Aucune nouvelle notification.');
  if (entries.length === 0) {
    section.append(empty());
    return section;
  }
  const list = h('ul', { class: 'notifications' });
  for (const n of entries) {
    const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
    const read = h('button', { type: 'button', class: 'button secondary small' }, 'Marquer comme lu', srOnly(` : ${n.message}`));
    const item = h(
      'li',
      { class: `notification notification-${n.kind}` },
      h('p', {}, ...n.content),
      h('p', { class: 'meta' }, ...n.meta),
      h('div', { class: 'actions' }, read),
      error,
    );
    read.addEventListener('click', async () => {
      read.disabled = true;
      error.hidden = true;
      try {
        await markRead(n.id);
        item.remove();
        if (list.children.length === 0) list.replaceWith(empty());
        announce('Notification marquée comme lue.');
        // the button is gone: focus goes back to the list's title
        title.focus();
      } catch (e) {
        read.disabled = false;
        error.hidden = false;
        error.textContent = messageOf(e);
      }
    });
    list.append(item);
  }
  section.append(list);
  return section;
}
