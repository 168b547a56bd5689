// The cost-recovery tariffs of a year, service by service, with how each unit price is justified (annual cost ÷ annual
// units); the DSI creates a new tariff here. The commune's administrator and elected officials read them. Then the
// standalone cost references (what a commune alone would pay, by population band) the savings are computed with; the
// DSI edits them here.
import type { CatalogService } from '../api';
import {
  DSI_TARIFFS_PATH,
  MAX_JUSTIFICATION,
  MAX_SOURCE,
  TARIFFS_PATH,
  baseFeeTexts,
  freeUnitsText,
  justificationFormula,
  parseDecimal,
  populationBandText,
  standaloneCostDraft,
  standaloneCostProblems,
  standaloneCostRequest,
  standaloneCostsByService,
  tariffCreatedText,
  tariffProblems,
  tariffRequest,
  tariffsByService,
  unitPriceOf,
  validityText,
  yearHref,
  yearOf,
  type BandDraft,
  type StandaloneCost,
  type StandaloneCostDraft,
  type StandaloneCostField,
  type Tariff,
  type TariffDraft,
  type TariffField,
} from '../billing';
import { h } from '../dom';
import { UNIT_LABELS, formatDateTime, formatEuro, formatInteger, formatQuantity, todayIso } from '../format';
import type { ViewContext } from './context';
import { messageOf, tableRegion } from './documentParts';
import { busy, errorSummary, formField, sectionStatus, type FieldProblem } from './leaveParts';
import { costsNav, problemMessages, yearForm } from './billingParts';

const TITLE = 'Tarifs';

export async function tariffsView(ctx: ViewContext): Promise<HTMLElement[]> {
  const operator = ctx.me.operator;
  const path = operator ? DSI_TARIFFS_PATH : TARIFFS_PATH;
  const year = yearOf(ctx.query, Number(todayIso().slice(0, 4)));
  const [services, tariffs, costs] = await Promise.all([
    ctx.api.catalog(),
    ctx.api.billing.tariffs(year),
    // the tariffs still show when the references cannot be read: the section says why
    ctx.api.billing.standaloneCosts().catch((err: unknown) => ({ error: err })),
  ]);
  const listSlot = h('div', { class: 'tariffs' });
  const renderList = (list: Tariff[]) => listSlot.replaceChildren(...tariffsPart(list, services, year));
  renderList(tariffs);
  const status = sectionStatus('tarif-resultat');
  return [
    h('h1', { tabindex: '-1' }, TITLE),
    operator ? null : costsNav('tarifs'),
    h(
      'p',
      { class: 'lead' },
      'Chaque service mutualisé est refacturé à son coût de fonctionnement : le coût annuel du service (personnel, licences, hébergement …) divisé par le nombre d’unités consommées en un an donne le prix unitaire ; certains services ont en plus un forfait annuel, et des unités gratuites pour les petites communes.',
    ),
    yearForm('tarifs-annee', year, 'Choisir l’année des tarifs', (y) => ctx.navigate(yearHref(path, y))),
    h('section', { 'aria-labelledby': 'tarifs-titre' }, h('h2', { id: 'tarifs-titre' }, `Tarifs en vigueur en ${year}`), listSlot),
    standaloneSection(ctx, services, costs, operator),
    operator ? status.element : null,
    operator
      ? newTariffSection(ctx, services, async (created) => {
          const name = services.find((s) => s.code === created.service)?.name ?? created.service;
          renderList(await ctx.api.billing.tariffs(year).catch(() => tariffs));
          status.say(tariffCreatedText(created, name));
        })
      : null,
  ].filter((e): e is HTMLElement => e !== null);
}

