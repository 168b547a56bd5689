import { ApiError, type BudgetLine, type MissionSettings } from '../api';
import { announce, h } from '../dom';
import { formatEuro, formatInteger, todayIso } from '../format';
import {
  TRANSPORT_OPTIONS,
  budgetLineLabel,
  estimateInput,
  missionBody,
  missionDraftErrors,
  missionErrorField,
  missionHref,
  missionTitle,
  yearOf,
  type MissionDraft,
  type MissionField,
} from '../missions';
import { isCommuneAdmin } from '../routes';
import type { ViewContext } from './context';
import { messageOf } from './documentParts';
import { errorSummary, formField, setNotice } from './leaveParts';
import { estimateList, missionNav, missionPage } from './missionParts';

const TITLE = 'Demander un ordre de mission';

/** How long the form waits after the last change before asking for the estimate. */
export const ESTIMATE_DELAY_MS = 400;

/** The control of each field of the request. */
const IDS: Record<MissionField, string> = {
  purpose: 'mission-objet',
  destination: 'mission-destination',
  population: 'mission-population',
  departureDate: 'mission-depart-date',
  departureTime: 'mission-depart-heure',
  returnDate: 'mission-retour-date',
  returnTime: 'mission-retour-heure',
  transport: 'mission-transport',
  horsepower: 'mission-cv',
  distanceKm: 'mission-distance',
  kmAlreadyThisYear: 'mission-km-annee',
  fare: 'mission-tarif',
  budgetLine: 'mission-ligne',
};

/**
 * The request form: purpose, destination (its population, or Paris), departure and return, transport with the fields
 * it needs, budget line of the departure's year; a live estimate of the costs, asked as the fields change and
 * announced politely. Errors are listed in a summary and shown next to their fields.
 */
export async function missionFormView(ctx: ViewContext): Promise<HTMLElement[]> {
  return missionPage(ctx.me, TITLE, async () => {
    const year = yearOf(todayIso(), new Date().getFullYear());
    const [settings, lines] = await Promise.all([ctx.api.missionSettings().catch(() => null), ctx.api.budgetLines(year)]);
    return [h('h1', { tabindex: '-1' }, TITLE), missionNav(ctx.me, 'nouveau'), signerNotice(ctx, settings), requestForm(ctx, settings, year, lines)];
  });
}

function signerNotice(ctx: ViewContext, settings: MissionSettings | null): HTMLElement | null {
  if (!settings || settings.signerUsername) return null;
  return h(
    'div',
    { class: 'alert alert-info' },
    h('p', {}, 'La commune n’a pas encore désigné le signataire de ses ordres de mission : vous pouvez estimer une mission, mais pas encore la demander.'),
    isCommuneAdmin(ctx.me)
      ? h('p', {}, 'Désignez-le dans les ', h('a', { href: '/procedures/reglages', 'data-link': true }, 'réglages des procédures'), '.')
      : h('p', {}, 'L’administrateur de la commune le désigne dans les réglages des procédures.'),
  );
}

