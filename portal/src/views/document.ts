import type { DocumentFolder, DocumentType, DocumentVersion, GedDocument } from '../api';
import { announce, h, srOnly } from '../dom';
import { buildFolderTree, extractionLabel, flattenFolderTree, parseTags } from '../documents';
import { formatBytes, formatDateTime } from '../format';
import { isGedWriter } from '../routes';
import type { ViewContext } from './context';
import { openFormDialog } from './dialog';
import { downloadButton, gedNav, gedPage, onRestore, personName, tableRegion, typeLabels } from './documentParts';
import { shareSection } from './documentShares';
import { uploadPanel } from './documentUpload';

/** A document: its description, its versions, and what an agent does with it (download, edit, version, share, trash). */
export async function documentView(ctx: ViewContext, params: Record<string, string>): Promise<HTMLElement[]> {
  return gedPage(ctx.me, 'Document', async () => {
    const [doc, folders, types] = await Promise.all([ctx.api.document(params.id), ctx.api.documentFolders(), ctx.api.documentTypes()]);
    const folder = folders.find((f) => f.id === doc.folderId);
    const writer = isGedWriter(ctx.me);
    const inTrash = !!doc.deletedAt;
    return [
      h(
        'p',
        { class: 'breadcrumb' },
        h('a', { href: '/documents', 'data-link': true }, 'Bibliothèque'),
        folder ? [' › ', h('a', { href: `/documents/dossiers/${encodeURIComponent(folder.id)}`, 'data-link': true }, folder.name)] : null,
        ` › ${doc.title}`,
      ),
      h('h1', { tabindex: '-1' }, doc.title),
      gedNav(ctx.me, null),
      inTrash ? trashNotice(ctx, doc, writer) : h('div', { class: 'actions' }, mainActions(ctx, doc, folders, types, writer)),
      h('h2', {}, 'Informations'),
      facts(doc, folder, types),
      h('h2', {}, 'Versions'),
      versionsTable(ctx, doc, !inTrash),
      writer && !inTrash ? newVersionSection(ctx, doc) : null,
      writer && !inTrash ? shareSection(ctx, doc) : null,
    ];
  });
}

function trashNotice(ctx: ViewContext, doc: GedDocument, writer: boolean): HTMLElement {
  const restore = writer ? h('button', { type: 'button', class: 'button' }, 'Restaurer le document') : null;
  const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
  if (restore) onRestore(ctx, doc, restore, error);
  return h(
    'div',
    { class: 'alert alert-info' },
    h('p', {}, `Ce document est dans la corbeille depuis le ${formatDateTime(doc.deletedAt)} (par ${personName(doc.deletedBy)}). Il y est conservé 30 jours ; restaurez-le pour le télécharger ou le modifier.`),
    error,
    restore,
  );
}

function mainActions(ctx: ViewContext, doc: GedDocument, folders: DocumentFolder[], types: DocumentType[], writer: boolean): HTMLElement[] {
  const current = doc.versions.find((v) => v.number === doc.currentVersion) ?? doc.versions[0];
  const actions: HTMLElement[] = [downloadButton('Télécharger', current?.fileName ?? doc.title, () => ctx.api.downloadDocument(doc.id), `Télécharger la version courante de « ${doc.title} »`)];
  if (!writer) return actions;
  const button = (text: string, cls: string, onClick: () => void) => {
    const b = h('button', { type: 'button', class: `button small ${cls}` }, text);
    b.addEventListener('click', onClick);
    actions.push(b);
  };
  actions.push(h('a', { href: `/archives/verser?document=${encodeURIComponent(doc.id)}`, 'data-link': true, class: 'button small secondary' }, 'Archiver', srOnly(` « ${doc.title} » dans le système d’archivage électronique`)));
  button('Modifier les informations', 'secondary', () => editDialog(ctx, doc, folders, types));
  button('Mettre à la corbeille', 'danger', () => trashDialog(ctx, doc));
  return actions;
}

function facts(doc: GedDocument, folder: DocumentFolder | undefined, types: DocumentType[]): HTMLElement {
  const fact = (term: string, value: string) => [h('dt', {}, term), h('dd', {}, value)];
  return h(
    'dl',
    { class: 'facts' },
    fact('Titre', doc.title),
    fact('Description', doc.description || '—'),
    fact('Type', typeLabels(types)(doc.type)),
    fact('Étiquettes', doc.tags.length ? doc.tags.join(', ') : '—'),
    fact('Auteur', personName(doc.author, doc.authorName)),
    fact('Créé le', formatDateTime(doc.createdAt)),
    fact('Modifié le', formatDateTime(doc.updatedAt)),
    fact('Dossier', folder?.name ?? 'Aucun (racine de la bibliothèque)'),
    fact('Version courante', String(doc.currentVersion)),
  );
}