function tariffsPart(tariffs: Tariff[], services: CatalogService[], year: number): HTMLElement[] {
  const groups = tariffsByService(tariffs, services);
  if (groups.length === 0) return [h('p', { class: 'empty' }, `Aucun tarif en vigueur en ${year}.`)];
  return groups.map((g) => {
    const service = services.find((s) => s.code === g.service);
    const unit = service ? UNIT_LABELS[service.usageUnit] ?? (service.usageUnitLabel ? `par ${service.usageUnitLabel}` : '') : '';
    const headingId = `tarif-${g.service.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
    return h(
      'section',
      { class: 'tariff-service', 'aria-labelledby': headingId },
      h('h3', { id: headingId }, g.name),
      tableRegion(
        `Tarifs de ${g.name}`,
        `Tarifs de « ${g.name} » en vigueur en ${year} (${g.tariffs.length === 1 ? '1 tarif' : `${formatInteger(g.tariffs.length)} tarifs`})`,
        ['Validité', 'Prix unitaire', 'Forfait annuel', 'Unités gratuites', 'Calcul du prix unitaire', 'Justification'],
        g.tariffs.map((t) => {
          const fees = baseFeeTexts(t);
          return h(
            'tr',
            { 'data-from': t.validFrom },
            h('th', { scope: 'row' }, validityText(t)),
            h('td', { class: 'number' }, unit ? `${formatEuro(t.unitPrice)} ${unit}` : formatEuro(t.unitPrice)),
            h('td', {}, fees.length === 1 ? fees[0] : h('ul', { class: 'compact-list' }, fees.map((f) => h('li', {}, f)))),
            h('td', {}, freeUnitsText(t)),
            h('td', {}, justificationFormula(t) ?? '—'),
            h('td', { class: 'justification' }, t.justification?.trim() || '—'),
          );
        }),
      ),
    );
  });
}

const FIELD_IDS: Record<Exclude<TariffField, `bands.${number}.${string}`>, string> = {
  service: 'tarif-service',
  validFrom: 'tarif-debut',
  annualCost: 'tarif-cout',
  annualUnits: 'tarif-unites',
  justification: 'tarif-justification',
  yearlyBaseFee: 'tarif-forfait',
  freeUnitsPerMonth: 'tarif-gratuites',
  freeMaxPopulation: 'tarif-gratuites-population',
};

const BAND_FIELDS: Record<keyof BandDraft, string> = { minPopulation: 'min', maxPopulation: 'max', yearlyFee: 'forfait' };
const bandId = (index: number, field: keyof BandDraft) => `tarif-tranche-${index + 1}-${BAND_FIELDS[field]}`;

/** The control's id of a field of the form. */
function fieldId(field: TariffField): string {
  const band = /^bands\.(\d+)\.(\w+)$/.exec(field);
  if (band) return bandId(Number(band[1]), band[2] as keyof BandDraft);
  return FIELD_IDS[field as keyof typeof FIELD_IDS];
}

/** « Nouveau tarif » (DSI): the unit price computed as the cost and units are typed; the server's refusal said. */
function newTariffSection(ctx: ViewContext, services: CatalogService[], created: (t: Tariff) => Promise<void>): HTMLElement {
  const decimal = (id: string, name: string) => h('input', { id, name, type: 'text', inputmode: 'decimal', autocomplete: 'off', class: 'short' });
  const service = h(
    'select',
    { id: FIELD_IDS.service, name: 'service', required: true },
    h('option', { value: '' }, 'Choisissez un service'),
    services.map((s) => h('option', { value: s.code }, s.name)),
  );
  const validFrom = h('input', { id: FIELD_IDS.validFrom, name: 'validFrom', type: 'date', required: true });
  const annualCost = decimal(FIELD_IDS.annualCost, 'annualCost');
  const annualUnits = decimal(FIELD_IDS.annualUnits, 'annualUnits');
  const justification = h('textarea', { id: FIELD_IDS.justification, name: 'justification', rows: 4, maxlength: MAX_JUSTIFICATION, required: true });
  const baseFee = decimal(FIELD_IDS.yearlyBaseFee, 'yearlyBaseFee');
  const freeUnits = decimal(FIELD_IDS.freeUnitsPerMonth, 'freeUnitsPerMonth');
  const freeMax = h('input', { id: FIELD_IDS.freeMaxPopulation, name: 'freeMaxPopulation', type: 'text', inputmode: 'numeric', autocomplete: 'off', class: 'short' });
  const price = h('p', { id: 'tarif-prix', class: 'computed-price', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const updatePrice = () => {
    const cost = parseDecimal(annualCost.value);
    const units = parseDecimal(annualUnits.value);
    const unitPrice = unitPriceOf(cost, units);
    price.textContent =
      unitPrice === null
        ? 'Prix unitaire calculé : indiquez le coût annuel et le nombre d’unités.'
        : `Prix unitaire calculé : ${formatEuro(unitPrice)} (${formatEuro(cost)} ÷ ${formatQuantity(units)} unités).`;
  };
  annualCost.addEventListener('input', updatePrice);
  annualUnits.addEventListener('input', updatePrice);
  updatePrice();

  // the population bands of the base fee: rows added and removed, their ids following their order
  const bands: BandDraft[] = [];
  const bandsList = h('ol', { class: 'band-rows' });
  const addBand = h('button', { type: 'button', class: 'button secondary small' }, 'Ajouter une tranche');
  const readBands = () =>
    bands.forEach((b, i) => {
      for (const field of Object.keys(BAND_FIELDS) as (keyof BandDraft)[]) {
        const input = bandsList.querySelector<HTMLInputElement>(`[id="${bandId(i, field)}"]`);
        if (input) b[field] = input.value;
      }
    });
  const renderBands = (focus?: HTMLElement | 'last') => {
    bandsList.replaceChildren(
      ...bands.map((b, i) => {
        const input = (field: keyof BandDraft, label: string, hint?: string) => {
          const control = h('input', { id: bandId(i, field), name: `band-${field}`, type: 'text', inputmode: field === 'yearlyFee' ? 'decimal' : 'numeric', autocomplete: 'off', class: 'short', value: b[field] });
          return formField(control.id, label, control, hint);
        };
        const remove = h('button', { type: 'button', class: 'button secondary small' }, `Retirer la tranche ${i + 1}`);
        remove.addEventListener('click', () => {
          readBands();
          bands.splice(i, 1);
          renderBands(addBand);
        });
        return h(
          'li',
          {},
          h(
            'fieldset',
            { class: 'band-fieldset' },
            h('legend', {}, `Tranche ${i + 1}`),
            h(
              'div',
              { class: 'expense-fields' },
              input('minPopulation', 'Population minimale'),
              input('maxPopulation', 'Population maximale (facultatif)', 'Vide : sans limite.'),
              input('yearlyFee', 'Forfait annuel (€)'),
            ),
            remove,
          ),
        );
      }),
    );
    if (focus === 'last') bandsList.querySelector<HTMLInputElement>(`[id="${bandId(bands.length - 1, 'minPopulation')}"]`)?.focus();
    else focus?.focus();
  };
  addBand.addEventListener('click', () => {
    readBands();
    bands.push({ minPopulation: '', maxPopulation: '', yearlyFee: '' });
    renderBands('last');
  });

  const submit = h('button', { type: 'submit', class: 'button' }, 'Enregistrer le tarif');
  let form: HTMLFormElement;
  const summary = errorSummary('tarif-erreurs', () => form);
  form = h(
    'form',
    { class: 'parapheur-form tariff-form', novalidate: true, 'aria-labelledby': 'nouveau-tarif-titre' },
    h('p', { class: 'hint' }, 'Tous les champs sont obligatoires, sauf mention « facultatif ». Montants en euros ; la virgule ou le point sépare les centimes.'),
    summary.element,
    formField(FIELD_IDS.service, 'Service', service),
    formField(FIELD_IDS.validFrom, 'Date d’effet', validFrom, 'Le tarif en vigueur à cette date prend fin la veille.'),
    formField(FIELD_IDS.annualCost, 'Coût annuel du service (€)', annualCost, 'Par exemple 120000 ou 98500,50.'),
    formField(FIELD_IDS.annualUnits, 'Unités consommées en un an', annualUnits, 'Le nombre d’unités (signatures, Go-mois, agents-mois …) de l’année de référence.'),
    price,
    formField(FIELD_IDS.justification, 'Justification', justification, 'D’où viennent le coût et les unités (budget, délibération …) ; 2 000 caractères au plus.', true),
    formField(FIELD_IDS.yearlyBaseFee, 'Forfait annuel unique (€, facultatif)', baseFee, 'Ou bien des tranches de population ci-dessous, pas les deux.'),
    h(
      'fieldset',
      { class: 'bands-fieldset' },
      h('legend', {}, 'Forfait annuel par tranche de population (facultatif)'),
      bandsList,
      h('div', { class: 'actions' }, addBand),
    ),
    formField(FIELD_IDS.freeUnitsPerMonth, 'Unités gratuites par mois (facultatif)', freeUnits),
    formField(FIELD_IDS.freeMaxPopulation, 'Population maximale pour les unités gratuites (facultatif)', freeMax, 'Vide : toutes les communes en bénéficient.'),
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    readBands();
    const draft: TariffDraft = {
      service: service.value,
      validFrom: validFrom.value,
      annualCost: annualCost.value,
      annualUnits: annualUnits.value,
      justification: justification.value,
      yearlyBaseFee: baseFee.value,
      bands: bands.map((b) => ({ ...b })),
      freeUnitsPerMonth: freeUnits.value,
      freeMaxPopulation: freeMax.value,
    };
    const problems = tariffProblems(draft, services).map(([field, message]): FieldProblem => ({ id: fieldId(field), message }));
    if (problems.length > 0) {
      summary.show(problems);
      return;
    }
    summary.clear();
    busy(submit, true);
    let tariff: Tariff;
    try {
      tariff = await ctx.api.billing.createTariff(tariffRequest(draft));
    } catch (err) {
      busy(submit, false);
      summary.show([], problemMessages(err));
      return;
    }
    busy(submit, false);
    form.reset();
    bands.splice(0, bands.length);
    renderBands();
    updatePrice();
    try {
      await created(tariff);
    } catch (err) {
      summary.show([], [messageOf(err)]);
    }
  });
  return h(
    'section',
    { class: 'settings-section', 'aria-labelledby': 'nouveau-tarif-titre' },
    h('h2', { id: 'nouveau-tarif-titre' }, 'Nouveau tarif'),
    h('p', {}, 'Un tarif ne se modifie pas : pour changer un prix, créez un nouveau tarif à partir de sa date d’effet. Le prix unitaire est calculé par la plateforme : coût annuel ÷ unités annuelles, arrondi à 4 décimales.'),
    form,
  );
}

// ---- « Coûts de référence d’une commune seule »

const COST_FIELD_IDS: Record<StandaloneCostField, string> = {
  licence: 'cout-ref-licence',
  hosting: 'cout-ref-hebergement',
  maintenance: 'cout-ref-maintenance',
  agentTime: 'cout-ref-temps-agent',
  maxPopulation: 'cout-ref-population-max',
  source: 'cout-ref-source',
};

/**
 * The standalone cost references, a table per service and a row per population band; the DSI edits a row in a form
 * opened under its table (one at a time), the saved values said in a live region and the tables read again.
 */
function standaloneSection(ctx: ViewContext, services: CatalogService[], loaded: StandaloneCost[] | { error: unknown }, operator: boolean): HTMLElement {
  const status = sectionStatus('cout-ref-resultat');
  const tablesSlot = h('div', { class: 'standalone-costs' });
  /** Closes the open form, if any (focus back on its « Modifier » when asked). */
  let closeOpen: ((refocus: boolean) => void) | null = null;

  const render = (costs: StandaloneCost[]) => {
    closeOpen = null;
    const groups = standaloneCostsByService(costs, services);
    if (groups.length === 0) {
      tablesSlot.replaceChildren(h('p', { class: 'empty' }, 'Aucun coût de référence enregistré.'));
      return;
    }
    tablesSlot.replaceChildren(
      ...groups.map((g) => {
        const key = g.service.replace(/[^a-zA-Z0-9_-]/g, '-');
        const headingId = `cout-ref-${key}`;
        const formSlot = h('div', { id: `cout-ref-${key}-modification` });
        const rows = g.costs.map((c) => {
          const band = populationBandText(c);
          const updated = c.updatedAt ? `Mis à jour le ${formatDateTime(c.updatedAt)}${c.updatedBy ? ` par ${c.updatedBy}` : ''}.` : null;
          let edit: HTMLButtonElement | null = null;
          if (operator) {
            const button = h(
              'button',
              { type: 'button', class: 'button secondary small', 'aria-expanded': 'false', 'aria-controls': formSlot.id },
              'Modifier',
              h('span', { class: 'sr-only' }, ` le coût de référence « ${band} »`),
            );
            button.addEventListener('click', () => {
              closeOpen?.(false);
              const close = (refocus: boolean) => {
                formSlot.replaceChildren();
                button.setAttribute('aria-expanded', 'false');
                closeOpen = null;
                if (refocus) button.focus();
              };
              formSlot.replaceChildren(
                standaloneCostForm(ctx, g.name, c, () => close(true), async (saved) => {
                  close(false);
                  const fresh = await ctx.api.billing.standaloneCosts().catch(() => null);
                  render(fresh ?? costs.map((x) => (x.service === saved.service && x.minPopulation === saved.minPopulation ? saved : x)));
                  status.say('Coût de référence enregistré.');
                }),
              );
              button.setAttribute('aria-expanded', 'true');
              closeOpen = close;
              formSlot.querySelector<HTMLElement>('h4')?.focus();
            });
            edit = button;
          }
          return h(
            'tr',
            { 'data-min-population': String(c.minPopulation) },
            h('th', { scope: 'row' }, band),
            h('td', { class: 'number' }, formatEuro(c.licence)),
            h('td', { class: 'number' }, formatEuro(c.hosting)),
            h('td', { class: 'number' }, formatEuro(c.maintenance)),
            h('td', { class: 'number' }, formatEuro(c.agentTime)),
            h('td', { class: 'number' }, formatEuro(c.yearlyTotal)),
            h('td', { class: 'justification' }, c.source?.trim() || '—', updated ? h('span', { class: 'hint' }, ` ${updated}`) : null),
            edit ? h('td', {}, edit) : null,
          );
        });
        const headers = ['Population', 'Licence', 'Hébergement', 'Maintenance', 'Temps agent', 'Total annuel', 'Source'];
        return h(
          'section',
          { class: 'standalone-service', 'aria-labelledby': headingId },
          h('h3', { id: headingId }, g.name),
          tableRegion(
            `Coûts de référence de ${g.name}`,
            `Coût annuel de « ${g.name} » pour une commune seule, par tranche de population (euros)`,
            operator ? [...headers, 'Action'] : headers,
            rows,
          ),
          formSlot,
        );
      }),
    );
  };

  if ('error' in loaded) tablesSlot.replaceChildren(h('p', { class: 'alert alert-error' }, `Les coûts de référence n’ont pas pu être lus : ${messageOf(loaded.error)}`));
  else render(loaded);

  return h(
    'section',
    { 'aria-labelledby': 'cout-ref-titre' },
    h('h2', { id: 'cout-ref-titre' }, 'Coûts de référence d’une commune seule'),
    h(
      'p',
      {},
      'Économies = coût d’une commune seule (au prorata des jours d’abonnement) − coût mutualisé. Valeurs d’exemple documentées, à remplacer par les chiffres de la DSI.',
    ),
    operator ? status.element : null,
    tablesSlot,
  );
}

/** The edit form of a reference (DSI): the four amounts, the maximum population, the source; the refusal said. */
function standaloneCostForm(
  ctx: ViewContext,
  serviceName: string,
  cost: StandaloneCost,
  cancel: () => void,
  saved: (c: StandaloneCost) => Promise<void>,
): HTMLElement {
  const band = populationBandText(cost);
  const draft = standaloneCostDraft(cost);
  const amount = (field: StandaloneCostField) =>
    h('input', { id: COST_FIELD_IDS[field], name: field, type: 'text', inputmode: 'decimal', autocomplete: 'off', class: 'short', value: draft[field], required: true });
  const licence = amount('licence');
  const hosting = amount('hosting');
  const maintenance = amount('maintenance');
  const agentTime = amount('agentTime');
  const maxPopulation = h('input', { id: COST_FIELD_IDS.maxPopulation, name: 'maxPopulation', type: 'text', inputmode: 'numeric', autocomplete: 'off', class: 'short', value: draft.maxPopulation });
  const source = h('textarea', { id: COST_FIELD_IDS.source, name: 'source', rows: 3, maxlength: MAX_SOURCE, required: true }, draft.source);
  const submit = h('button', { type: 'submit', class: 'button' }, 'Enregistrer le coût de référence');
  const cancelButton = h('button', { type: 'button', class: 'button secondary' }, 'Annuler');
  cancelButton.addEventListener('click', cancel);
  const titleId = 'cout-ref-modification-titre';
  let form: HTMLFormElement;
  const summary = errorSummary('cout-ref-erreurs', () => form);
  form = h(
    'form',
    { class: 'parapheur-form standalone-cost-form', novalidate: true, 'aria-labelledby': titleId },
    h('h4', { id: titleId, tabindex: '-1' }, `Modifier le coût de référence de « ${serviceName} », ${band}`),
    h('p', { class: 'hint' }, 'Tous les champs sont obligatoires, sauf mention « facultatif ». Montants annuels en euros ; la virgule ou le point sépare les centimes.'),
    summary.element,
    formField(COST_FIELD_IDS.licence, 'Licence (€ par an)', licence),
    formField(COST_FIELD_IDS.hosting, 'Hébergement (€ par an)', hosting),
    formField(COST_FIELD_IDS.maintenance, 'Maintenance (€ par an)', maintenance),
    formField(COST_FIELD_IDS.agentTime, 'Temps agent (€ par an)', agentTime),
    formField(
      COST_FIELD_IDS.maxPopulation,
      'Population maximale (facultatif)',
      maxPopulation,
      `La tranche commence à ${formatInteger(cost.minPopulation)} habitants. Vide : sans limite.`,
    ),
    formField(COST_FIELD_IDS.source, 'Source', source, 'D’où viennent les montants (devis, budget, étude …) ; 1 000 caractères au plus.', true),
    h('div', { class: 'actions' }, submit, cancelButton),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const typed: StandaloneCostDraft = {
      licence: licence.value,
      hosting: hosting.value,
      maintenance: maintenance.value,
      agentTime: agentTime.value,
      maxPopulation: maxPopulation.value,
      source: source.value,
    };
    const problems = standaloneCostProblems(typed, cost.minPopulation).map(([field, message]): FieldProblem => ({ id: COST_FIELD_IDS[field], message }));
    if (problems.length > 0) {
      summary.show(problems);
      return;
    }
    summary.clear();
    busy(submit, true);
    let result: StandaloneCost;
    try {
      result = await ctx.api.billing.saveStandaloneCost(cost.service, cost.minPopulation, standaloneCostRequest(typed));
    } catch (err) {
      busy(submit, false);
      summary.show([], problemMessages(err));
      return;
    }
    busy(submit, false);
    try {
      await saved(result);
    } catch (err) {
      summary.show([], [messageOf(err)]);
    }
  });
  return form;
}
