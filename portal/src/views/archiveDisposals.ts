import {
  approvalFor,
  approvalText,
  canReject,
  disposalSummary,
  disposalVolume,
  isArchiveAdmin,
  retentionEndText,
  type ArchiveUnit,
  type DisposalProposal,
} from '../archive';
import { announce, h, srOnly } from '../dom';
import { formatBytes, formatDate, formatDateTime, todayIso } from '../format';
import type { ViewContext } from './context';
import { downloadButton, tableRegion } from './documentParts';
import { busy, sectionStatus, setNotice, takeNotice } from './leaveParts';
import { factList } from './parapheurParts';
import { alertRegion, archiveNav, archivePage, disposalHref, disposalStatusBadge, showArchiveProblem, unitHref } from './archiveParts';

const TITLE = 'Éliminations';
const PROPOSAL_TITLE = "Proposition d'élimination";

/** "Proposition du 02/12/2026". */
const proposalName = (p: DisposalProposal) => `Proposition du ${formatDate(p.createdAt.slice(0, 10))}`;

/**
 * The destructions: the units whose retention has ended and whose final action is destruction (the administrator
 * selects some and proposes their destruction), and the proposals with their approvals.
 */
export async function archiveDisposalsView(ctx: ViewContext): Promise<HTMLElement[]> {
  return archivePage(ctx.me, TITLE, async () => {
    const [eligible, proposals] = await Promise.all([ctx.api.archive.eligible(), ctx.api.archive.disposals()]);
    return [
      h('p', { class: 'breadcrumb' }, h('a', { href: '/archives', 'data-link': true }, 'Archives'), ` › ${TITLE}`),
      h('h1', { tabindex: '-1' }, TITLE),
      archiveNav(ctx.me, 'eliminations'),
      h(
        'p',
        { class: 'lead' },
        'Une unité dont la durée d’utilité administrative est échue et dont le sort final est la destruction peut être proposée à l’élimination. La destruction n’a lieu qu’après deux approbations, par deux personnes différentes : celle de la commune (administrateur) et celle de l’autorité d’archives.',
      ),
      eligibleSection(ctx, eligible),
      proposalsSection(proposals),
    ];
  });
}