function requestForm(ctx: ViewContext, settings: MissionSettings | null, initialYear: number, initialLines: BudgetLine[]): HTMLElement {
  const today = todayIso();
  const rates = settings?.rates;
  const input = (id: keyof typeof IDS, attrs: Record<string, string | number | boolean | undefined> = {}) =>
    h('input', { id: IDS[id], name: id, type: 'text', autocomplete: 'off', ...attrs });

  const purpose = h('textarea', { id: IDS.purpose, name: 'purpose', rows: 2, maxlength: 500 });
  const destination = input('destination', { maxlength: 200 });
  const paris = h('input', { id: 'mission-paris', name: 'paris', type: 'checkbox', 'aria-describedby': 'mission-paris-aide' });
  const population = input('population', { inputmode: 'numeric', class: 'short' });
  const populationField = formField(
    IDS.population,
    'Population de la destination (facultatif)',
    population,
    rates
      ? `Nombre d’habitants de la ville : à partir de ${formatInteger(rates.largeCityPopulation)} habitants, les nuitées y sont remboursées au taux des grandes villes (${formatEuro(rates.nightLargeCity)} au lieu de ${formatEuro(rates.night)}).`
      : 'Nombre d’habitants de la ville : les nuitées des grandes villes sont mieux remboursées.',
  );
  const departureDate = input('departureDate', { type: 'date', min: today });
  const departureTime = input('departureTime', { type: 'time' });
  const returnDate = input('returnDate', { type: 'date', min: today });
  const returnTime = input('returnTime', { type: 'time' });
  const transport = h(
    'select',
    { id: IDS.transport, name: 'transport' },
    h('option', { value: '' }, 'Choisissez un moyen de transport'),
    TRANSPORT_OPTIONS.map((t) => h('option', { value: t.value }, t.label)),
  );
  const horsepower = input('horsepower', { inputmode: 'numeric', class: 'short' });
  const distanceKm = input('distanceKm', { inputmode: 'numeric', class: 'short' });
  const kmAlreadyThisYear = input('kmAlreadyThisYear', { inputmode: 'numeric', class: 'short' });
  const fare = input('fare', { inputmode: 'decimal', class: 'short' });
  const carFields = h(
    'div',
    { class: 'conditional-fields', id: 'mission-vehicule' },
    formField(IDS.horsepower, 'Puissance fiscale (CV)', horsepower, 'Indiquée sur la carte grise (rubrique P.6), de 1 à 50.'),
    formField(IDS.distanceKm, 'Distance parcourue avec le véhicule (km)', distanceKm, 'Aller et retour, avec les trajets sur place.'),
    formField(
      IDS.kmAlreadyThisYear,
      'Kilomètres déjà parcourus cette année pour le service (facultatif)',
      kmAlreadyThisYear,
      'Avec ce véhicule, avant cette mission : le taux par kilomètre du barème en dépend.',
    ),
  );
  const fareFields = h('div', { class: 'conditional-fields', id: 'mission-billet' }, formField(IDS.fare, 'Tarif estimé du trajet (€)', fare, 'Aller et retour, en euros : par exemple 180 ou 45,60.'));

  // the budget lines of the departure's year
  const budgetLine = h('select', { id: IDS.budgetLine, name: 'budgetLine' });
  const budgetHint = h('p', { class: 'hint', id: `${IDS.budgetLine}-exercice`, 'aria-live': 'polite' });
  budgetLine.setAttribute('aria-describedby', budgetHint.id);
  let linesYear = initialYear;
  const showLines = (year: number, lines: BudgetLine[]) => {
    const chosen = budgetLine.value;
    budgetLine.replaceChildren(
      h('option', { value: '' }, lines.length ? 'Choisissez une ligne budgétaire' : `Aucune ligne budgétaire pour ${year}`),
      ...lines.map((l) => h('option', { value: l.code }, budgetLineLabel(l))),
    );
    if (lines.some((l) => l.code === chosen)) budgetLine.value = chosen;
    else if (lines.length === 1) budgetLine.value = lines[0].code;
    budgetHint.textContent = lines.length
      ? `Lignes de l’exercice ${year}, celui du départ.`
      : `Aucune ligne budgétaire n’est ouverte pour l’exercice ${year} : l’administrateur de la commune les définit dans les réglages des procédures.`;
  };
  showLines(initialYear, initialLines);
  let linesRequest = 0;
  departureDate.addEventListener('change', async () => {
    const year = yearOf(departureDate.value, linesYear);
    if (year === linesYear) return;
    linesYear = year;
    const request = ++linesRequest;
    budgetHint.textContent = `Lecture des lignes budgétaires de ${year}…`;
    try {
      const lines = await ctx.api.budgetLines(year);
      if (request === linesRequest) showLines(year, lines);
    } catch (e) {
      if (request === linesRequest) {
        showLines(year, []);
        budgetHint.textContent = `Les lignes budgétaires de ${year} n’ont pas pu être lues : ${messageOf(e)}`;
      }
    }
  });
  departureDate.addEventListener('change', () => {
    returnDate.min = departureDate.value || today;
    if (departureDate.value && (!returnDate.value || returnDate.value < departureDate.value)) returnDate.value = departureDate.value;
  });

  const draft = (): MissionDraft => ({
    purpose: purpose.value,
    destination: destination.value,
    population: population.value,
    paris: paris.checked,
    departureDate: departureDate.value,
    departureTime: departureTime.value,
    returnDate: returnDate.value,
    returnTime: returnTime.value,
    transport: transport.value,
    horsepower: horsepower.value,
    distanceKm: distanceKm.value,
    kmAlreadyThisYear: kmAlreadyThisYear.value,
    fare: fare.value,
    budgetLine: budgetLine.value,
  });

  const showConditional = () => {
    populationField.hidden = paris.checked;
    carFields.hidden = transport.value !== 'PERSONAL_CAR';
    fareFields.hidden = transport.value !== 'TRAIN' && transport.value !== 'PUBLIC_TRANSPORT';
  };
  paris.addEventListener('change', showConditional);
  transport.addEventListener('change', showConditional);
  showConditional();

  const estimate = liveEstimate(ctx, draft);

  let form: HTMLFormElement;
  const summary = errorSummary('mission-erreurs', () => form);
  const submit = h('button', { type: 'submit', class: 'button' }, 'Envoyer la demande');
  const status = h('p', { class: 'busy-status', role: 'status' });
  form = h(
    'form',
    { class: 'parapheur-form mission-form', 'aria-labelledby': 'mission-form-titre', novalidate: true },
    h('h2', { id: 'mission-form-titre' }, 'Nouvel ordre de mission'),
    h(
      'p',
      { class: 'hint' },
      'Tous les champs sont obligatoires, sauf mention « facultatif ». Les heures sont celles de Paris. L’ordre de mission est validé par votre responsable, le coût estimé réservé sur la ligne budgétaire, puis l’ordre est signé par le signataire de la commune.',
    ),
    summary.element,
    formField(IDS.purpose, 'Objet de la mission', purpose, 'Par exemple : formation, réunion, salon ; 500 caractères au plus.', true),
    formField(IDS.destination, 'Destination', destination, 'La ville ou le lieu de la mission.'),
    h(
      'div',
      { class: 'field choice' },
      h('div', { class: 'inline-controls' }, paris, h('label', { for: paris.id }, 'La mission a lieu à Paris')),
      h('p', { class: 'hint', id: 'mission-paris-aide' }, rates ? `Les nuitées à Paris sont remboursées jusqu’à ${formatEuro(rates.nightParis)}.` : 'Les nuitées à Paris ont leur propre taux.'),
    ),
    populationField,
    h(
      'fieldset',
      { class: 'date-range-fieldset' },
      h('legend', {}, 'Départ'),
      h('div', { class: 'date-range' }, formField(IDS.departureDate, 'Date de départ', departureDate), formField(IDS.departureTime, 'Heure de départ', departureTime, 'Par exemple 07:00.')),
    ),
    h(
      'fieldset',
      { class: 'date-range-fieldset' },
      h('legend', {}, 'Retour'),
      h('div', { class: 'date-range' }, formField(IDS.returnDate, 'Date de retour', returnDate), formField(IDS.returnTime, 'Heure de retour', returnTime, 'Par exemple 20:00.')),
    ),
    formField(IDS.transport, 'Moyen de transport', transport),
    carFields,
    fareFields,
    estimate.element,
    formField(IDS.budgetLine, 'Ligne budgétaire', budgetLine, undefined, true),
    budgetHint,
    h('div', { class: 'actions' }, submit, h('a', { href: '/missions', 'data-link': true, class: 'button secondary' }, 'Annuler')),
    status,
  );
  form.addEventListener('input', estimate.schedule);
  form.addEventListener('change', estimate.schedule);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const d = draft();
    const errors = missionDraftErrors(d, today);
    if (errors.length > 0) {
      summary.show(errors.map((x) => ({ id: IDS[x.field], message: x.message })));
      return;
    }
    summary.clear();
    submit.disabled = true;
    submit.setAttribute('aria-busy', 'true');
    status.textContent = 'Envoi de la demande…';
    try {
      const created = await ctx.api.submitMission(missionBody(d));
      const message = `Votre demande d’ordre de mission a été envoyée : ${missionTitle(created)}, ${formatEuro(created.estimatedTotal)} estimés. Elle attend la validation de votre responsable.`;
      setNotice(missionHref(created.id), message);
      announce(message);
      ctx.refreshTaskCount();
      ctx.navigate(missionHref(created.id));
    } catch (err) {
      status.textContent = '';
      submit.disabled = false;
      submit.removeAttribute('aria-busy');
      const field = err instanceof ApiError ? missionErrorField(err.problem) : null;
      if (field) summary.show([{ id: IDS[field], message: messageOf(err) }]);
      else summary.show([], [messageOf(err)]);
    }
  });
  return form;
}

