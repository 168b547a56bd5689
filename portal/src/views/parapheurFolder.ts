import type { FolderDetail, FolderEvent, FolderStep, MyAction, StampPosition } from '../api';
import { h } from '../dom';
import { formatDateTime, todayIso } from '../format';
import { EVENT_ACTION, STEP_KIND, actionVerb, assigneeText, groupByStage, labelOf, onBehalfText, stageTitle } from '../parapheur';
import type { ViewContext } from './context';
import { downloadButton, personName, tableRegion } from './documentParts';
import { dueCell } from './parapheurInbox';
import { factList, folderStatusBadge, parapheurNav, parapheurPage, showProblem, stepStatusBadge } from './parapheurParts';

const TITLE = 'Dossier du parapheur';

/** What an action did, re-rendered from the detail the API returns. */
type Done = (detail: FolderDetail, message: string) => void;

/**
 * A folder: its facts, the circuit's steps by stage, the history, and what the person can do now (visa or signature,
 * refusal, withdrawal). After an action the page is re-rendered from the returned detail and the outcome is shown in
 * a status message that receives the focus.
 */
export async function parapheurFolderView(ctx: ViewContext, params: Record<string, string>): Promise<HTMLElement[]> {
  return parapheurPage(ctx.me, TITLE, async () => {
    const detail = await ctx.api.parapheurFolder(params.id);
    const result = h('div', { id: 'dossier-resultat', class: 'action-result', role: 'status', tabindex: '-1' });
    const body = h('div', { class: 'folder-body' });
    const done: Done = (d, message) => {
      body.replaceChildren(...folderBody(ctx, d, done));
      result.textContent = message;
      result.focus();
      ctx.refreshInboxCount();
    };
    body.replaceChildren(...folderBody(ctx, detail, done));
    return [
      h('p', { class: 'breadcrumb' }, h('a', { href: '/parapheur', 'data-link': true }, 'Mon parapheur'), ` › ${detail.folder.title}`),
      h('h1', { tabindex: '-1' }, detail.folder.title),
      parapheurNav(ctx.me, null),
      result,
      body,
    ];
  });
}

function folderBody(ctx: ViewContext, d: FolderDetail, done: Done): HTMLElement[] {
  const f = d.folder;
  const overdue = f.status === 'IN_PROGRESS' && !!f.dueDate && f.dueDate < todayIso();
  const documentHref = `/documents/${encodeURIComponent(f.documentId)}`;
  const elements: (HTMLElement | null)[] = [
    h('h2', {}, 'Informations'),
    factList([
      ['Statut', folderStatusBadge(f.status)],
      ['Circuit', f.templateName],
      ['Déposé par', personName(f.submitterUsername, f.submitterName)],
      ['Déposé le', formatDateTime(f.createdAt)],
      ['Échéance', h('span', {}, dueCell(f.dueDate, overdue))],
      ['Message', f.message?.trim() ? h('span', { class: 'folder-message' }, f.message) : '—'],
      ['Document', h('a', { href: documentHref, 'data-link': true }, 'Ouvrir le document dans la GED')],
      ['Version soumise', String(f.submittedVersion)],
      ['Version de travail', String(f.workingVersion)],
      ['Signatures apposées', String(f.signatures)],
      ['Clos le', f.closedAt ? formatDateTime(f.closedAt) : null],
    ]),
    h(
      'div',
      { class: 'actions' },
      downloadButton(`Télécharger le document (version ${f.workingVersion})`, `${f.title}.pdf`, () => ctx.api.downloadDocument(f.documentId, f.workingVersion)),
    ),
    d.myActions.length > 0 || d.canWithdraw ? actionSection(ctx, d, done) : null,
    h('h2', {}, 'Étapes du circuit'),
    stepsTable(d),
    h('h2', {}, 'Historique'),
    historyTable(d.history),
  ];
  return elements.filter((e): e is HTMLElement => e !== null);
}

// ---- actions

function actionSection(ctx: ViewContext, d: FolderDetail, done: Done): HTMLElement {
  return h(
    'section',
    { class: 'action-area', 'aria-labelledby': 'votre-action-titre' },
    h('h2', { id: 'votre-action-titre' }, 'Votre action'),
    d.myActions.map((a, i) => actionPanel(ctx, d, a, d.myActions.length > 1 ? `action-${i + 1}` : 'action', done)),
    d.canWithdraw ? withdrawPanel(ctx, d, done) : null,
  );
}