function eligibleSection(ctx: ViewContext, units: ArchiveUnit[]): HTMLElement {
  const admin = isArchiveAdmin(ctx.me);
  const section = h('section', { 'aria-labelledby': 'eligibles-titre' }, h('h2', { id: 'eligibles-titre' }, 'Unités éligibles à l’élimination'));
  if (units.length === 0) {
    section.append(h('p', { class: 'empty' }, 'Aucune unité n’est éligible à l’élimination pour le moment.'));
    return section;
  }
  const today = todayIso();
  const boxes: HTMLInputElement[] = [];
  const rows = units.map((u) => {
    const box = h('input', { type: 'checkbox', id: `eligible-${u.id}`, name: 'unitIds', value: u.id });
    boxes.push(box);
    return h(
      'tr',
      {},
      admin ? h('td', { class: 'select-cell' }, box, h('label', { for: box.id, class: 'sr-only' }, `Sélectionner ${u.reference}`)) : null,
      h('th', { scope: 'row' }, h('span', { class: 'reference' }, u.reference)),
      h('td', {}, h('a', { href: unitHref(u.id), 'data-link': true }, u.title)),
      h('td', {}, u.ruleLabel || u.ruleCode),
      h('td', {}, retentionEndText(u, today)),
      h('td', { class: 'number' }, formatBytes(u.totalBytes)),
    );
  });
  const table = tableRegion(
    'Tableau des unités éligibles à l’élimination',
    `${units.length === 1 ? '1 unité éligible' : `${units.length} unités éligibles`}${admin ? ' ; cochez celles à proposer' : ''}`,
    [...(admin ? ['Sélection'] : []), 'Référence', 'Intitulé', 'Règle', 'Fin de DUA', 'Volume'],
    rows,
  );
  if (!admin) {
    section.append(table, h('p', { class: 'hint' }, 'Seul l’administrateur de la commune propose les éliminations.'));
    return section;
  }

  const comment = h('textarea', { id: 'proposition-commentaire', name: 'comment', rows: 3, maxlength: 2000 });
  const selectionError = h('p', { class: 'field-error', id: 'proposition-selection-erreur', role: 'alert', hidden: true });
  const refusal = alertRegion('proposition-refus');
  const submit = h('button', { type: 'submit', class: 'button danger' }, 'Proposer l’élimination');
  const all = h('button', { type: 'button', class: 'button secondary small' }, 'Tout sélectionner');
  all.addEventListener('click', () => {
    const check = boxes.some((b) => !b.checked);
    boxes.forEach((b) => (b.checked = check));
    all.textContent = check ? 'Tout désélectionner' : 'Tout sélectionner';
    announce(check ? `${boxes.length} unité(s) sélectionnée(s).` : 'Aucune unité sélectionnée.');
  });
  boxes.forEach((b) => b.addEventListener('change', () => (selectionError.hidden = true)));
  const form = h(
    'form',
    { class: 'disposal-form', novalidate: true, 'aria-labelledby': 'eligibles-titre' },
    h('div', { class: 'actions' }, all),
    table,
    selectionError,
    h('div', { class: 'field wide' }, h('label', { for: comment.id }, 'Commentaire (facultatif)'), comment),
    refusal,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    refusal.hidden = true;
    const ids = boxes.filter((b) => b.checked).map((b) => b.value);
    if (ids.length === 0) {
      selectionError.textContent = 'Sélectionnez au moins une unité à proposer.';
      selectionError.hidden = false;
      boxes[0].focus();
      return;
    }
    busy(submit, true);
    try {
      const created = await ctx.api.archive.propose(ids, comment.value);
      setNotice(disposalHref(created.id), `Élimination proposée pour ${disposalVolume(created.units, formatBytes)}. Elle attend l’approbation de la commune et celle de l’autorité d’archives.`);
      ctx.navigate(disposalHref(created.id));
    } catch (err) {
      busy(submit, false);
      showArchiveProblem(refusal, err);
      refusal.focus();
    }
  });
  section.append(form);
  return section;
}

function proposalsSection(proposals: DisposalProposal[]): HTMLElement {
  const sorted = [...proposals].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return h(
    'section',
    { 'aria-labelledby': 'propositions-titre' },
    h('h2', { id: 'propositions-titre' }, 'Propositions d’élimination'),
    sorted.length === 0
      ? h('p', { class: 'empty' }, 'Aucune proposition d’élimination.')
      : tableRegion(
          'Tableau des propositions d’élimination',
          sorted.length === 1 ? '1 proposition' : `${sorted.length} propositions, les plus récentes en premier`,
          ['Proposition', 'Statut', 'Unités', 'Proposée par', 'Approbation de la commune', 'Approbation de l’autorité d’archives'],
          sorted.map((p) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, h('a', { href: disposalHref(p.id), 'data-link': true }, proposalName(p), srOnly(` (${formatDateTime(p.createdAt)})`))),
              h('td', {}, disposalStatusBadge(p.status)),
              h('td', {}, disposalVolume(p.units, formatBytes)),
              h('td', {}, p.createdByName || '—'),
              h('td', {}, approvalText(p.communeApprovedByName, p.communeApprovedAt, formatDateTime)),
              h('td', {}, approvalText(p.authorityApprovedByName, p.authorityApprovedAt, formatDateTime)),
            ),
          ),
        ),
  );
}

// ---- a proposal

type Done = (p: DisposalProposal, message: string) => void;

/**
 * A destruction proposal: its units, its approvals and, for the administrator or the archives authority, the
 * approval or the refusal (with a reason). Once destroyed, the destruction certificate (PDF).
 */
