import type { ChainReport, Tenant } from '../api';
import { announce, h } from '../dom';
import { SUBSCRIPTION_STATUS, TENANT_STATUS, formatDate, formatDateTime, formatInteger } from '../format';
import type { ViewContext } from './context';
import { openFormDialog } from './dialog';

const RESOURCE_LABELS: Record<string, string> = {
  'keycloak.organization': 'Organisation Keycloak',
  'keycloak.administrator': 'Premier administrateur',
};

const BREAK_REASONS: Record<string, string> = {
  CONTENT_ALTERED: 'contenu modifié',
  BROKEN_LINK: 'chaînage rompu',
  SEQUENCE_GAP: 'entrée manquante',
};

/** The DSI operator's page of one commune: record, registry, subscriptions, audit chain, lifecycle actions. */
export async function communeView(ctx: ViewContext, params: Record<string, string>): Promise<HTMLElement[]> {
  const insee = params.insee;
  const [tenant, resources, subscriptions, services] = await Promise.all([
    ctx.api.tenant(insee),
    ctx.api.resources(insee),
    ctx.api.subscriptionsOf(insee),
    ctx.api.catalog(),
  ]);
  const nameOf = (code: string) => services.find((s) => s.code === code)?.name ?? code;
  const verifyResult = h('div', { class: 'verify-result', 'aria-live': 'polite' });
  const verify = h('button', { type: 'button', class: 'button secondary' }, 'Vérifier l’intégrité du journal');
  verify.addEventListener('click', async () => {
    verify.disabled = true;
    try {
      showReport(verifyResult, await ctx.api.verifyAudit(insee));
    } finally {
      verify.disabled = false;
    }
  });

  return [
    h('p', { class: 'breadcrumb' }, h('a', { href: '/communes', 'data-link': true }, 'Communes'), ' › ', tenant.name),
    h('h1', { tabindex: '-1' }, `${tenant.name} (${tenant.insee})`),
    h('div', { class: 'actions' }, actionsOf(ctx, tenant)),
    h('h2', {}, 'Fiche de la commune'),
    h(
      'dl',
      { class: 'facts' },
      fact('Statut', `${TENANT_STATUS[tenant.status] ?? tenant.status}${tenant.statusReason ? ` — ${tenant.statusReason}` : ''}`),
      fact('Code postal', tenant.postalCode),
      fact('Population', formatInteger(tenant.population)),
      fact('Contact', [tenant.contact?.name, tenant.contact?.email, tenant.contact?.phone].filter(Boolean).join(' — ') || '—'),
      fact(
        'Convention',
        tenant.convention?.number ? `${tenant.convention.number}${tenant.convention.signedOn ? `, signée le ${formatDate(tenant.convention.signedOn)}` : ''}` : '—',
      ),
      fact('Premier administrateur', tenant.administratorUsername),
      fact('Enregistrée le', formatDateTime(tenant.createdAt)),
      fact('Modifiée le', formatDateTime(tenant.updatedAt)),
    ),
    h('h2', {}, 'Ressources provisionnées'),
    resources.length === 0
      ? h('p', {}, 'Aucune ressource enregistrée.')
      : table(
          'Registre des ressources de la commune',
          ['Ressource', 'Identifiant', 'Description', 'État'],
          resources.map((r) => [RESOURCE_LABELS[r.kind] ?? r.kind, r.externalId, r.description ?? '—', r.status === 'ACTIVE' ? 'Active' : 'Désactivée']),
        ),
    h('h2', {}, 'Abonnements'),
    subscriptions.length === 0
      ? h('p', {}, 'Aucun abonnement.')
      : table(
          'Abonnements de la commune',
          ['Service', 'Statut', 'Début', 'Fin', 'Délibération'],
          subscriptions.map((s) => [nameOf(s.service), SUBSCRIPTION_STATUS[s.status] ?? s.status, formatDate(s.startsOn), formatDate(s.endsOn), s.deliberationRef ?? '—']),
        ),
    h('h2', {}, 'Journal d’audit'),
    h('p', {}, 'Chaque entrée du journal de la commune contient l’empreinte SHA-256 de la précédente : la vérification recalcule toute la chaîne.'),
    verify,
    verifyResult,
  ];
}

function showReport(target: HTMLElement, report: ChainReport): void {
  target.replaceChildren(
    report.valid
      ? h('p', { class: 'alert alert-info' }, `Journal intègre : ${report.verifiedEntries} entrée(s) vérifiée(s).`)
      : h(
          'p',
          { class: 'alert alert-error' },
          `Journal altéré à l’entrée n° ${report.firstBrokenEntry?.seq} (${BREAK_REASONS[report.firstBrokenEntry?.reason ?? ''] ?? report.firstBrokenEntry?.reason}) ; ${report.verifiedEntries} entrée(s) intègre(s) avant elle.`,
        ),
  );
}