function textArea(id: string, label: string, attrs: Record<string, string | number | boolean | undefined> = {}, hint?: string): { field: HTMLElement; input: HTMLTextAreaElement } {
  const input = h('textarea', { id, name: id, rows: 3, maxlength: 2000, 'aria-describedby': hint ? `${id}-aide` : undefined, ...attrs });
  return { input, field: h('div', { class: 'field wide' }, h('label', { for: id }, label), hint ? h('p', { class: 'hint', id: `${id}-aide` }, hint) : null, input) };
}

function actionPanel(ctx: ViewContext, d: FolderDetail, action: MyAction, id: string, done: Done): HTMLElement {
  const signature = action.kind === 'SIGNATURE';
  const verb = actionVerb(action.kind);
  const delegation = onBehalfText(action.onBehalfOfName);
  const heading = `${labelOf(STEP_KIND, action.kind)}${action.label ? ` — ${action.label}` : ''}${delegation ? ` (${delegation})` : ''}`;
  const busy = h('p', { class: 'busy-status', role: 'status' });
  const buttons: HTMLButtonElement[] = [];
  const setBusy = (on: boolean, text = '') => {
    buttons.forEach((b) => {
      b.disabled = on;
      if (on) b.setAttribute('aria-busy', 'true');
      else b.removeAttribute('aria-busy');
    });
    busy.textContent = text;
  };

  // visa or signature
  const comment = textArea(`${id}-commentaire`, 'Commentaire (facultatif)');
  const position = signature ? positionFields(id) : null;
  const approveError = h('div', { class: 'alert alert-error', role: 'alert', hidden: true });
  const approve = h('button', { type: 'submit', class: 'button' }, verb);
  buttons.push(approve);
  const approveForm = h(
    'form',
    { class: 'action-form' },
    signature
      ? h('p', {}, 'La signature électronique (PAdES) est apposée en bas de la dernière page du document ; le PDF signé devient une nouvelle version du document dans la GED.')
      : h('p', {}, 'Votre visa autorise le passage du dossier à l’étape suivante du circuit.'),
    comment.field,
    position?.element ?? null,
    approveError,
    h('div', { class: 'actions' }, approve),
  );
  approveForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    approveError.hidden = true;
    let stamp: StampPosition | undefined;
    if (position) {
      const read = position.read();
      if (typeof read === 'string') {
        approveError.replaceChildren(read);
        approveError.hidden = false;
        return;
      }
      stamp = read;
    }
    setBusy(true, signature ? 'Signature en cours, veuillez patienter…' : 'Visa en cours…');
    try {
      const c = comment.input.value.trim() || undefined;
      const next = signature ? await ctx.api.signFolder(d.folder.id, action.stepId, c, stamp) : await ctx.api.approveFolder(d.folder.id, action.stepId, c);
      done(next, outcomeOf(next, signature ? 'signed' : 'approved', action.stepId));
    } catch (err) {
      setBusy(false);
      showProblem(approveError, err);
    }
  });

  // refusal: a reason is mandatory
  const reason = textArea(`${id}-motif`, 'Motif du refus', { required: true, 'aria-required': 'true' }, 'Obligatoire. Le motif est communiqué à la personne qui a déposé le dossier.');
  const reasonError = h('p', { class: 'field-error', id: `${id}-motif-erreur`, hidden: true });
  reason.field.append(reasonError);
  const rejectError = h('div', { class: 'alert alert-error', role: 'alert', hidden: true });
  const reject = h('button', { type: 'submit', class: 'button danger' }, 'Refuser');
  buttons.push(reject);
  const rejectForm = h('form', { class: 'action-form reject-form', novalidate: true }, reason.field, rejectError, h('div', { class: 'actions' }, reject));
  const clearReasonError = () => {
    reasonError.hidden = true;
    reason.input.removeAttribute('aria-invalid');
    reason.input.setAttribute('aria-describedby', `${id}-motif-aide`);
  };
  reason.input.addEventListener('input', clearReasonError);
  rejectForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    rejectError.hidden = true;
    const text = reason.input.value.trim();
    if (!text) {
      reasonError.textContent = 'Indiquez le motif du refus.';
      reasonError.hidden = false;
      reason.input.setAttribute('aria-invalid', 'true');
      reason.input.setAttribute('aria-describedby', `${id}-motif-erreur ${id}-motif-aide`);
      reason.input.focus();
      return;
    }
    clearReasonError();
    setBusy(true, 'Refus en cours…');
    try {
      const next = await ctx.api.rejectFolder(d.folder.id, text, action.stepId);
      done(next, outcomeOf(next, 'rejected', action.stepId));
    } catch (err) {
      setBusy(false);
      showProblem(rejectError, err);
    }
  });

  return h(
    'section',
    { class: 'action-panel', 'aria-labelledby': `${id}-titre` },
    h('h3', { id: `${id}-titre` }, heading),
    approveForm,
    h('h4', {}, 'Ou refuser le dossier'),
    rejectForm,
    busy,
  );
}

