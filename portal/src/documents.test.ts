import type { DocumentFolder } from './api';
import {
  buildFolderTree,
  excerptNodes,
  extractionLabel,
  fileNameFromContentDisposition,
  flattenFolderTree,
  pageCount,
  pageIndexOf,
  parseTags,
  resultCountText,
  searchPath,
  shareUrl,
  uploadPath,
} from './documents';

const folder = (id: string, name: string, parentId: string | null = null): DocumentFolder => ({ id, name, parentId });

describe('folder tree', () => {
  const folders = [
    folder('b', 'Urbanisme'),
    folder('a2', 'Séances 2026', 'a'),
    folder('a', 'Conseil municipal'),
    folder('a1', 'Séances 2025', 'a'),
    folder('a11', 'Délibérations', 'a1'),
  ];

  it('nests the flat list under parents, sorted by name in French', () => {
    const tree = buildFolderTree(folders);
    expect(tree.map((n) => n.folder.name)).toEqual(['Conseil municipal', 'Urbanisme']);
    expect(tree[0].children.map((n) => n.folder.name)).toEqual(['Séances 2025', 'Séances 2026']);
    expect(tree[0].children[0].children.map((n) => n.folder.id)).toEqual(['a11']);
    expect(tree[1].children).toEqual([]);
  });

  it('sorts accents and numbers as people expect', () => {
    const tree = buildFolderTree([folder('1', 'Écoles'), folder('2', 'état civil'), folder('3', 'Dossier 10'), folder('4', 'Dossier 9')]);
    expect(tree.map((n) => n.folder.name)).toEqual(['Dossier 9', 'Dossier 10', 'Écoles', 'état civil']);
  });

  it('shows at the root a folder whose parent is unknown or that sits in a loop', () => {
    const tree = buildFolderTree([folder('x', 'Orphelin', 'disparu'), folder('p', 'P', 'q'), folder('q', 'Q', 'p')]);
    expect(tree.map((n) => n.folder.id).sort()).toEqual(['p', 'q', 'x']);
  });

  it('is empty for no folder', () => {
    expect(buildFolderTree([])).toEqual([]);
  });

  it('flattens in display order with each folder path', () => {
    expect(flattenFolderTree(buildFolderTree(folders)).map((f) => [f.path, f.depth])).toEqual([
      ['Conseil municipal', 0],
      ['Conseil municipal › Séances 2025', 1],
      ['Conseil municipal › Séances 2025 › Délibérations', 2],
      ['Conseil municipal › Séances 2026', 1],
      ['Urbanisme', 0],
    ]);
  });
});

