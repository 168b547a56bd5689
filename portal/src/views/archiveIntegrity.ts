import type { Tenant } from '../api';
import {
  ALERT_KIND,
  SEAL_KIND,
  auditOutcome,
  chainText,
  labelOf,
  sealsText,
  shortHash,
  verificationOk,
  type FixityRun,
  type IntegrityAlert,
  type JournalSeal,
  type JournalVerification,
} from '../archive';
import { announce, h } from '../dom';
import { formatDate, formatDateTime, formatInteger } from '../format';
import type { ViewContext } from './context';
import { tableRegion } from './documentParts';
import { busy } from './leaveParts';
import { factList } from './parapheurParts';
import { alertRegion, archiveNav, archivePage, auditsTable, showArchiveProblem, unitHref } from './archiveParts';

const TITLE = 'Intégrité des archives';
const SEALS_SHOWN = 10;

/**
 * The commune's proofs of integrity (administrator, elected officials): the journal's verification (its hash chain
 * re-computed, its seals checked against the platform's TSA), the latest fixity audits, the alerts they raised.
 */
export async function archiveIntegrityView(ctx: ViewContext): Promise<HTMLElement[]> {
  return archivePage(ctx.me, TITLE, async () => {
    const [verification, seals, audits, alerts] = await Promise.all([
      ctx.api.archive.verification(),
      ctx.api.archive.seals(),
      ctx.api.archive.fixityAudits(),
      ctx.api.archive.alerts(false),
    ]);
    return [
      h('p', { class: 'breadcrumb' }, h('a', { href: '/archives', 'data-link': true }, 'Archives'), ` › ${TITLE}`),
      h('h1', { tabindex: '-1' }, TITLE),
      archiveNav(ctx.me, 'integrite'),
      h('p', { class: 'lead' }, 'Chaque événement des archives est inscrit dans un journal chaîné par empreintes SHA-256 et scellé chaque jour par l’horodatage de la plateforme ; les fichiers sont relus et comparés à leur empreinte par des audits réguliers.'),
      h(
        'section',
        { 'aria-labelledby': 'journal-titre' },
        h('h2', { id: 'journal-titre' }, 'Journal des archives'),
        verificationPart(verification),
        sealsPart(seals),
      ),
      h('section', { 'aria-labelledby': 'audits-titre' }, h('h2', { id: 'audits-titre' }, 'Audits d’intégrité'), auditsTable('Tableau des audits d’intégrité', audits)),
      h('section', { 'aria-labelledby': 'alertes-titre' }, h('h2', { id: 'alertes-titre' }, 'Alertes d’intégrité'), alertsTable(alerts)),
    ];
  });
}

/** The verification's summary: chain, seals, problems; the words say it, the colour only repeats it. */
function verificationPart(v: JournalVerification): HTMLElement {
  const ok = verificationOk(v);
  return h(
    'div',
    { class: `verification ${ok ? 'verification-ok' : 'verification-ko'}` },
    h('p', { class: 'verification-chain' }, h('strong', {}, chainText(v))),
    h('p', {}, sealsText(v)),
    v.sealProblems.length ? h('ul', { class: 'reasons' }, v.sealProblems.map((p) => h('li', {}, p))) : null,
  );
}

function sealsPart(seals: JournalSeal[]): HTMLElement {
  if (seals.length === 0) return h('p', { class: 'empty' }, 'Le journal n’a pas encore été scellé.');
  const latest = [...seals].sort((a, b) => b.seq - a.seq).slice(0, SEALS_SHOWN);
  return tableRegion(
    'Sceaux du journal',
    seals.length > SEALS_SHOWN ? `Les ${SEALS_SHOWN} derniers sceaux sur ${formatInteger(seals.length)}` : `${seals.length} sceau(x), le plus récent en premier`,
    ['Entrée scellée', 'Type', 'Jour', 'Scellé le', 'Empreinte'],
    latest.map((s) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row', class: 'number' }, String(s.seq)),
        h('td', {}, labelOf(SEAL_KIND, s.kind)),
        h('td', {}, formatDate(s.day)),
        h('td', {}, formatDateTime(s.sealedAt)),
        h('td', {}, h('code', { class: 'hash', title: s.hash }, shortHash(s.hash))),
      ),
    ),
  );
}