function versionsTable(ctx: ViewContext, doc: GedDocument, downloadable: boolean): HTMLElement {
  const headers = ['N°', 'Fichier', 'Taille', 'Format', 'Empreinte SHA-256', 'Déposée le', 'Par', 'Texte', ...(downloadable ? ['Action'] : [])];
  return tableRegion('Versions du document', `${doc.versions.length} version(s), la plus récente en premier`, headers, doc.versions.map((v) => versionRow(ctx, doc, v, downloadable)));
}

function versionRow(ctx: ViewContext, doc: GedDocument, v: DocumentVersion, downloadable: boolean): HTMLTableRowElement {
  return h(
    'tr',
    {},
    h('th', { scope: 'row' }, String(v.number), v.number === doc.currentVersion ? h('span', { class: 'current-mark' }, ' (courante)') : null),
    h('td', { class: 'file-name' }, v.fileName),
    h('td', { class: 'number' }, formatBytes(v.size)),
    h('td', {}, v.mimeType),
    h('td', {}, h('code', { class: 'hash' }, v.sha256)),
    h('td', {}, formatDateTime(v.createdAt)),
    h('td', {}, personName(v.createdBy)),
    h('td', { class: `extraction extraction-${v.extractionStatus.toLowerCase()}` }, extractionLabel(v.extractionStatus, v.extractionError)),
    downloadable
      ? h('td', {}, downloadButton('Télécharger', v.fileName, () => ctx.api.downloadDocument(doc.id, v.number), `Télécharger la version ${v.number} (${v.fileName})`))
      : null,
  );
}

function newVersionSection(ctx: ViewContext, doc: GedDocument): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'nouvelle-version-titre' },
    h('h2', { id: 'nouvelle-version-titre' }, 'Déposer une nouvelle version'),
    h('p', {}, 'La nouvelle version devient la version courante ; les précédentes restent consultables et téléchargeables.'),
    uploadPanel({
      id: 'version',
      inputLabel: 'Choisir le fichier de la nouvelle version',
      multiple: false,
      send: async (file, onProgress) => {
        const version = await ctx.api.uploadVersion(doc.id, file, onProgress);
        return { text: `version ${version.number} (${version.fileName})` };
      },
      onBatchDone: (stored) => {
        if (stored === 0) return;
        announce('Nouvelle version enregistrée.');
        ctx.refresh();
      },
    }),
  );
}

function editDialog(ctx: ViewContext, doc: GedDocument, folders: DocumentFolder[], types: DocumentType[]): void {
  const typeChoices = [{ value: '', label: 'Aucun type' }, ...types.map((t) => ({ value: t.code, label: t.label }))];
  const folderChoices = [
    { value: '', label: 'Aucun (racine de la bibliothèque)' },
    ...flattenFolderTree(buildFolderTree(folders)).map((f) => ({ value: f.folder.id, label: f.path })),
  ];
  openFormDialog({
    title: `Modifier les informations de « ${doc.title} »`,
    fields: [
      { name: 'title', label: 'Titre', required: true, maxlength: 200, value: doc.title },
      { name: 'description', label: 'Description', multiline: true, maxlength: 2000, value: doc.description ?? '' },
      { name: 'type', label: 'Type de document', options: typeChoices, value: doc.type ?? '' },
      { name: 'tags', label: 'Étiquettes', maxlength: 900, value: doc.tags.join(', '), hint: 'Séparées par des virgules.' },
      { name: 'folderId', label: 'Dossier', options: folderChoices, value: doc.folderId ?? '' },
    ],
    confirmLabel: 'Enregistrer',
    action: async (v) => {
      await ctx.api.describeDocument(doc.id, {
        title: v.title,
        description: v.description || null,
        type: v.type || null,
        tags: parseTags(v.tags),
        folderId: v.folderId || null,
      });
      announce('Informations du document enregistrées.');
      ctx.refresh();
    },
  });
}

function trashDialog(ctx: ViewContext, doc: GedDocument): void {
  openFormDialog({
    title: `Mettre « ${doc.title} » à la corbeille ?`,
    description: 'Le document n’apparaîtra plus dans la bibliothèque ni dans les recherches. Il reste restaurable depuis la corbeille pendant 30 jours.',
    fields: [],
    confirmLabel: 'Mettre à la corbeille',
    danger: true,
    action: async () => {
      await ctx.api.trashDocument(doc.id);
      announce(`« ${doc.title} » a été mis à la corbeille.`);
      ctx.navigate(doc.folderId ? `/documents/dossiers/${encodeURIComponent(doc.folderId)}` : '/documents');
    },
  });
}
