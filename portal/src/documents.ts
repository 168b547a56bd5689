// Pure logic of the GED pages (document management): folder tree, search excerpts, query strings, file names of
// downloads, French labels. No network, no page state: unit-tested in documents.test.ts.
import type { DocumentFolder, ExtractionStatus, SearchQuery } from './api';
import { h } from './dom';
import { formatInteger } from './format';

export interface FolderNode {
  folder: DocumentFolder;
  children: FolderNode[];
}

const byName = (a: FolderNode, b: FolderNode) => a.folder.name.localeCompare(b.folder.name, 'fr', { sensitivity: 'base', numeric: true });

/**
 * The tree of the API's flat folder list, children sorted by name. A folder whose parent is unknown, or that sits in
 * a loop of parents (never expected, but the page must still show it), is shown at the root.
 */
export function buildFolderTree(folders: DocumentFolder[]): FolderNode[] {
  const nodes = new Map(folders.map((f) => [f.id, { folder: f, children: [] as FolderNode[] }]));
  const roots: FolderNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.folder.parentId ? nodes.get(node.folder.parentId) : undefined;
    if (parent && !inLoop(node.folder, nodes)) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: FolderNode[]) => {
    list.sort(byName);
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

function inLoop(folder: DocumentFolder, nodes: Map<string, FolderNode>): boolean {
  const seen = new Set([folder.id]);
  for (let id = folder.parentId; id; id = nodes.get(id)?.folder.parentId) {
    if (seen.has(id)) return true;
    seen.add(id);
  }
  return false;
}

export interface FlatFolder {
  folder: DocumentFolder;
  /** "Conseil municipal › 2026": the names from the root. */
  path: string;
  depth: number;
}

/** The tree in display order, each folder with its path from the root (for select lists). */
export function flattenFolderTree(tree: FolderNode[], parentPath = '', depth = 0): FlatFolder[] {
  return tree.flatMap((node) => {
    const path = parentPath ? `${parentPath} › ${node.folder.name}` : node.folder.name;
    return [{ folder: node.folder, path, depth }, ...flattenFolderTree(node.children, path, depth + 1)];
  });
}

/**
 * A search excerpt as DOM nodes: the API alternates plain passages and matches (odd positions), which are wrapped in
 * <mark>. Only text nodes are created, so a passage can never inject markup.
 */
export function excerptNodes(segments: readonly string[] | null | undefined): Node[] {
  return (segments ?? [])
    .map((text, i) => (i % 2 === 1 ? h('mark', {}, text) : document.createTextNode(text)))
    .filter((node) => node.textContent !== '');
}

/** "budget, Conseil ,, école" → ["budget", "Conseil", "école"] (the server normalizes case and duplicates). */
export function parseTags(text: string): string[] {
  return text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

/** `?folder=…&type=…&tag=a&tag=b`, empty values left out; "" when nothing is set. */
export function queryString(params: Record<string, string | number | readonly string[] | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) if (v !== undefined && v !== null && String(v).trim() !== '') query.append(name, String(v).trim());
  }
  const s = query.toString();
  return s ? `?${s}` : '';
}

export interface UploadOptions {
  folder?: string | null;
  type?: string | null;
  tags?: readonly string[];
}

/** Path (under /api/v1) of the upload of a new document: options travel as query parameters, one `tag` per tag. */
export function uploadPath(options: UploadOptions = {}): string {
  return `/documents${queryString({ folder: options.folder, type: options.type, tag: options.tags })}`;
}

/** Path (under /api/v1) of a search; `page` is 0-based as in the API. */
export function searchPath(query: SearchQuery): string {
  return `/documents${queryString({ ...query })}`;
}

/**
 * The file name of a download's Content-Disposition: `filename*=UTF-8''…` (RFC 6266/8187, preferred) or
 * `filename="…"`; null if none. Path separators are replaced, as the name becomes a local file's name.
 */
export function fileNameFromContentDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([\w!#$%&+^`{}~-]+)'[^']*'([^;\s]+)/i.exec(header);
  if (extended) {
    const decoded = decodeExtended(extended[1], extended[2]);
    if (decoded) return safeName(decoded);
  }
  const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
  if (quoted) return safeName(quoted[1].replace(/\\(.)/g, '$1'));
  const token = /filename\s*=\s*([^;\s"]+)/i.exec(header);
  return token ? safeName(token[1]) : null;
}

function decodeExtended(charset: string, value: string): string | null {
  try {
    if (charset.toLowerCase() === 'utf-8') return decodeURIComponent(value);
    // ISO-8859-1: each %XX is one character
    return value.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  } catch {
    return null;
  }
}

function safeName(name: string): string | null {
  const cleaned = name.replace(/[/\\]/g, '_').trim();
  return cleaned ? cleaned : null;
}

/** What a version's text extraction means for the agent. */
export function extractionLabel(status: ExtractionStatus | string, error?: string | null): string {
  switch (status) {
    case 'DONE':
      return 'Texte extrait';
    case 'PENDING':
    case 'RUNNING':
      return 'Extraction en cours';
    case 'FAILED':
      return error ? `Échec de l'extraction : ${error}` : "Échec de l'extraction";
    case 'SKIPPED':
      return error ? `Texte non extrait : ${error}` : 'Texte non extrait';
    default:
      return status;
  }
}

/** "Aucun document trouvé", "1 document trouvé", "1 234 documents trouvés". */
export function resultCountText(total: number, exact = true): string {
  if (total === 0) return 'Aucun document trouvé';
  if (!exact) return `Plus de ${formatInteger(total)} documents trouvés`;
  return total === 1 ? '1 document trouvé' : `${formatInteger(total)} documents trouvés`;
}

/** Number of pages of `total` results shown `size` at a time (at least 1). */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/** The 0-based page of a page's URL (`?page=3` is the third page, the API's page 2). */
export function pageIndexOf(query: URLSearchParams): number {
  const n = Number.parseInt(query.get('page') ?? '', 10);
  return Number.isFinite(n) && n > 1 ? Math.min(n, 10_000) - 1 : 0;
}

/** The portal address of a share link, to give to a colleague. */
export function shareUrl(origin: string, token: string): string {
  return `${origin}/documents/partage/${encodeURIComponent(token)}`;
}
