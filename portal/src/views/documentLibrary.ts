import { ApiError, type DocumentFolder, type DocumentType, type SearchHit, type StorageUsage } from '../api';
import { announce, h } from '../dom';
import { buildFolderTree, pageIndexOf, parseTags, queryString, type FolderNode } from '../documents';
import { formatBytes, formatDateTime } from '../format';
import { isGedWriter } from '../routes';
import type { ViewContext } from './context';
import { openFormDialog } from './dialog';
import { gedNav, gedPage, messageOf, pagination, personName, tableRegion, typeLabels, typeOptions } from './documentParts';
import { uploadPanel } from './documentUpload';

const PAGE_SIZE = 20;
const TITLE = 'Bibliothèque de documents';

const folderHref = (id?: string | null) => (id ? `/documents/dossiers/${encodeURIComponent(id)}` : '/documents');

/** The library: the commune's folders on the left, the documents of the chosen folder on the right, uploads. */
export async function libraryView(ctx: ViewContext, params: Record<string, string>): Promise<HTMLElement[]> {
  return gedPage(ctx.me, TITLE, async () => {
    const folderId = params.folderId ?? null;
    const [folders, types, usage] = await Promise.all([ctx.api.documentFolders(), ctx.api.documentTypes(), ctx.api.documentUsage()]);
    const folder = folderId ? folders.find((f) => f.id === folderId) : undefined;
    if (folderId && !folder) {
      throw new ApiError({ title: 'Dossier introuvable', status: 404, detail: 'Ce dossier n’existe pas ou a été supprimé.' });
    }
    const listing = h('div', { class: 'listing' });
    const load = async () => listing.replaceChildren(...(await documentList(ctx, folder, types)));
    await load();
    return [
      h('h1', { tabindex: '-1' }, TITLE),
      gedNav(ctx.me, 'bibliotheque'),
      usageLine(usage),
      quickSearch(ctx),
      h(
        'div',
        { class: 'ged-layout' },
        h('nav', { class: 'folder-tree', 'aria-labelledby': 'dossiers-titre' }, h('h2', { id: 'dossiers-titre' }, 'Dossiers'), folderTree(buildFolderTree(folders), folderId)),
        h(
          'section',
          { class: 'folder-content', 'aria-labelledby': 'dossier-courant' },
          h('h2', { id: 'dossier-courant' }, folder ? folder.name : 'Tous les documents'),
          isGedWriter(ctx.me) ? folderActions(ctx, folder) : null,
          isGedWriter(ctx.me) ? uploadSection(ctx, folder, types, () => void load()) : null,
          listing,
        ),
      ),
    ];
  });
}

/** "Espace de stockage utilisé : 12,4 Mo sur 10 Go" (worded so that no agreement depends on the number). */
function usageLine(usage: StorageUsage): HTMLElement {
  const used = formatBytes(usage.storedBytes);
  return h('p', { class: 'usage' }, 'Espace de stockage utilisé : ', usage.quotaBytes ? `${used} sur ${formatBytes(usage.quotaBytes)}` : `${used} (sans quota)`);
}

function quickSearch(ctx: ViewContext): HTMLElement {
  const input = h('input', { id: 'recherche-rapide', type: 'search', name: 'q', required: true, maxlength: 500, autocomplete: 'off' });
  const form = h(
    'form',
    { role: 'search', 'aria-label': 'Rechercher dans les documents', class: 'quick-search' },
    h('label', { for: 'recherche-rapide' }, 'Rechercher dans les documents'),
    h('div', { class: 'inline-controls' }, input, h('button', { type: 'submit', class: 'button' }, 'Rechercher')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.navigate(`/documents/recherche${queryString({ q: input.value })}`);
  });
  return form;
}

/** Nested lists of links; the root entry lists every document. */
function folderTree(tree: FolderNode[], currentId: string | null): HTMLElement {
  const link = (id: string | null, name: string) => h('a', { href: folderHref(id), 'data-link': true, 'aria-current': id === currentId ? 'page' : undefined }, name);
  const branch = (nodes: FolderNode[]): HTMLElement =>
    h('ul', {}, nodes.map((n) => h('li', {}, link(n.folder.id, n.folder.name), n.children.length ? branch(n.children) : null)));
  return h('ul', {}, h('li', {}, link(null, 'Tous les documents'), tree.length ? branch(tree) : null));
}

function folderActions(ctx: ViewContext, folder: DocumentFolder | undefined): HTMLElement {
  const button = (text: string, cls: string, onClick: () => void) => {
    const b = h('button', { type: 'button', class: `button small ${cls}` }, text);
    b.addEventListener('click', onClick);
    return b;
  };
  return h(
    'div',
    { class: 'actions' },
    button(folder ? 'Créer un sous-dossier' : 'Créer un dossier', 'secondary', () => createFolderDialog(ctx, folder)),
    folder ? button('Renommer le dossier', 'secondary', () => renameFolderDialog(ctx, folder)) : null,
    folder ? button('Supprimer le dossier', 'danger', () => deleteFolderDialog(ctx, folder)) : null,
  );
}