function alertsTable(alerts: IntegrityAlert[]): HTMLElement {
  if (alerts.length === 0) return h('p', { class: 'empty' }, 'Aucune alerte : tous les fichiers contrôlés sont intègres.');
  const sorted = [...alerts].sort((a, b) => b.detectedAt.localeCompare(a.detectedAt));
  const open = sorted.filter((a) => !a.resolvedAt).length;
  return tableRegion(
    'Tableau des alertes d’intégrité',
    `${sorted.length} alerte(s), dont ${open} ouverte(s), les plus récentes en premier`,
    ['Détectée le', 'Unité', 'Fichier', 'Nature', 'Détail', 'Suite'],
    sorted.map((a) =>
      h(
        'tr',
        { class: a.resolvedAt ? undefined : 'anomaly-row' },
        h('th', { scope: 'row' }, formatDateTime(a.detectedAt)),
        h('td', {}, h('a', { href: unitHref(a.unitId), 'data-link': true }, unitText(a))),
        h('td', { class: 'file-name' }, a.fileName || '—'),
        h('td', {}, labelOf(ALERT_KIND, a.kind)),
        h('td', {}, a.detail || '—'),
        h('td', {}, a.resolvedAt ? `Résolue le ${formatDateTime(a.resolvedAt)}${a.resolvedBy ? ` par ${a.resolvedBy}` : ''}${a.resolution ? ` : ${a.resolution}` : ''}` : h('strong', {}, 'Ouverte')),
      ),
    ),
  );
}

const unitText = (a: IntegrityAlert) => [a.unitReference, a.unitTitle].filter(Boolean).join(' — ') || a.unitId;

// ---- the DSI's page

/**
 * The DSI's view of every commune's archive: the open integrity alerts, and, for a chosen commune, a fixity audit, a
 * seal of the journal or its verification on demand, with their results.
 */
export async function dsiArchiveView(ctx: ViewContext): Promise<HTMLElement[]> {
  const [tenants, alerts] = await Promise.all([ctx.api.tenants(), ctx.api.archive.alerts(true)]);
  const sorted = [...tenants].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  const nameOf = (insee: string) => tenants.find((t) => t.insee === insee)?.name ?? insee;
  return [
    h('h1', { tabindex: '-1' }, TITLE),
    h('p', { class: 'lead' }, 'Les audits d’intégrité relisent chaque fichier archivé et le comparent à son empreinte SHA-256 ; le journal de chaque commune est chaîné et scellé chaque jour par l’horodatage de la plateforme.'),
    h(
      'section',
      { 'aria-labelledby': 'alertes-dsi-titre' },
      h('h2', { id: 'alertes-dsi-titre' }, 'Alertes ouvertes des communes'),
      alerts.length === 0
        ? h('p', { class: 'empty' }, 'Aucune alerte ouverte : les derniers audits n’ont trouvé aucun fichier altéré ou manquant.')
        : tableRegion(
            'Tableau des alertes ouvertes',
            `${alerts.length} alerte(s) ouverte(s), les plus récentes en premier`,
            ['Commune', 'Unité', 'Fichier', 'Nature', 'Détail', 'Détectée le'],
            [...alerts]
              .sort((a, b) => b.detectedAt.localeCompare(a.detectedAt))
              .map((a) =>
                h(
                  'tr',
                  { class: 'anomaly-row' },
                  h('th', { scope: 'row' }, `${nameOf(a.tenantId)} (${a.tenantId})`),
                  h('td', {}, unitText(a)),
                  h('td', { class: 'file-name' }, a.fileName || '—'),
                  h('td', {}, labelOf(ALERT_KIND, a.kind)),
                  h('td', {}, a.detail || '—'),
                  h('td', {}, formatDateTime(a.detectedAt)),
                ),
              ),
          ),
    ),
    operationsSection(ctx, sorted, nameOf),
  ];
}

