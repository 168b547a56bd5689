// The budget simulation (DSI): what each commune would pay next year under several ways of sharing the costs (pure
// usage, per inhabitant, mixed), from a reference year's usage and a growth per service.
import type { CatalogService } from '../api';
import {
  DEFAULT_INHABITANT_SHARE,
  simulationCsv,
  simulationFileName,
  simulationProblems,
  simulationRequest,
  simulationRows,
  simulationSummary,
  simulationTotals,
  type SimulationDraft,
  type SimulationField,
  type SimulationResult,
} from '../billing';
import { h } from '../dom';
import { formatCents, formatInteger, formatSignedCents, todayIso } from '../format';
import type { ViewContext } from './context';
import { busy, errorSummary, formField, sectionStatus, type FieldProblem } from './leaveParts';
import { csvButton, problemMessages } from './billingParts';

const TITLE = 'Simulation budgétaire';

const growthId = (code: string) => `simulation-evolution-${code.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
const IDS = { baseYear: 'simulation-annee', usage: 'simulation-usage', perInhabitant: 'simulation-habitant', mixed: 'simulation-mixte', share: 'simulation-part' };

export async function simulationView(ctx: ViewContext): Promise<HTMLElement[]> {
  const services = await ctx.api.catalog();
  const status = sectionStatus('simulation-resultat');
  const resultSlot = h('div', { class: 'simulation-result' });
  return [
    h('h1', { tabindex: '-1' }, TITLE),
    h(
      'p',
      { class: 'lead' },
      'Estimez ce que chaque commune paierait l’an prochain selon la façon de répartir le coût des services : à l’usage, par habitant, ou en partie par habitant et en partie à l’usage. La simulation part de l’usage d’une année de référence, que vous pouvez faire évoluer service par service. Rien n’est facturé.',
    ),
    h(
      'section',
      { 'aria-labelledby': 'simulation-form-titre' },
      h('h2', { id: 'simulation-form-titre' }, 'Paramètres'),
      simulationForm(ctx, services, (result) => {
        resultSlot.replaceChildren(...resultPart(result));
        status.say(simulationSummary(result));
      }),
    ),
    status.element,
    resultSlot,
  ];
}

function simulationForm(ctx: ViewContext, services: CatalogService[], done: (result: SimulationResult) => void): HTMLFormElement {
  const baseYear = h('input', { id: IDS.baseYear, name: 'baseYear', type: 'number', min: 2000, max: 2100, step: 1, inputmode: 'numeric', class: 'short', value: String(Number(todayIso().slice(0, 4)) - 1), required: true });
  const growth = services.map((s) => ({
    service: s,
    input: h('input', { id: growthId(s.code), name: `growth-${s.code}`, type: 'number', min: -100, max: 1000, step: 'any', class: 'short', value: '0' }),
  }));
  const checkbox = (id: string, name: string) => h('input', { id, name, type: 'checkbox', checked: true });
  const usage = checkbox(IDS.usage, 'usage');
  const perInhabitant = checkbox(IDS.perInhabitant, 'perInhabitant');
  const mixed = checkbox(IDS.mixed, 'mixed');
  const share = h('input', { id: IDS.share, name: 'inhabitantShare', type: 'number', min: 0, max: 100, step: 'any', class: 'short', value: String(DEFAULT_INHABITANT_SHARE) });
  mixed.addEventListener('change', () => (share.disabled = !mixed.checked));
  const choice = (input: HTMLInputElement, label: string, hint: string) =>
    h(
      'div',
      { class: 'field choice' },
      h('div', { class: 'inline-controls' }, input, h('label', { for: input.id }, label)),
      h('p', { class: 'hint', id: `${input.id}-aide` }, hint),
    );
  usage.setAttribute('aria-describedby', `${IDS.usage}-aide`);
  perInhabitant.setAttribute('aria-describedby', `${IDS.perInhabitant}-aide`);
  mixed.setAttribute('aria-describedby', `${IDS.mixed}-aide`);

  const submit = h('button', { type: 'submit', class: 'button' }, 'Simuler');
  let form: HTMLFormElement;
  const summary = errorSummary('simulation-erreurs', () => form);
  form = h(
    'form',
    { class: 'parapheur-form simulation-form', novalidate: true, 'aria-labelledby': 'simulation-form-titre' },
    summary.element,
    formField(IDS.baseYear, 'Année de référence', baseYear, 'L’année dont l’usage sert de base ; la simulation porte sur l’année suivante.'),
    h(
      'fieldset',
      { class: 'growth-fieldset' },
      h('legend', {}, 'Évolution de l’usage par service (%)'),
      h('p', { class: 'hint' }, '0 : le même usage que l’année de référence ; 10 : 10 % de plus ; -20 : 20 % de moins.'),
      h('div', { class: 'pattern-fields' }, growth.map((g) => formField(g.input.id, g.service.name, g.input))),
    ),
    h(
      'fieldset',
      { class: 'scenario-fieldset' },
      h('legend', {}, 'Scénarios à comparer'),
      choice(usage, 'Usage pur', 'Chaque commune paie ce qu’elle consomme, au prix unitaire.'),
      choice(perInhabitant, 'Forfait par habitant', 'Le coût total est réparti selon la population des communes.'),
      choice(mixed, 'Mixte', 'Une part du coût est répartie selon la population, le reste à l’usage.'),
      formField(IDS.share, 'Part habitants (%)', share, 'Pour le scénario mixte : de 0 à 100.'),
    ),
    h('div', { class: 'actions' }, submit),
  );
  const fieldId = (field: SimulationField) => {
    if (field.startsWith('growth.')) return growthId(field.slice('growth.'.length));
    if (field === 'scenarios') return IDS.usage;
    if (field === 'inhabitantShare') return IDS.share;
    return IDS.baseYear;
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const draft: SimulationDraft = {
      baseYear: baseYear.value,
      growth: Object.fromEntries(growth.map((g) => [g.service.code, g.input.value])),
      usage: usage.checked,
      perInhabitant: perInhabitant.checked,
      mixed: mixed.checked,
      inhabitantShare: share.value,
    };
    const problems = simulationProblems(draft, services).map(([field, message]): FieldProblem => ({ id: fieldId(field), message }));
    if (problems.length > 0) {
      summary.show(problems);
      return;
    }
    summary.clear();
    busy(submit, true);
    try {
      const result = await ctx.api.billing.simulate(simulationRequest(draft));
      done(result);
    } catch (err) {
      summary.show([], problemMessages(err));
    } finally {
      busy(submit, false);
    }
  });
  return form;
}

function resultPart(result: SimulationResult): HTMLElement[] {
  const rows = simulationRows(result);
  const totals = simulationTotals(result);
  const first = result.scenarios[0]?.name ?? '';
  const headers = ['Commune', 'Population', ...result.scenarios.flatMap((s, i) => (i === 0 ? [s.name] : [s.name, `Écart ${s.name} / ${first}`]))];
  const population = rows.reduce((sum, r) => sum + (Number(r.population) || 0), 0);
  const amountCells = (amounts: { cents: number | null; difference: number | null }[]) =>
    amounts.flatMap((a, i) => {
      const amount = h('td', { class: 'number' }, a.cents === null ? '—' : formatCents(a.cents));
      return i === 0 ? [amount] : [amount, h('td', { class: 'number difference' }, a.difference === null ? '—' : formatSignedCents(a.difference))];
    });
  const table = h(
    'div',
    { class: 'table-wrapper', tabindex: '0', role: 'region', 'aria-label': 'Tableau de la simulation par commune' },
    h(
      'table',
      { class: 'table simulation-table' },
      h(
        'caption',
        {},
        `Coût estimé pour ${result.targetYear} de chaque commune (${rows.length === 1 ? '1 commune' : `${formatInteger(rows.length)} communes`}) selon chaque scénario${result.scenarios.length > 1 ? `, avec l’écart par rapport au scénario « ${first} »` : ''}`,
      ),
      h('thead', {}, h('tr', {}, headers.map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        rows.map((r) => h('tr', { 'data-insee': r.insee }, h('th', { scope: 'row' }, `${r.name} (${r.insee})`), h('td', { class: 'number' }, formatInteger(r.population)), amountCells(r.amounts))),
      ),
      h(
        'tfoot',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, 'Total'),
          h('td', { class: 'number' }, formatInteger(population)),
          amountCells(totals.map((t) => ({ cents: t.cents, difference: t.difference }))),
        ),
      ),
    ),
  );
  return [
    h(
      'section',
      { 'aria-labelledby': 'simulation-resultat-titre' },
      h('h2', { id: 'simulation-resultat-titre' }, `Résultat pour ${result.targetYear} (usage de ${result.baseYear})`),
      result.warnings.length > 0
        ? h('div', { class: 'alert alert-info simulation-warnings' }, h('h3', {}, 'Avertissements'), h('ul', {}, result.warnings.map((w) => h('li', {}, w))))
        : null,
      h('div', { class: 'actions' }, csvButton('Exporter en CSV', simulationFileName(result), () => simulationCsv(result))),
      table,
    ),
  ];
}
