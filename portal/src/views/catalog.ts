import type { CatalogService, Subscription } from '../api';
import { announce, h } from '../dom';
import { SUBSCRIPTION_STATUS, describePrice, formatDate, todayIso } from '../format';
import { isCommuneAdmin } from '../routes';
import type { ViewContext } from './context';
import { openFormDialog } from './dialog';

const IN_FORCE = new Set(['ACTIVE', 'ENDING', 'SCHEDULED']);

/** The catalogue; a commune administrator subscribes and unsubscribes here. */
export async function catalogView(ctx: ViewContext): Promise<HTMLElement[]> {
  const { api, me } = ctx;
  const [services, subscriptions] = await Promise.all([
    api.catalog(),
    me.commune && !me.operator ? api.subscriptions() : Promise.resolve([] as Subscription[]),
  ]);
  const admin = isCommuneAdmin(me);
  const current = (code: string) => subscriptions.find((s) => s.service === code && IN_FORCE.has(s.status));
  const intro = admin
    ? `Abonnez ${me.commune?.name ?? 'votre commune'} aux services mutualisés. Le coût est refacturé à l'usage (coût unitaire × unités consommées).`
    : 'Les services numériques mutualisés par l’Eurométropole pour ses communes membres, avec leur tarif en vigueur.';
  const list = h(
    'ul',
    { class: 'cards', 'aria-label': 'Services du catalogue' },
    services.map((service) => h('li', {}, serviceCard(ctx, service, current(service.code), admin))),
  );
  return [h('h1', { tabindex: '-1' }, 'Catalogue des services'), h('p', { class: 'lead' }, intro), list];
}

function serviceCard(ctx: ViewContext, service: CatalogService, subscription: Subscription | undefined, admin: boolean): HTMLElement {
  const headingId = `service-${service.code}`;
  const status = subscription
    ? h(
        'p',
        { class: `badge badge-${subscription.status.toLowerCase()}` },
        `${SUBSCRIPTION_STATUS[subscription.status] ?? subscription.status} depuis le ${formatDate(subscription.startsOn)}`,
        subscription.endsOn ? ` — fin le ${formatDate(subscription.endsOn)}` : '',
      )
    : ctx.me.commune && !ctx.me.operator
      ? h('p', { class: 'badge badge-none' }, 'Non abonnée')
      : null;
  const actions: HTMLElement[] = [];
  if (admin && !subscription && service.availability !== 'WITHDRAWN') {
    const button = h('button', { type: 'button', class: 'button', 'aria-describedby': headingId }, 'Souscrire');
    button.addEventListener('click', () => subscribeDialog(ctx, service));
    actions.push(button);
  }
  if (admin && subscription && subscription.status !== 'ENDING') {
    const button = h('button', { type: 'button', class: 'button secondary', 'aria-describedby': headingId }, 'Résilier');
    button.addEventListener('click', () => unsubscribeDialog(ctx, service, subscription));
    actions.push(button);
  }
  return h(
    'article',
    { class: 'card', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, service.name),
    h('p', {}, service.description),
    h('p', { class: 'price' }, h('strong', {}, 'Tarif : '), describePrice(service.price, service.usageUnit)),
    status,
    actions.length ? h('div', { class: 'actions' }, actions) : null,
  );
}

function subscribeDialog(ctx: ViewContext, service: CatalogService): void {
  openFormDialog({
    title: `Souscrire à « ${service.name} »`,
    description: `La commune ${ctx.me.commune?.name ?? ''} sera abonnée à partir de la date d'effet choisie.`,
    fields: [
      { name: 'startsOn', label: "Date d'effet", type: 'date', required: true, value: todayIso(), hint: 'Au plus tôt aujourd’hui.' },
      { name: 'deliberationRef', label: 'Référence de la délibération du conseil municipal', maxlength: 100, hint: 'Par exemple DCM-2026-045.' },
    ],
    confirmLabel: 'Confirmer l’abonnement',
    action: async (values) => {
      await ctx.api.subscribe(service.code, values.startsOn, values.deliberationRef);
      announce(`Abonnement à « ${service.name} » enregistré.`);
      ctx.refresh();
    },
  });
}

function unsubscribeDialog(ctx: ViewContext, service: CatalogService, subscription: Subscription): void {
  openFormDialog({
    title: `Résilier « ${service.name} »`,
    description: 'Le service reste disponible jusqu’à la veille de la date d’effet de la résiliation.',
    fields: [
      { name: 'effectiveDate', label: "Date d'effet de la résiliation", type: 'date', required: true, value: todayIso() },
      { name: 'deliberationRef', label: 'Référence de la délibération', maxlength: 100 },
    ],
    confirmLabel: 'Confirmer la résiliation',
    danger: true,
    action: async (values) => {
      await ctx.api.unsubscribe(subscription.id, values.effectiveDate, values.deliberationRef);
      announce(`Résiliation de « ${service.name} » enregistrée.`);
      ctx.refresh();
    },
  });
}