/** The optional custom stamp position: page, x and y in points from the page's top-left corner. */
function positionFields(id: string): { element: HTMLElement; read: () => StampPosition | undefined | string } {
  const number = (name: string, label: string, min: number) => {
    const inputId = `${id}-position-${name}`;
    const input = h('input', { id: inputId, name, type: 'number', min, step: name === 'page' ? 1 : 'any', inputmode: 'decimal', class: 'short' });
    return { input, field: h('div', { class: 'field' }, h('label', { for: inputId }, label), input) };
  };
  const page = number('page', 'Page', 1);
  const x = number('x', 'Abscisse x (points)', 0);
  const y = number('y', 'Ordonnée y (points)', 0);
  const element = h(
    'details',
    { class: 'stamp-position' },
    h('summary', {}, 'Position personnalisée de la signature (facultatif)'),
    h('p', { class: 'hint' }, 'Par défaut, le tampon de signature est placé en bas de la dernière page. Les coordonnées sont en points (1 point = 1/72 de pouce) depuis le coin supérieur gauche de la page ; laissez la page vide pour la dernière.'),
    h('div', { class: 'position-fields' }, page.field, x.field, y.field),
  );
  return {
    element,
    read: () => {
      const [p, xs, ys] = [page.input.value.trim(), x.input.value.trim(), y.input.value.trim()];
      if (!p && !xs && !ys) return undefined;
      if (!xs || !ys) return 'Pour une position personnalisée, indiquez l’abscisse x et l’ordonnée y du tampon.';
      const values = [Number(p || 0), Number(xs), Number(ys)];
      if (values.some((v) => !Number.isFinite(v) || v < 0)) return 'La page et les coordonnées doivent être des nombres positifs.';
      return { page: Math.floor(values[0]), x: values[1], y: values[2] };
    },
  };
}

/** The sentence that tells what an action did. */
function outcomeOf(d: FolderDetail, action: 'approved' | 'signed' | 'rejected', stepId: string): string {
  const step = d.steps.find((s) => s.id === stepId);
  const end = d.folder.status === 'APPROVED' ? ' Le circuit est terminé : le dossier est approuvé.' : '';
  switch (action) {
    case 'approved':
      return `Vous avez visé le dossier.${end}`;
    case 'signed': {
      const level = step?.signatureLevel ? ` (${step.signatureLevel})` : '';
      const version = step?.producedVersion ? ` Le document signé est la version ${step.producedVersion} dans la GED.` : '';
      return `Vous avez signé le document${level}.${version}${end}`;
    }
    case 'rejected':
      return 'Vous avez refusé le dossier. La personne qui l’a déposé en est informée.';
  }
}

function withdrawPanel(ctx: ViewContext, d: FolderDetail, done: Done): HTMLElement {
  const reason = textArea('retrait-motif', 'Motif du retrait (facultatif)');
  const error = h('div', { class: 'alert alert-error', role: 'alert', hidden: true });
  const withdraw = h('button', { type: 'submit', class: 'button danger' }, 'Retirer le dossier');
  const form = h('form', { class: 'action-form' }, reason.field, error, h('div', { class: 'actions' }, withdraw));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    withdraw.disabled = true;
    withdraw.setAttribute('aria-busy', 'true');
    try {
      const next = await ctx.api.withdrawFolder(d.folder.id, reason.input.value.trim() || undefined);
      done(next, 'Le dossier a été retiré du circuit.');
    } catch (err) {
      withdraw.disabled = false;
      withdraw.removeAttribute('aria-busy');
      showProblem(error, err);
    }
  });
  return h(
    'section',
    { class: 'action-panel', 'aria-labelledby': 'retrait-titre' },
    h('h3', { id: 'retrait-titre' }, 'Retrait du dossier'),
    h('p', {}, 'Vous avez déposé ce dossier et aucune signature n’y a encore été apposée : vous pouvez le retirer du circuit. Les intervenants n’auront plus à le traiter.'),
    form,
  );
}