function createFolderDialog(ctx: ViewContext, parent: DocumentFolder | undefined): void {
  openFormDialog({
    title: parent ? `Créer un sous-dossier dans « ${parent.name} »` : 'Créer un dossier',
    description: parent ? undefined : 'Le dossier sera créé à la racine de la bibliothèque.',
    fields: [{ name: 'name', label: 'Nom du dossier', required: true, maxlength: 120 }],
    confirmLabel: 'Créer le dossier',
    action: async (values) => {
      const created = await ctx.api.createFolder(values.name, parent?.id);
      announce(`Dossier « ${created.name} » créé.`);
      ctx.navigate(folderHref(created.id));
    },
  });
}

function renameFolderDialog(ctx: ViewContext, folder: DocumentFolder): void {
  openFormDialog({
    title: `Renommer le dossier « ${folder.name} »`,
    fields: [{ name: 'name', label: 'Nouveau nom', required: true, maxlength: 120, value: folder.name }],
    confirmLabel: 'Renommer',
    action: async (values) => {
      const renamed = await ctx.api.renameFolder(folder.id, values.name);
      announce(`Dossier renommé en « ${renamed.name} ».`);
      ctx.refresh();
    },
  });
}

function deleteFolderDialog(ctx: ViewContext, folder: DocumentFolder): void {
  openFormDialog({
    title: `Supprimer le dossier « ${folder.name} » ?`,
    description: 'Seul un dossier vide (sans sous-dossier ni document, même dans la corbeille) peut être supprimé.',
    fields: [],
    confirmLabel: 'Supprimer le dossier',
    danger: true,
    action: async () => {
      await ctx.api.deleteFolder(folder.id);
      announce(`Dossier « ${folder.name} » supprimé.`);
      ctx.navigate(folderHref(folder.parentId));
    },
  });
}

/** Type and tags for the next files, then the drop zone. */
function uploadSection(ctx: ViewContext, folder: DocumentFolder | undefined, types: DocumentType[], reload: () => void): HTMLElement {
  const type = h('select', { id: 'envoi-type', name: 'type' }, typeOptions(types, 'Aucun type'));
  const tags = h('input', { id: 'envoi-etiquettes', name: 'tags', type: 'text', maxlength: 900, autocomplete: 'off', 'aria-describedby': 'envoi-etiquettes-aide' });
  const panel = uploadPanel({
    id: 'envoi',
    inputLabel: 'Choisir des fichiers',
    multiple: true,
    send: async (file, onProgress) => {
      const created = await ctx.api.uploadDocument(file, { folder: folder?.id, type: type.value, tags: parseTags(tags.value) }, onProgress);
      return { text: created.title, href: `/documents/${encodeURIComponent(created.id)}` };
    },
    onBatchDone: (stored) => {
      if (stored > 0) reload();
    },
  });
  return h(
    'section',
    { class: 'upload-section', 'aria-labelledby': 'envoi-titre' },
    h('h3', { id: 'envoi-titre' }, folder ? `Ajouter des documents dans « ${folder.name} »` : 'Ajouter des documents'),
    h(
      'div',
      { class: 'upload-options' },
      h('div', { class: 'field' }, h('label', { for: 'envoi-type' }, 'Type de document (facultatif)'), type),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'envoi-etiquettes' }, 'Étiquettes (facultatif)'),
        h('p', { class: 'hint', id: 'envoi-etiquettes-aide' }, 'Séparées par des virgules, par exemple : budget, conseil municipal.'),
        tags,
      ),
    ),
    panel,
  );
}

/** The documents of the folder (all documents at the root), a page at a time. */
async function documentList(ctx: ViewContext, folder: DocumentFolder | undefined, types: DocumentType[]): Promise<HTMLElement[]> {
  const page = pageIndexOf(ctx.query);
  let results;
  try {
    results = await ctx.api.searchDocuments({ folder: folder?.id, page, size: PAGE_SIZE });
  } catch (e) {
    return [h('div', { class: 'alert alert-error', role: 'alert' }, messageOf(e))];
  }
  if (results.total === 0) {
    return [h('p', { class: 'empty' }, folder ? 'Ce dossier ne contient aucun document.' : 'La bibliothèque ne contient encore aucun document.')];
  }
  const typeOf = typeLabels(types);
  const where = folder ? `dans « ${folder.name} »` : 'dans la bibliothèque';
  return [
    tableRegion(
      'Liste des documents',
      `${results.total} document(s) ${where}`,
      ['Titre', 'Type', 'Auteur', 'Modifié le', 'Taille'],
      results.results.map((d) => documentRow(d, typeOf)),
    ),
    pagination(results.total, page, PAGE_SIZE, 'Pages de la liste des documents', (p) => `${folderHref(folder?.id)}${queryString({ page: p > 0 ? p + 1 : undefined })}`),
  ].filter((e): e is HTMLElement => e !== null);
}

function documentRow(d: SearchHit, typeOf: (code: string | null | undefined) => string): HTMLTableRowElement {
  return h(
    'tr',
    {},
    h('th', { scope: 'row' }, h('a', { href: `/documents/${encodeURIComponent(d.id)}`, 'data-link': true }, d.title)),
    h('td', {}, typeOf(d.typeCode)),
    h('td', {}, personName(d.author, d.authorName)),
    h('td', {}, formatDateTime(d.updatedAt)),
    h('td', { class: 'number' }, formatBytes(d.size)),
  );
}