/**
 * The live estimate: once the times and the transport are known, `POST /missions/estimate` a short while after the
 * last change; the lines replace each other in a polite live region (read whole). While the input is incomplete or
 * invalid, a short hint says what is missing (not an error). A late answer of an older request is ignored.
 */
function liveEstimate(ctx: ViewContext, draft: () => MissionDraft): { element: HTMLElement; schedule: () => void } {
  const region = h('div', { id: 'mission-estimation', class: 'estimate-result', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const element = h(
    'section',
    { class: 'estimate', 'aria-labelledby': 'estimation-titre' },
    h('h3', { id: 'estimation-titre' }, 'Estimation des frais'),
    region,
    h('p', { class: 'hint' }, 'Calculée avec les taux de la commune (repas, nuitées, indemnités kilométriques) ; c’est ce montant qui est réservé sur la ligne budgétaire. Les frais réels sont déclarés après la mission dans l’état de frais.'),
  );
  const hint = (text: string) => region.replaceChildren(h('p', { class: 'estimate-hint' }, text));
  let timer: number | undefined;
  let last = '';
  let sequence = 0;
  const run = async () => {
    const ready = estimateInput(draft());
    if ('hint' in ready) {
      last = '';
      sequence++;
      region.removeAttribute('aria-busy');
      if (region.textContent !== ready.hint) hint(ready.hint);
      return;
    }
    const key = JSON.stringify({ ...ready.body, purpose: '', destination: '', budgetLine: '' });
    if (key === last) return;
    last = key;
    const mine = ++sequence;
    region.setAttribute('aria-busy', 'true');
    try {
      const estimate = await ctx.api.estimateMission(ready.body);
      if (mine !== sequence) return;
      region.replaceChildren(estimateList(estimate));
    } catch (e) {
      if (mine !== sequence) return;
      last = '';
      const invalid = e instanceof ApiError && (e.problem.code === 'invalid-mission' || e.problem.code === 'invalid-date');
      hint(invalid ? `Pas d’estimation pour ces valeurs : ${messageOf(e)}` : `L’estimation n’a pas pu être calculée : ${messageOf(e)}`);
    } finally {
      if (mine === sequence) region.removeAttribute('aria-busy');
    }
  };
  const schedule = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void run(), ESTIMATE_DELAY_MS);
  };
  hint('L’estimation s’affiche dès que les dates et heures de départ et de retour sont indiquées.');
  return { element, schedule };
}