export async function archiveDisposalView(ctx: ViewContext, params: Record<string, string>): Promise<HTMLElement[]> {
  return archivePage(ctx.me, PROPOSAL_TITLE, async () => {
    const proposal = await ctx.api.archive.disposal(params.id);
    const status = sectionStatus('proposition-resultat');
    const notice = takeNotice(disposalHref(proposal.id));
    if (notice) status.element.textContent = notice;
    const title = h('h1', { tabindex: '-1' }, `${PROPOSAL_TITLE} — ${proposalName(proposal)}`);
    const body = h('div', { class: 'disposal-body' });
    const done: Done = (p, message) => {
      body.replaceChildren(...proposalBody(ctx, p, done));
      status.say(message);
    };
    body.replaceChildren(...proposalBody(ctx, proposal, done));
    return [
      h('p', { class: 'breadcrumb' }, h('a', { href: '/archives', 'data-link': true }, 'Archives'), ' › ', h('a', { href: '/archives/eliminations', 'data-link': true }, TITLE), ` › ${proposalName(proposal)}`),
      title,
      archiveNav(ctx.me, null),
      status.element,
      body,
    ];
  });
}

function proposalBody(ctx: ViewContext, p: DisposalProposal, done: Done): HTMLElement[] {
  const approval = approvalFor(p, ctx.me);
  const rejectable = canReject(p, ctx.me);
  const today = todayIso();
  const elements: (HTMLElement | null)[] = [
    h('p', { class: 'disposal-summary' }, disposalSummary(p)),
    h('h2', {}, 'Informations'),
    factList([
      ['Statut', disposalStatusBadge(p.status)],
      ['Proposée par', p.createdByName || '—'],
      ['Proposée le', formatDateTime(p.createdAt)],
      ['Commentaire', p.comment?.trim() ? h('span', { class: 'folder-message' }, p.comment) : '—'],
      ['Approbation de la commune', approvalText(p.communeApprovedByName, p.communeApprovedAt, formatDateTime)],
      ['Approbation de l’autorité d’archives', approvalText(p.authorityApprovedByName, p.authorityApprovedAt, formatDateTime)],
      ['Refusée par', p.rejectedAt ? `${p.rejectedByName || '—'}, le ${formatDateTime(p.rejectedAt)}` : null],
      ['Motif du refus', p.rejectionReason?.trim() ? h('span', { class: 'folder-message' }, p.rejectionReason) : null],
      ['Unités détruites le', p.destroyedAt ? formatDateTime(p.destroyedAt) : null],
      ['Volume', disposalVolume(p.units, formatBytes)],
    ]),
    p.status === 'DESTROYED'
      ? h('div', { class: 'actions' }, downloadButton('Télécharger le certificat de destruction (PDF)', `certificat-destruction-${p.id}.pdf`, () => ctx.api.archive.certificate(p.id)))
      : null,
    approval || rejectable ? decisionSection(ctx, p, approval, rejectable, done) : null,
    h('h2', {}, 'Unités proposées'),
    tableRegion(
      'Unités proposées à l’élimination',
      p.units.length === 1 ? '1 unité' : `${p.units.length} unités`,
      ['Référence', 'Intitulé', 'Règle', 'Fin de DUA', 'Volume'],
      p.units.map((u) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, h('span', { class: 'reference' }, u.reference)),
          h('td', {}, h('a', { href: unitHref(u.unitId), 'data-link': true }, u.title)),
          h('td', {}, u.ruleCode),
          h('td', {}, retentionEndText(u, today)),
          h('td', { class: 'number' }, formatBytes(u.totalBytes)),
        ),
      ),
    ),
  ];
  return elements.filter((e): e is HTMLElement => e !== null);
}