// ---- steps and history

const STEP_HEADERS = ['Assigné à', 'Type', 'Qualité', 'Statut', 'Traité par', 'Le', 'Commentaire', 'Certificat'];

function stepsTable(d: FolderDetail): HTMLElement {
  if (d.steps.length === 0) return h('p', { class: 'empty' }, 'Ce circuit ne comporte aucune étape.');
  const groups = groupByStage(d.steps);
  const current = d.folder.status === 'IN_PROGRESS' ? d.folder.currentStage : null;
  return h(
    'div',
    { class: 'table-wrapper', tabindex: '0', role: 'region', 'aria-label': 'Étapes du circuit' },
    h(
      'table',
      { class: 'table steps-table' },
      h('caption', {}, `${groups.length} étape(s), ${d.steps.length} intervenant(s) ; les intervenants d’une même étape agissent en parallèle`),
      h('thead', {}, h('tr', {}, STEP_HEADERS.map((c) => h('th', { scope: 'col' }, c)))),
      groups.map((g) =>
        h(
          'tbody',
          { class: g.stage === current ? 'current-stage' : undefined },
          h('tr', { class: 'stage-row' }, h('th', { scope: 'rowgroup', colspan: STEP_HEADERS.length }, stageTitle(g), g.stage === current ? ' — étape en cours' : '')),
          g.steps.map(stepRow),
        ),
      ),
    ),
  );
}

function stepRow(s: FolderStep): HTMLTableRowElement {
  const delegation = onBehalfText(s.onBehalfOfName);
  const acted = s.actedByName || s.actedByUsername;
  return h(
    'tr',
    {},
    h('th', { scope: 'row' }, assigneeText(s)),
    h('td', {}, labelOf(STEP_KIND, s.kind)),
    h('td', {}, s.label || '—'),
    h('td', {}, stepStatusBadge(s.status)),
    h('td', {}, acted ? [acted, delegation ? h('span', { class: 'meta delegation' }, ` (${delegation})`) : ''] : '—'),
    h('td', {}, formatDateTime(s.actedAt)),
    h('td', { class: 'comment' }, s.comment || '—'),
    h('td', {}, certificateCell(s.certificateSerial, s.certificateSubject, s.signatureLevel, s.producedVersion)),
  );
}

function certificateCell(serial?: string | null, subject?: string | null, level?: string | null, version?: number | null): (Node | string)[] | string {
  if (!serial && !subject && !level && !version) return '—';
  return [
    serial ? h('span', { class: 'cert-line' }, 'N° de série : ', h('code', { class: 'hash' }, serial)) : '',
    subject ? h('span', { class: 'cert-line' }, subject) : '',
    level ? h('span', { class: 'cert-line' }, `Niveau : ${level}`) : '',
    version ? h('span', { class: 'cert-line' }, `Version produite : ${version}`) : '',
  ];
}

function historyTable(history: FolderEvent[]): HTMLElement {
  if (history.length === 0) return h('p', { class: 'empty' }, 'Aucun événement.');
  const sorted = [...history].sort((a, b) => a.at.localeCompare(b.at));
  return tableRegion('Historique du dossier', `${sorted.length} événement(s), du plus ancien au plus récent`, ['Date', 'Action', 'Par', 'Commentaire', 'Certificat', 'Version du document'], sorted.map(historyRow));
}

function historyRow(e: FolderEvent): HTMLTableRowElement {
  const delegation = onBehalfText(e.onBehalfOfName);
  const actor = e.actorName || e.actorUsername;
  return h(
    'tr',
    {},
    h('th', { scope: 'row' }, formatDateTime(e.at)),
    h('td', {}, h('span', { class: `event event-${e.action}` }, labelOf(EVENT_ACTION, e.action))),
    h('td', {}, actor ? [actor, delegation ? h('span', { class: 'meta delegation' }, ` (${delegation})`) : ''] : e.action === 'completed' ? 'Plateforme' : '—'),
    h('td', { class: 'comment' }, e.comment || '—'),
    h('td', {}, certificateCell(e.certificateSerial, e.certificateSubject)),
    h('td', { class: 'number' }, e.documentVersion ? String(e.documentVersion) : '—'),
  );
}
