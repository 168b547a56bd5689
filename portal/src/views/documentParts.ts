// Pieces shared by the GED pages: the subscription check, the GED's own navigation, pagination, downloads.
import { ApiError, type Download, type DocumentType, type GedDocument, type Me } from '../api';
import { announce, h } from '../dom';
import { pageCount } from '../documents';
import { isCommuneAdmin, isGedWriter } from '../routes';
import type { ViewContext } from './context';

/** The French message of a failure. */
export function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : 'Une erreur inattendue est survenue.';
}

/**
 * Builds a GED page; if the commune is not subscribed to the GED (403 `service-not-subscribed`), the page says so
 * and points to the catalogue instead.
 */
export async function gedPage(me: Me, title: string, build: () => Promise<(HTMLElement | null)[]>): Promise<HTMLElement[]> {
  try {
    return (await build()).filter((e): e is HTMLElement => e !== null);
  } catch (e) {
    if (!(e instanceof ApiError) || e.problem.code !== 'service-not-subscribed') throw e;
    return [
      h('h1', { tabindex: '-1' }, title),
      h('div', { class: 'alert alert-error', role: 'alert' }, e.message),
      h(
        'p',
        {},
        isCommuneAdmin(me) ? 'Vous pouvez abonner la commune depuis le ' : 'L’administrateur de votre commune peut l’abonner depuis le ',
        h('a', { href: '/catalogue', 'data-link': true }, 'catalogue des services'),
        '.',
      ),
    ];
  }
}

export type GedSection = 'bibliotheque' | 'recherche' | 'corbeille';

/** The GED's sections (library, search, trash); the current one is marked. */
export function gedNav(me: Me, current: GedSection | null): HTMLElement {
  const entries: [GedSection, string, string][] = [
    ['bibliotheque', '/documents', 'Bibliothèque'],
    ['recherche', '/documents/recherche', 'Recherche'],
  ];
  if (isGedWriter(me)) entries.push(['corbeille', '/documents/corbeille', 'Corbeille']);
  return h(
    'nav',
    { class: 'subnav', 'aria-label': 'Gestion documentaire' },
    h('ul', {}, entries.map(([key, href, label]) => h('li', {}, h('a', { href, 'data-link': true, 'aria-current': key === current ? 'true' : undefined }, label)))),
  );
}

/** Code → French label of the commune's document types. */
export function typeLabels(types: DocumentType[]): (code: string | null | undefined) => string {
  const labels = new Map(types.map((t) => [t.code, t.label]));
  return (code) => (code ? labels.get(code) ?? code : '—');
}

/** `<option>`s of the document types, after an empty first choice. */
export function typeOptions(types: DocumentType[], emptyLabel: string, selected = ''): HTMLOptionElement[] {
  return [
    h('option', { value: '' }, emptyLabel),
    ...types.map((t) => h('option', { value: t.code, selected: t.code === selected }, t.label)),
  ];
}

/**
 * Previous/next links of a paged list; null when everything fits on one page. `hrefOf` gives the address of a
 * 0-based page.
 */
export function pagination(total: number, page: number, size: number, label: string, hrefOf: (page: number) => string): HTMLElement | null {
  const pages = pageCount(total, size);
  if (pages <= 1) return null;
  const link = (target: number, text: string, rel: string) =>
    target >= 0 && target < pages ? h('a', { href: hrefOf(target), 'data-link': true, rel, class: 'button secondary small' }, text) : null;
  return h(
    'nav',
    { class: 'pagination', 'aria-label': label },
    link(page - 1, 'Page précédente', 'prev'),
    h('p', {}, `Page ${page + 1} sur ${pages}`),
    link(page + 1, 'Page suivante', 'next'),
  );
}

/**
 * A download button: the content is fetched with the token, then saved under the server's file name (or
 * `fallbackName`). Failures are shown next to the button.
 */
export function downloadButton(text: string, fallbackName: string, fetchContent: () => Promise<Download>, accessibleName?: string): HTMLElement {
  const button = h('button', { type: 'button', class: 'button secondary small', 'aria-label': accessibleName }, text);
  const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    error.hidden = true;
    try {
      const { blob, fileName } = await fetchContent();
      const name = fileName ?? fallbackName;
      saveBlob(blob, name);
      announce(`Téléchargement de « ${name} » lancé.`);
    } catch (e) {
      error.hidden = false;
      error.textContent = messageOf(e);
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  });
  return h('span', { class: 'download' }, button, error);
}

/** Saves a blob as a downloaded file named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.appendChild(link);
  link.click();
  link.remove();
  // the browser has read the object URL once the download started
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A table in its scrollable, keyboard-reachable region, as on the other pages. */
export function tableRegion(label: string, caption: Node | string, headers: string[], rows: HTMLTableRowElement[]): HTMLElement {
  return h(
    'div',
    { class: 'table-wrapper', tabindex: '0', role: 'region', 'aria-label': label },
    h(
      'table',
      { class: 'table' },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, headers.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows),
    ),
  );
}

/** The person who did something: display name if known, else user name. */
export function personName(username: string | null | undefined, displayName?: string | null): string {
  return displayName || username || '—';
}

/** Restores a document from the trash when `button` is clicked; the server's refusal goes to `error`. */
export function onRestore(ctx: ViewContext, doc: GedDocument, button: HTMLButtonElement, error: HTMLElement): void {
  button.addEventListener('click', async () => {
    button.disabled = true;
    error.hidden = true;
    try {
      await ctx.api.restoreDocument(doc.id);
      announce(`« ${doc.title} » a été restauré.`);
      ctx.refresh();
    } catch (e) {
      button.disabled = false;
      error.hidden = false;
      error.textContent = messageOf(e);
    }
  });
}