describe('search excerpts', () => {
  const render = (segments: string[] | null | undefined) => {
    const p = document.createElement('p');
    p.append(...excerptNodes(segments));
    return p;
  };

  it('marks the segments at odd positions', () => {
    const p = render(['Compte rendu du conseil d’', 'école', ' ', 'maternelle', ' du 3 mars']);
    expect(p.innerHTML).toBe('Compte rendu du conseil d’<mark>école</mark> <mark>maternelle</mark> du 3 mars');
    expect([...p.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['école', 'maternelle']);
  });

  it('skips empty passages (an excerpt may start with a match)', () => {
    const p = render(['', 'Budget', ' primitif']);
    expect(p.childNodes).toHaveLength(2);
    expect(p.firstChild?.nodeName).toBe('MARK');
  });

  it('never interprets a passage as markup', () => {
    const p = render(['<img src=x onerror=alert(1)>', '<b>gras</b>']);
    expect(p.querySelector('img')).toBeNull();
    expect(p.querySelector('b')).toBeNull();
    expect(p.querySelector('mark')?.textContent).toBe('<b>gras</b>');
  });

  it('renders nothing without an excerpt', () => {
    expect(excerptNodes(null)).toEqual([]);
    expect(excerptNodes(undefined)).toEqual([]);
    expect(excerptNodes([])).toEqual([]);
  });
});

describe('query strings', () => {
  it('builds the upload path with folder, type and one tag parameter per tag', () => {
    expect(uploadPath({ folder: 'f-1', type: 'deliberation', tags: ['budget', 'conseil municipal'] })).toBe(
      '/documents?folder=f-1&type=deliberation&tag=budget&tag=conseil+municipal',
    );
  });

  it('leaves out what is not set', () => {
    expect(uploadPath()).toBe('/documents');
    expect(uploadPath({ folder: null, type: '', tags: [] })).toBe('/documents');
    expect(uploadPath({ tags: ['école & périscolaire'] })).toBe('/documents?tag=%C3%A9cole+%26+p%C3%A9riscolaire');
  });

  it('splits comma-separated tags', () => {
    expect(parseTags(' budget, Conseil municipal ,, école ')).toEqual(['budget', 'Conseil municipal', 'école']);
    expect(parseTags('  ')).toEqual([]);
  });

  it('builds the search path, page included even when 0', () => {
    expect(searchPath({ q: 'école maternelle', type: 'rapport', from: '2026-01-01', page: 0, size: 20 })).toBe(
      '/documents?q=%C3%A9cole+maternelle&type=rapport&from=2026-01-01&page=0&size=20',
    );
    expect(searchPath({ folder: 'f', tag: '' })).toBe('/documents?folder=f');
  });
});

describe('Content-Disposition', () => {
  it('prefers the UTF-8 file name', () => {
    expect(fileNameFromContentDisposition(`attachment; filename="D_lib_ration 2026-045.pdf"; filename*=UTF-8''D%C3%A9lib%C3%A9ration%202026-045.pdf`)).toBe(
      'Délibération 2026-045.pdf',
    );
    expect(fileNameFromContentDisposition(`attachment; filename*=utf-8'fr'%C3%A9t%C3%A9.txt`)).toBe('été.txt');
  });

  it('falls back to the quoted or plain file name', () => {
    expect(fileNameFromContentDisposition('attachment; filename="rapport \\"final\\".pdf"')).toBe('rapport "final".pdf');
    expect(fileNameFromContentDisposition('attachment; filename=rapport.pdf')).toBe('rapport.pdf');
    expect(fileNameFromContentDisposition(`attachment; filename*=UTF-8''%E0%A4%A; filename="secours.pdf"`)).toBe('secours.pdf');
  });

  it('decodes ISO-8859-1 names', () => {
    expect(fileNameFromContentDisposition(`attachment; filename*=ISO-8859-1''%E9t%E9.txt`)).toBe('été.txt');
  });

  it('never gives a path, and null without a name', () => {
    expect(fileNameFromContentDisposition(`attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd`)).toBe('.._.._etc_passwd');
    expect(fileNameFromContentDisposition('attachment')).toBeNull();
    expect(fileNameFromContentDisposition(null)).toBeNull();
  });
});

describe('French labels', () => {
  it('describes text extraction', () => {
    expect(extractionLabel('DONE')).toBe('Texte extrait');
    expect(extractionLabel('PENDING')).toBe('Extraction en cours');
    expect(extractionLabel('RUNNING')).toBe('Extraction en cours');
    expect(extractionLabel('FAILED', 'délai d’extraction dépassé (30 s)')).toBe("Échec de l'extraction : délai d’extraction dépassé (30 s)");
    expect(extractionLabel('SKIPPED', 'fichier trop volumineux pour l’extraction du texte')).toBe('Texte non extrait : fichier trop volumineux pour l’extraction du texte');
    expect(extractionLabel('FAILED', null)).toBe("Échec de l'extraction");
  });

  it('counts results', () => {
    expect(resultCountText(0)).toBe('Aucun document trouvé');
    expect(resultCountText(1)).toBe('1 document trouvé');
    expect(resultCountText(3)).toBe('3 documents trouvés');
    expect(resultCountText(1234)).toBe('1\u00a0234 documents trouvés');
    expect(resultCountText(10000, false)).toBe('Plus de 10\u00a0000 documents trouvés');
  });
});

describe('pages', () => {
  it('counts pages, at least one', () => {
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(20, 20)).toBe(1);
    expect(pageCount(21, 20)).toBe(2);
  });

  it('reads the 1-based page of the address as the API’s 0-based page', () => {
    expect(pageIndexOf(new URLSearchParams('page=3'))).toBe(2);
    expect(pageIndexOf(new URLSearchParams(''))).toBe(0);
    expect(pageIndexOf(new URLSearchParams('page=-4'))).toBe(0);
    expect(pageIndexOf(new URLSearchParams('page=abc'))).toBe(0);
  });
});

describe('share links', () => {
  it('points to the portal page of the share', () => {
    expect(shareUrl('https://metrocloud.strasbourg.eu', 'AbC-123_x')).toBe('https://metrocloud.strasbourg.eu/documents/partage/AbC-123_x');
  });
});
