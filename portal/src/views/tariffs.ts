// The cost-recovery tariffs of a year, service by service, with how each unit price is justified (annual cost ÷ annual
// units); the DSI creates a new tariff here. The commune's administrator and elected officials read them.
import type { CatalogService } from '../api';
import {
  DSI_TARIFFS_PATH,
  MAX_JUSTIFICATION,
  TARIFFS_PATH,
  baseFeeTexts,
  freeUnitsText,
  justificationFormula,
  parseDecimal,
  tariffCreatedText,
  tariffProblems,
  tariffRequest,
  tariffsByService,
  unitPriceOf,
  validityText,
  yearHref,
  yearOf,
  type BandDraft,
  type Tariff,
  type TariffDraft,
  type TariffField,
} from '../billing';
import { h } from '../dom';
import { UNIT_LABELS, formatEuro, formatInteger, formatQuantity, todayIso } from '../format';
import type { ViewContext } from './context';
import { messageOf, tableRegion } from './documentParts';
import { busy, errorSummary, formField, sectionStatus, type FieldProblem } from './leaveParts';
import { costsNav, problemMessages, yearForm } from './billingParts';

const TITLE = 'Tarifs';

export async function tariffsView(ctx: ViewContext): Promise<HTMLElement[]> {
  const operator = ctx.me.operator;
  const path = operator ? DSI_TARIFFS_PATH : TARIFFS_PATH;
  const year = yearOf(ctx.query, Number(todayIso().slice(0, 4)));
  const [services, tariffs] = await Promise.all([ctx.api.catalog(), ctx.api.billing.tariffs(year)]);
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
