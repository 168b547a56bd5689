import { ApiError, type GedDocument } from '../api';
import { h } from '../dom';
import { formatBytes, formatDateTime } from '../format';
import type { ViewContext } from './context';
import { downloadButton, gedPage, personName } from './documentParts';

const GONE = 'Ce lien de partage n’existe pas, a expiré ou a été révoqué.';

/** What a colleague sees when opening a share link: the document's title, the shared version, a download. */
export async function sharedDocumentView(ctx: ViewContext, params: Record<string, string>): Promise<HTMLElement[]> {
  return gedPage(ctx.me, 'Document partagé', async () => {
    let doc: GedDocument;
    try {
      doc = await ctx.api.sharedDocument(params.token);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 410)) return linkGone();
      throw e;
    }
    // the API gives only the version the link opens (the current one, or the one the link pins)
    const version = doc.versions[0];
    return [
      h('p', { class: 'breadcrumb' }, 'Document partagé avec vous'),
      h('h1', { tabindex: '-1' }, doc.title),
      doc.description ? h('p', { class: 'lead' }, doc.description) : null,
      version
        ? h(
            'dl',
            { class: 'facts' },
            h('dt', {}, 'Fichier'),
            h('dd', {}, version.fileName),
            h('dt', {}, 'Version'),
            h('dd', {}, String(version.number)),
            h('dt', {}, 'Taille'),
            h('dd', {}, formatBytes(version.size)),
            h('dt', {}, 'Déposée le'),
            h('dd', {}, `${formatDateTime(version.createdAt)} par ${personName(version.createdBy)}`),
          )
        : null,
      h(
        'div',
        { class: 'actions' },
        downloadButton('Télécharger le document', version?.fileName ?? doc.title, () => ctx.api.downloadShared(params.token)),
        h('a', { href: `/documents/${encodeURIComponent(doc.id)}`, 'data-link': true, class: 'button secondary small' }, 'Voir la fiche du document'),
      ),
    ];
  });
}

function linkGone(): HTMLElement[] {
  return [
    h('h1', { tabindex: '-1' }, 'Lien de partage indisponible'),
    h('div', { class: 'alert alert-error', role: 'alert' }, GONE),
    h('p', {}, 'Demandez un nouveau lien à la personne qui vous l’a transmis, ou cherchez le document dans la ', h('a', { href: '/documents', 'data-link': true }, 'bibliothèque'), '.'),
  ];
}
