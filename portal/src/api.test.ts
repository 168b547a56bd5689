import { Api, ApiError, problemFromBody } from './api';

/** Stands in for XMLHttpRequest: records the request; the test answers it. */
class FakeXhr {
  static last: FakeXhr;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  responseText = '';
  responseHeaders: Record<string, string> = {};
  private listeners: Record<string, (() => void)[]> = {};
  private uploadListeners: ((e: Partial<ProgressEvent>) => void)[] = [];
  upload = { addEventListener: (_: string, l: (e: Partial<ProgressEvent>) => void) => this.uploadListeners.push(l) };

  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  addEventListener(type: string, listener: () => void) {
    (this.listeners[type] ??= []).push(listener);
  }
  getResponseHeader(name: string) {
    return this.responseHeaders[name] ?? null;
  }
  send(body: unknown) {
    this.body = body;
  }
  progress(loaded: number, total: number) {
    this.uploadListeners.forEach((l) => l({ lengthComputable: true, loaded, total }));
  }
  answer(status: number, body: unknown, contentType = 'application/json') {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.responseHeaders['Content-Type'] = contentType;
    this.listeners.load?.forEach((l) => l());
  }
  fail() {
    this.listeners.error?.forEach((l) => l());
  }
}

const sent = async () => {
  // the token is awaited before the request opens
  await new Promise((r) => setTimeout(r, 0));
  return FakeXhr.last;
};

describe('uploads', () => {
  beforeEach(() => vi.stubGlobal('XMLHttpRequest', FakeXhr));
  afterEach(() => vi.unstubAllGlobals());

  const api = new Api(async () => 'jeton');

  it('sends the file as the raw body with its type, encoded name and the token, reporting progress', async () => {
    const file = new File(['Bonjour'], 'Délibération n°45.txt', { type: 'text/plain' });
    const progress: number[] = [];
    const result = api.uploadDocument(file, { folder: 'f-1', type: 'rapport', tags: ['budget', 'école'] }, (loaded, total) => progress.push(loaded / total));
    const xhr = await sent();
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/v1/documents?folder=f-1&type=rapport&tag=budget&tag=%C3%A9cole');
    expect(xhr.body).toBe(file);
    expect(xhr.headers).toMatchObject({
      Authorization: 'Bearer jeton',
      'Content-Type': 'text/plain',
      'X-File-Name': 'D%C3%A9lib%C3%A9ration%20n%C2%B045.txt',
    });
    xhr.progress(3, 7);
    xhr.progress(7, 7);
    xhr.answer(201, { id: 'd-1', title: 'Délibération n°45' });
    await expect(result).resolves.toMatchObject({ id: 'd-1' });
    expect(progress).toEqual([3 / 7, 1]);
  });

  it('claims application/octet-stream when the browser does not know the type', async () => {
    const result = api.uploadVersion('d-1', new File(['x'], 'plan.dwg'));
    const xhr = await sent();
    expect(xhr.url).toBe('/api/v1/documents/d-1/versions');
    expect(xhr.headers['Content-Type']).toBe('application/octet-stream');
    xhr.answer(201, { number: 2 });
    await expect(result).resolves.toEqual({ number: 2 });
  });

  it('rejects with the problem document of a refusal', async () => {
    const result = api.uploadDocument(new File(['x'], 'gros.pdf'), {});
    const xhr = await sent();
    xhr.answer(413, { type: 'about:blank', title: 'Quota de stockage dépassé', status: 413, code: 'quota-exceeded', detail: 'Ce fichier dépasserait le quota.' }, 'application/problem+json');
    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem.code).toBe('quota-exceeded');
    expect((error as ApiError).message).toBe('Ce fichier dépasserait le quota.');
  });

  it('explains an interrupted upload', async () => {
    const result = api.uploadDocument(new File(['x'], 'a.txt'), {});
    (await sent()).fail();
    await expect(result).rejects.toThrow(/L’envoi a été interrompu/);
  });
});