function actionsOf(ctx: ViewContext, t: Tenant): HTMLElement[] {
  const actions: HTMLElement[] = [];
  const button = (label: string, cls: string, onClick: () => void) => {
    const b = h('button', { type: 'button', class: `button ${cls}` }, label);
    b.addEventListener('click', onClick);
    actions.push(b);
  };
  if (t.status !== 'DECOMMISSIONED') {
    button('Modifier la fiche', 'secondary', () =>
      openFormDialog({
        title: `Modifier la fiche de ${t.name}`,
        fields: [
          { name: 'population', label: 'Population légale', type: 'number', required: true, value: String(t.population) },
          { name: 'contactName', label: 'Contact', maxlength: 120, value: t.contact?.name ?? '' },
          { name: 'contactEmail', label: 'Courriel du contact', type: 'email', maxlength: 254, value: t.contact?.email ?? '' },
          { name: 'contactPhone', label: 'Téléphone du contact', type: 'tel', maxlength: 30, value: t.contact?.phone ?? '' },
          { name: 'conventionNumber', label: 'Numéro de la convention', maxlength: 64, value: t.convention?.number ?? '' },
          { name: 'conventionSignedOn', label: 'Date de signature de la convention', type: 'date', value: t.convention?.signedOn ?? '' },
        ],
        confirmLabel: 'Enregistrer',
        action: async (v) => {
          await ctx.api.updateDetails(t.insee, {
            population: Number(v.population),
            contact: v.contactName || v.contactEmail || v.contactPhone ? { name: v.contactName || undefined, email: v.contactEmail || undefined, phone: v.contactPhone || undefined } : undefined,
            convention: v.conventionNumber || v.conventionSignedOn ? { number: v.conventionNumber || undefined, signedOn: v.conventionSignedOn || undefined } : undefined,
          });
          announce(`Fiche de ${t.name} enregistrée.`);
          ctx.refresh();
        },
      }),
    );
  }
  if (t.status === 'ACTIVE') {
    button(`Suspendre`, 'danger', () =>
      openFormDialog({
        title: `Suspendre ${t.name}`,
        description: 'Toutes les requêtes des utilisateurs de la commune seront refusées. Aucune donnée n’est supprimée.',
        fields: [{ name: 'reason', label: 'Motif de la suspension', required: true, maxlength: 500 }],
        confirmLabel: 'Suspendre la commune',
        danger: true,
        action: async (v) => {
          await ctx.api.suspend(t.insee, v.reason);
          announce(`${t.name} est suspendue.`);
          ctx.refresh();
        },
      }),
    );
  }
  if (t.status === 'SUSPENDED') {
    button('Réactiver', '', async () => {
      await ctx.api.resume(t.insee);
      announce(`${t.name} est réactivée.`);
      ctx.refresh();
    });
    button('Retirer la commune', 'danger', () =>
      openFormDialog({
        title: `Retirer ${t.name} de la plateforme`,
        description: 'L’organisation de la commune est désactivée dans l’annuaire ; ses données sont conservées pour export. Cette opération est définitive.',
        fields: [{ name: 'reason', label: 'Motif du retrait', required: true, maxlength: 500 }],
        confirmLabel: 'Retirer définitivement',
        danger: true,
        action: async (v) => {
          await ctx.api.decommission(t.insee, v.reason);
          announce(`${t.name} est retirée.`);
          ctx.refresh();
        },
      }),
    );
  }
  if (t.status === 'PROVISIONING_FAILED' || t.status === 'PROVISIONING') {
    button('Relancer la création', '', async () => {
      try {
        await ctx.api.retryProvisioning(t.insee);
        announce(`${t.name} est active.`);
      } catch (e) {
        announce(e instanceof Error ? e.message : 'Échec.');
      }
      ctx.refresh();
    });
  }
  return actions;
}

function fact(term: string, value: string): HTMLElement[] {
  return [h('dt', {}, term), h('dd', {}, value)];
}

function table(caption: string, headers: string[], rows: string[][]): HTMLElement {
  return h(
    'div',
    { class: 'table-wrapper', tabindex: '0', role: 'region', 'aria-label': caption },
    h(
      'table',
      { class: 'table' },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, headers.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c)))))),
    ),
  );
}