function operationsSection(ctx: ViewContext, tenants: Tenant[], nameOf: (insee: string) => string): HTMLElement {
  const commune = h(
    'select',
    { id: 'dsi-commune', name: 'commune', required: true, 'aria-describedby': 'dsi-commune-aide' },
    h('option', { value: '' }, 'Choisissez une commune'),
    tenants.map((t) => h('option', { value: t.insee }, `${t.name} (${t.insee})`)),
  );
  const communeError = h('p', { class: 'field-error', id: 'dsi-commune-erreur', hidden: true });
  const refusal = alertRegion('dsi-refus');
  const result = h('div', { class: 'operation-result', id: 'dsi-resultat' });
  const buttons: HTMLButtonElement[] = [];
  const clearError = () => {
    communeError.hidden = true;
    commune.removeAttribute('aria-invalid');
    commune.setAttribute('aria-describedby', 'dsi-commune-aide');
  };
  commune.addEventListener('change', clearError);

  const operation = (text: string, run: (insee: string, name: string) => Promise<{ title: string; summary: string; content: (HTMLElement | null)[] }>) => {
    const button = h('button', { type: 'button', class: 'button' }, text);
    buttons.push(button);
    button.addEventListener('click', async () => {
      refusal.hidden = true;
      const insee = commune.value;
      if (!insee) {
        communeError.textContent = 'Choisissez la commune.';
        communeError.hidden = false;
        commune.setAttribute('aria-invalid', 'true');
        commune.setAttribute('aria-describedby', 'dsi-commune-erreur dsi-commune-aide');
        commune.focus();
        return;
      }
      clearError();
      buttons.forEach((b) => busy(b, true));
      try {
        const outcome = await run(insee, nameOf(insee));
        const heading = h('h3', { id: 'dsi-resultat-titre', tabindex: '-1' }, outcome.title);
        result.replaceChildren(h('section', { 'aria-labelledby': 'dsi-resultat-titre', class: 'action-area' }, heading, h('p', { class: 'operation-summary' }, h('strong', {}, outcome.summary)), ...outcome.content.filter((c): c is HTMLElement => c !== null)));
        heading.focus();
        announce(`${outcome.title} : ${outcome.summary}`);
      } catch (err) {
        result.replaceChildren();
        showArchiveProblem(refusal, err);
        refusal.focus();
      } finally {
        buttons.forEach((b) => busy(b, false));
      }
    });
    return button;
  };

  const audit = operation('Lancer un audit d\'intégrité', async (insee, name) => {
    const run = await ctx.api.archive.runAudit(insee);
    const runs = await ctx.api.archive.auditsOf(insee).catch(() => [] as FixityRun[]);
    return {
      title: `Audit d’intégrité de ${name}`,
      summary: auditOutcome(run),
      content: [
        factList([
          ['Lancé le', formatDateTime(run.startedAt)],
          ['Terminé le', formatDateTime(run.finishedAt)],
          ['Objets contrôlés', formatInteger(run.checked)],
          ['Intègres', formatInteger(run.intact)],
          ['Altérés', formatInteger(run.altered)],
          ['Manquants', formatInteger(run.missing)],
        ]),
        runs.length ? h('h4', {}, 'Audits récents de la commune') : null,
        runs.length ? auditsTable(`Audits récents de ${name}`, runs) : null,
      ],
    };
  });
  const seal = operation('Sceller le journal', async (insee, name) => {
    const s = await ctx.api.archive.sealJournal(insee);
    return {
      title: `Sceau du journal de ${name}`,
      summary: `Journal scellé à l’entrée n° ${s.seq}.`,
      content: [
        factList([
          ['Entrée scellée', String(s.seq)],
          ['Empreinte de l’entrée', h('code', { class: 'hash' }, s.hash)],
          ['Type', labelOf(SEAL_KIND, s.kind)],
          ['Scellé le', formatDateTime(s.sealedAt)],
        ]),
      ],
    };
  });
  const verify = operation('Vérifier le journal', async (insee, name) => {
    const v = await ctx.api.archive.verifyJournal(insee);
    return {
      title: `Vérification du journal de ${name}`,
      summary: chainText(v),
      content: [verificationPart(v)],
    };
  });

  const form = h(
    'form',
    { class: 'parapheur-form dsi-archive-form', novalidate: true, 'aria-labelledby': 'operations-titre' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'dsi-commune' }, 'Commune'),
      h('p', { class: 'hint', id: 'dsi-commune-aide' }, 'L’opération est inscrite au journal d’audit de la commune.'),
      communeError,
      commune,
    ),
    refusal,
    h('div', { class: 'actions' }, audit, seal, verify),
  );
  // the operations are the buttons' (no implicit submission)
  form.addEventListener('submit', (e) => e.preventDefault());
  return h('section', { 'aria-labelledby': 'operations-titre' }, h('h2', { id: 'operations-titre' }, 'Opérations sur les archives d’une commune'), form, result);
}