function decisionSection(ctx: ViewContext, p: DisposalProposal, approval: 'commune' | 'authority' | null, rejectable: boolean, done: Done): HTMLElement {
  const buttons: HTMLButtonElement[] = [];
  const setAll = (on: boolean) => buttons.forEach((b) => busy(b, on));

  let approveForm: HTMLFormElement | null = null;
  if (approval) {
    const refusal = alertRegion('approbation-refus');
    const approve = h('button', { type: 'submit', class: 'button danger' }, 'Approuver l’élimination');
    buttons.push(approve);
    approveForm = h(
      'form',
      { class: 'action-form' },
      h(
        'p',
        {},
        approval === 'commune'
          ? 'Vous approuvez la destruction au nom de la commune.'
          : 'Vous approuvez la destruction en tant qu’autorité d’archives.',
        ' Une fois les deux approbations données, les unités et leurs fichiers sont détruits définitivement ; seules leurs métadonnées, le journal et le certificat de destruction restent.',
      ),
      refusal,
      h('div', { class: 'actions' }, approve),
    );
    approveForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      refusal.hidden = true;
      setAll(true);
      try {
        const next = await ctx.api.archive.approve(p.id);
        done(
          next,
          next.status === 'DESTROYED'
            ? 'Vous avez approuvé l’élimination : les deux approbations sont réunies, les unités ont été détruites. Le certificat de destruction est disponible.'
            : 'Vous avez approuvé l’élimination. Elle attend encore l’autre approbation.',
        );
      } catch (err) {
        setAll(false);
        showArchiveProblem(refusal, err);
        refusal.focus();
      }
    });
  }

  let rejectForm: HTMLFormElement | null = null;
  if (rejectable) {
    const id = 'refus-motif';
    const hintId = `${id}-aide`;
    const errorId = `${id}-erreur`;
    const reason = h('textarea', { id, name: 'reason', rows: 3, maxlength: 2000, required: true, 'aria-required': 'true', 'aria-describedby': hintId });
    const reasonError = h('p', { class: 'field-error', id: errorId, hidden: true });
    const refusal = alertRegion('refus-refus');
    const reject = h('button', { type: 'submit', class: 'button secondary' }, 'Refuser l’élimination');
    buttons.push(reject);
    const clearError = () => {
      reasonError.hidden = true;
      reason.removeAttribute('aria-invalid');
      reason.setAttribute('aria-describedby', hintId);
    };
    reason.addEventListener('input', clearError);
    rejectForm = h(
      'form',
      { class: 'action-form reject-form', novalidate: true },
      h('div', { class: 'field wide' }, h('label', { for: id }, 'Motif du refus'), h('p', { class: 'hint', id: hintId }, 'Obligatoire. Les unités restent conservées.'), reasonError, reason),
      refusal,
      h('div', { class: 'actions' }, reject),
    );
    rejectForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      refusal.hidden = true;
      const text = reason.value.trim();
      if (!text) {
        reasonError.textContent = 'Indiquez le motif du refus.';
        reasonError.hidden = false;
        reason.setAttribute('aria-invalid', 'true');
        reason.setAttribute('aria-describedby', `${errorId} ${hintId}`);
        reason.focus();
        return;
      }
      clearError();
      setAll(true);
      try {
        const next = await ctx.api.archive.reject(p.id, text);
        done(next, 'Vous avez refusé l’élimination : les unités restent conservées.');
      } catch (err) {
        setAll(false);
        showArchiveProblem(refusal, err);
        refusal.focus();
      }
    });
  }

  return h(
    'section',
    { class: 'action-area', 'aria-labelledby': 'decision-titre' },
    h('h2', { id: 'decision-titre' }, 'Votre décision'),
    approveForm ? h('h3', {}, approval === 'commune' ? 'Approbation de la commune' : 'Approbation de l’autorité d’archives') : null,
    approveForm,
    rejectForm ? h('h3', {}, approveForm ? 'Ou refuser la proposition' : 'Refuser la proposition') : null,
    rejectForm,
  );
}