describe('downloads', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('fetches the content with the token and takes the file name from Content-Disposition', async () => {
    const fetchMock = vi.fn(
      async () =>
        new Response('%PDF', {
          status: 200,
          headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="_t_.pdf"; filename*=UTF-8''%C3%A9t%C3%A9.pdf` },
        }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const download = await new Api(async () => 'jeton').downloadDocument('d-1', 2);
    expect(fetchMock).toHaveBeenCalledWith('/api/v1/documents/d-1/content?version=2', expect.objectContaining({ method: 'GET', headers: expect.objectContaining({ Authorization: 'Bearer jeton' }) }));
    expect(download.fileName).toBe('été.pdf');
    expect(await download.blob.text()).toBe('%PDF');
  });

  it('rejects with the problem of a shared link that is gone', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ title: 'Introuvable', status: 404, detail: 'Lien introuvable.' }), { status: 404, headers: { 'Content-Type': 'application/problem+json' } }));
    await expect(new Api(async () => null).downloadShared('abc')).rejects.toMatchObject({ status: 404 });
  });
});

describe('problem documents', () => {
  it('reads RFC 9457 bodies and replaces anything else by a generic problem', () => {
    expect(problemFromBody(409, 'application/problem+json', '{"title":"Conflit","status":409,"detail":"Le dossier n\'est pas vide."}').detail).toBe("Le dossier n'est pas vide.");
    expect(problemFromBody(502, 'text/html', '<html>')).toEqual({ title: 'Erreur 502', status: 502, detail: 'Le serveur a répondu 502.' });
    expect(problemFromBody(500, 'application/json', 'pas du JSON').title).toBe('Erreur 500');
  });
});

describe('leave requests and procedures', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends a decision and a cancellation as JSON, leaving an empty reason out', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ id: 'r-1', status: 'APPROVED' }), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchMock);
    const api = new Api(async () => 'jeton');
    await api.decide('t 1', 'approve', '');
    await api.cancelLeave('r-1');
    await api.leaveCalendar('2031-09-01', '2031-09-30');
    const calls = fetchMock.mock.calls as unknown as [string, RequestInit][];
    expect(calls[0][0]).toBe('/api/v1/workflow/tasks/t%201/decision');
    expect(JSON.parse(String(calls[0][1].body))).toEqual({ decision: 'approve' });
    expect(calls[1][0]).toBe('/api/v1/leave/requests/r-1/cancel');
    expect(JSON.parse(String(calls[1][1].body))).toEqual({});
    expect(calls[2][0]).toBe('/api/v1/leave/calendar?from=2031-09-01&to=2031-09-30');
  });

  it('deploys a BPMN variant as the file’s text in application/xml, with its encoded name', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ processKey: 'leaveRequest', version: 2 }), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchMock);
    // jsdom's File has no text()
    const file = Object.assign(new File(['<definitions/>'], 'congés.bpmn'), { text: async () => '<definitions/>' });
    await expect(new Api(async () => 'jeton').deployDefinition('leaveRequest', file)).resolves.toEqual({ processKey: 'leaveRequest', version: 2 });
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/v1/workflow/definitions/leaveRequest',
      expect.objectContaining({
        method: 'PUT',
        body: '<definitions/>',
        headers: expect.objectContaining({ Authorization: 'Bearer jeton', 'Content-Type': 'application/xml', 'X-File-Name': 'cong%C3%A9s.bpmn' }),
      }),
    );
  });

  it('sends an agents’ file as its own bytes in text/csv, its name in the query, and reads the report', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ id: 'i-1', status: 'APPLIED', lines: '2', errors: [] }), { status: 201, headers: { 'Content-Type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchMock);
    // ISO-8859-1 bytes (« é » is 0xE9): sent untouched, never decoded nor re-encoded
    const file = new File([new Uint8Array([0x69, 0x64, 0x3b, 0xe9, 0x0a])], 'agents déc.csv');
    const report = await new Api(async () => 'jeton').integration.importAgents(file, file.name);
    expect(report).toMatchObject({ id: 'i-1', status: 'APPLIED', lines: 2, applied: 0, errors: [] });
    const [url, init] = (fetchMock.mock.calls as unknown as [string, RequestInit][])[0];
    expect(url).toBe('/api/v1/integration/hr/imports?fileName=agents%20d%C3%A9c.csv');
    expect(init.method).toBe('POST');
    expect(init.body).toBe(file);
    expect(init.headers).toEqual({ Accept: 'application/json, application/problem+json', Authorization: 'Bearer jeton', 'Content-Type': 'text/csv' });
  });

  it('turns a refused agents’ file into the problem’s error', async () => {
    vi.stubGlobal('fetch', async () =>
      new Response(JSON.stringify({ title: 'Fichier illisible', status: 422, code: 'missing-columns', detail: 'Colonnes obligatoires absentes : courriel.' }), {
        status: 422,
        headers: { 'Content-Type': 'application/problem+json' },
      }),
    );
    const error = await new Api(async () => 'jeton').integration.importAgents(new File(['x'], 'a.csv'), 'a.csv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem).toMatchObject({ status: 422, code: 'missing-columns', title: 'Fichier illisible' });
    expect((error as ApiError).message).toBe('Colonnes obligatoires absentes : courriel.');
  });
});
