// The « Ordres de mission » section of the procedures' settings (administrators): who signs the commune's mission
// orders, the allowance rates, and the budget lines of a year.
import { ApiError, type BudgetLine, type Member, type MissionSettings } from '../api';
import { announce, h, srOnly } from '../dom';
import { formatEuro, formatInteger } from '../format';
import { budgetAvailable, horsepowerBand, isBudgetLineCode, parseEuros, parseWhole } from '../missions';
import type { ViewContext } from './context';
import { messageOf, tableRegion } from './documentParts';
import { busy, errorSummary, formField, sectionStatus, type FieldProblem } from './leaveParts';

/** Everything the section shows, read with the page. */
export interface MissionSettingsData {
  /** Null when the settings could not be read. */
  settings: MissionSettings | null;
  members: Member[];
  year: number;
  lines: BudgetLine[];
}

export function missionSettingsSection(ctx: ViewContext, data: MissionSettingsData): HTMLElement {
  const status = sectionStatus('missions-statut');
  return h(
    'section',
    { 'aria-labelledby': 'missions-titre', class: 'settings-section', id: 'ordres-de-mission' },
    h('h2', { id: 'missions-titre' }, 'Ordres de mission'),
    h(
      'p',
      {},
      'Le signataire désigné signe les ordres de mission de la commune dans son parapheur ; les taux servent à l’estimation des frais et au contrôle des états de frais. Le coût estimé d’une mission est réservé sur sa ligne budgétaire quand le responsable la valide.',
    ),
    status.element,
    data.settings
      ? signerForm(ctx, data.settings, data.members, status.say)
      : h('div', { class: 'alert alert-error', role: 'alert' }, 'Le signataire et les taux des ordres de mission n’ont pas pu être lus ; rechargez la page.'),
    budgetLines(ctx, data.year, data.lines, status.say),
  );
}

// ---- signer and rates

const RATE_FIELDS: { key: 'meal' | 'night' | 'nightLargeCity' | 'nightParis'; id: string; label: string }[] = [
  { key: 'meal', id: 'taux-repas', label: 'Repas (€)' },
  { key: 'night', id: 'taux-nuitee', label: 'Nuitée (€)' },
  { key: 'nightLargeCity', id: 'taux-nuitee-grande-ville', label: 'Nuitée dans une grande ville (€)' },
  { key: 'nightParis', id: 'taux-nuitee-paris', label: 'Nuitée à Paris (€)' },
];

const amountText = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n).replace('.', ','));

function signerForm(ctx: ViewContext, settings: MissionSettings, members: Member[], say: (m: string) => void): HTMLElement {
  const people = [...members].sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr'));
  const current = settings.signerUsername ?? '';
  if (current && !people.some((p) => p.username === current)) people.unshift({ username: current, displayName: current });
  const signer = people.length
    ? h(
        'select',
        { id: 'mission-signataire', name: 'signerUsername' },
        h('option', { value: '' }, 'Choisissez une personne'),
        people.map((p) => h('option', { value: p.username, selected: p.username === current }, p.displayName === p.username ? p.username : `${p.displayName} (${p.username})`)),
      )
    : h('input', { id: 'mission-signataire', name: 'signerUsername', type: 'text', autocomplete: 'off', value: current });
  const label = h('input', { id: 'mission-qualite', name: 'signerLabel', type: 'text', maxlength: 120, autocomplete: 'off', value: settings.signerLabel ?? '' });
  const rates = RATE_FIELDS.map((f) => ({
    ...f,
    input: h('input', { id: f.id, name: f.key, type: 'text', inputmode: 'decimal', class: 'short', autocomplete: 'off', value: amountText(settings.rates[f.key]) }),
  }));
  const population = h('input', {
    id: 'taux-population',
    name: 'largeCityPopulation',
    type: 'text',
    inputmode: 'numeric',
    class: 'short',
    autocomplete: 'off',
    value: String(settings.rates.largeCityPopulation ?? ''),
  });
  let form: HTMLFormElement;
  const summary = errorSummary('mission-reglages-erreurs', () => form);
  const save = h('button', { type: 'submit', class: 'button' }, 'Enregistrer le signataire et les taux');
  form = h(
    'form',
    { class: 'parapheur-form mission-settings-form', novalidate: true, 'aria-labelledby': 'signataire-titre' },
    h('h3', { id: 'signataire-titre' }, 'Signataire et taux'),
    settings.signerUsername ? null : h('p', { class: 'alert alert-info' }, 'Aucun signataire n’est encore désigné : les agents ne peuvent pas demander d’ordre de mission.'),
    h('p', { class: 'hint' }, 'Tous les champs sont obligatoires.'),
    summary.element,
    formField('mission-signataire', 'Signataire des ordres de mission', signer, 'Il reçoit chaque ordre de mission à signer dans son parapheur.'),
    formField('mission-qualite', 'Qualité du signataire', label, 'Telle qu’elle figure sous la signature : par exemple « Maire » ou « Adjoint au maire ».'),
    h(
      'fieldset',
      { class: 'rates-fieldset' },
      h('legend', {}, 'Taux des indemnités'),
      h(
        'div',
        { class: 'date-range' },
        rates.map((r) => formField(r.id, r.label, r.input)),
        formField('taux-population', 'Population d’une grande ville (habitants)', population, 'À partir de ce nombre d’habitants, la nuitée d’une grande ville s’applique.'),
      ),
    ),
    kilometricTable(settings),
    h('div', { class: 'actions' }, save),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const username = signer.value.trim();
    const values = rates.map((r) => ({ ...r, value: parseEuros(r.input.value) }));
    const inhabitants = parseWhole(population.value);
    const errors: FieldProblem[] = [
      !username ? { id: 'mission-signataire', message: 'Choisissez le signataire des ordres de mission.' } : null,
      !label.value.trim() ? { id: 'mission-qualite', message: 'Indiquez la qualité du signataire, par exemple « Maire ».' } : null,
      ...values.map((v) =>
        v.value === undefined || v.value === null || v.value > 1000 ? { id: v.id, message: 'Indiquez un montant en euros et centimes, de 0 à 1 000 €.' } : null,
      ),
      inhabitants === undefined || inhabitants === null || inhabitants < 1 ? { id: 'taux-population', message: 'Indiquez un nombre d’habitants (nombre entier).' } : null,
    ].filter((x): x is FieldProblem => x !== null);
    if (errors.length > 0) {
      summary.show(errors);
      return;
    }
    summary.clear();
    busy(save, true);
    try {
      const rate = (key: (typeof RATE_FIELDS)[number]['key']) => values.find((v) => v.key === key)?.value as number;
      const saved = await ctx.api.saveMissionSettings({
        signerUsername: username,
        signerLabel: label.value.trim(),
        rates: { meal: rate('meal'), night: rate('night'), nightLargeCity: rate('nightLargeCity'), nightParis: rate('nightParis'), largeCityPopulation: inhabitants as number },
      });
      const name = members.find((m) => m.username === saved.signerUsername)?.displayName ?? saved.signerUsername;
      say(`Réglages des ordres de mission enregistrés : signataire ${name} (${saved.signerLabel}), repas ${formatEuro(saved.rates.meal)}, nuitée ${formatEuro(saved.rates.night)}.`);
    } catch (err) {
      const code = err instanceof ApiError ? err.problem.code : undefined;
      const detail = err instanceof ApiError ? (err.problem.detail ?? '').toLowerCase() : '';
      const field = code === 'unknown-member' || (code === 'invalid-mission-settings' && detail.includes('signataire')) ? 'mission-signataire' : code === 'invalid-mission-settings' && detail.includes('taux') ? 'taux-repas' : null;
      if (field) summary.show([{ id: field, message: messageOf(err) }]);
      else summary.show([], [messageOf(err)]);
    } finally {
      busy(save, false);
    }
  });
  return form;
}

function kilometricTable(settings: MissionSettings): HTMLElement | null {
  const bands = settings.rates.kilometric ?? [];
  if (bands.length === 0) return null;
  const perKm = (n: number) => `${formatEuro(n)}/km`;
  return tableRegion(
    'Tableau des indemnités kilométriques',
    'Indemnités kilométriques d’un véhicule personnel, selon les kilomètres parcourus dans l’année (barème national, non modifiable ici)',
    ['Puissance fiscale', 'Jusqu’à 2 000 km', 'De 2 001 à 10 000 km', 'Au-delà de 10 000 km'],
    bands.map((b, i) => h('tr', {}, h('th', { scope: 'row' }, horsepowerBand(bands, i)), h('td', { class: 'number' }, perKm(b.upTo2000)), h('td', { class: 'number' }, perKm(b.upTo10000)), h('td', { class: 'number' }, perKm(b.beyond)))),
  );
}

// ---- budget lines

function budgetLines(ctx: ViewContext, initialYear: number, initial: BudgetLine[], say: (m: string) => void): HTMLElement {
  let year = initialYear;
  let lines = initial;
  const tableSlot = h('div', {});
  const formSlot = h('div', {});
  const render = () => tableSlot.replaceChildren(linesTable(year, lines, edit));
  const edit = (line?: BudgetLine) => {
    formSlot.replaceChildren(lineForm(ctx, year, line, lines, saved, () => edit()));
    if (line) (formSlot.querySelector('h4') as HTMLElement).focus();
  };
  const saved = async (line: BudgetLine) => {
    try {
      lines = await ctx.api.budgetLines(year);
    } catch {
      lines = [...lines.filter((l) => l.code !== line.code), line].sort((a, b) => a.code.localeCompare(b.code));
    }
    render();
    edit();
    say(`Ligne budgétaire « ${line.code} » de ${line.year} enregistrée : ${formatEuro(line.amount)} votés, ${formatEuro(budgetAvailable(line))} disponibles.`);
  };

  const yearInput = h('input', { id: 'lignes-exercice', name: 'year', type: 'number', min: 2000, max: 2200, step: 1, inputmode: 'numeric', class: 'short', value: String(year) });
  const yearError = h('p', { class: 'field-error', id: 'lignes-exercice-erreur', role: 'alert', hidden: true });
  const show = h('button', { type: 'submit', class: 'button secondary' }, 'Afficher', srOnly(' les lignes de cet exercice'));
  const yearForm = h(
    'form',
    { class: 'month-form inline-controls', novalidate: true, 'aria-label': 'Exercice des lignes budgétaires' },
    h('div', { class: 'field' }, h('label', { for: yearInput.id }, 'Exercice'), yearError, yearInput),
    show,
  );
  yearForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = Number(yearInput.value);
    yearError.hidden = true;
    yearInput.removeAttribute('aria-invalid');
    if (!Number.isInteger(value) || value < 2000 || value > 2200) {
      yearError.textContent = 'Indiquez une année de 2000 à 2200.';
      yearError.hidden = false;
      yearInput.setAttribute('aria-invalid', 'true');
      yearInput.setAttribute('aria-describedby', yearError.id);
      yearInput.focus();
      return;
    }
    busy(show, true);
    try {
      lines = await ctx.api.budgetLines(value);
      year = value;
      render();
      edit();
      announce(lines.length === 0 ? `Aucune ligne budgétaire pour ${year}.` : `${lines.length} ligne(s) budgétaire(s) pour ${year}.`);
    } catch (err) {
      yearError.textContent = messageOf(err);
      yearError.hidden = false;
    } finally {
      busy(show, false);
    }
  });
  render();
  edit();
  return h(
    'div',
    { class: 'budget-lines' },
    h('h3', { id: 'lignes-titre' }, 'Lignes budgétaires'),
    h('p', {}, 'Les crédits votés pour les déplacements, par exercice : un ordre de mission se demande sur une ligne de l’année de son départ, et son coût estimé y est réservé.'),
    yearForm,
    tableSlot,
    formSlot,
  );
}

function linesTable(year: number, lines: BudgetLine[], edit: (l: BudgetLine) => void): HTMLElement {
  if (lines.length === 0) return h('p', { class: 'empty' }, `Aucune ligne budgétaire pour l’exercice ${year} : ajoutez-en avec le formulaire ci-dessous.`);
  return tableRegion(
    'Tableau des lignes budgétaires',
    `Lignes budgétaires de l’exercice ${year} (${lines.length === 1 ? '1 ligne' : `${formatInteger(lines.length)} lignes`})`,
    ['Code', 'Libellé', 'Service', 'Montant voté', 'Réservé', 'Disponible', 'Action'],
    lines.map((l) => {
      const modify = h('button', { type: 'button', class: 'button secondary small' }, 'Modifier', srOnly(` la ligne ${l.code}`));
      modify.addEventListener('click', () => edit(l));
      return h(
        'tr',
        {},
        h('th', { scope: 'row' }, l.code),
        h('td', {}, l.label),
        h('td', {}, l.service || '—'),
        h('td', { class: 'number' }, formatEuro(l.amount)),
        h('td', { class: 'number' }, formatEuro(l.committed)),
        h('td', { class: 'number' }, formatEuro(budgetAvailable(l))),
        h('td', {}, modify),
      );
    }),
  );
}

function lineForm(
  ctx: ViewContext,
  year: number,
  line: BudgetLine | undefined,
  lines: BudgetLine[],
  saved: (l: BudgetLine) => Promise<void>,
  reset: () => void,
): HTMLElement {
  const editing = !!line;
  const code = h('input', { id: 'ligne-code', name: 'code', type: 'text', maxlength: 40, autocomplete: 'off', class: 'short', value: line?.code, readonly: editing });
  const label = h('input', { id: 'ligne-libelle', name: 'label', type: 'text', maxlength: 200, autocomplete: 'off', value: line?.label });
  const service = h('input', { id: 'ligne-service', name: 'service', type: 'text', maxlength: 200, autocomplete: 'off', value: line?.service ?? '' });
  const amount = h('input', { id: 'ligne-montant', name: 'amount', type: 'text', inputmode: 'decimal', class: 'short', autocomplete: 'off', value: amountText(line?.amount) });
  let form: HTMLFormElement;
  const summary = errorSummary('ligne-erreurs', () => form);
  const save = h('button', { type: 'submit', class: 'button' }, 'Enregistrer la ligne');
  const cancel = editing ? h('button', { type: 'button', class: 'button secondary' }, 'Annuler la modification') : null;
  cancel?.addEventListener('click', reset);
  form = h(
    'form',
    { class: 'parapheur-form budget-line-form', novalidate: true, 'aria-labelledby': 'ligne-form-titre' },
    h('h4', { id: 'ligne-form-titre', tabindex: '-1' }, editing ? `Modifier la ligne ${line.code} (${year})` : `Ajouter une ligne budgétaire pour ${year}`),
    h('p', { class: 'hint' }, 'Tous les champs sont obligatoires, sauf mention « facultatif ».'),
    summary.element,
    formField('ligne-code', 'Code de la ligne', code, editing ? 'Le code d’une ligne ne change pas.' : 'Lettres, chiffres, points, tirets ou _ : par exemple 6256-FORM.'),
    formField('ligne-libelle', 'Libellé de la ligne', label),
    formField('ligne-service', 'Service gestionnaire (facultatif)', service),
    formField('ligne-montant', 'Montant voté (€)', amount, 'Le montant des crédits de l’exercice, par exemple 12 000.'),
    h('div', { class: 'actions' }, save, cancel),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = code.value.trim();
    const voted = parseEuros(amount.value);
    const errors = [
      !isBudgetLineCode(value) ? { id: 'ligne-code', message: 'Le code fait de 1 à 40 lettres, chiffres, points, tirets ou _.' } : null,
      !editing && lines.some((l) => l.code === value) ? { id: 'ligne-code', message: 'Cette ligne existe déjà pour cet exercice : modifiez-la depuis le tableau.' } : null,
      !label.value.trim() ? { id: 'ligne-libelle', message: 'Indiquez le libellé de la ligne.' } : null,
      voted === undefined || voted === null ? { id: 'ligne-montant', message: 'Indiquez le montant voté en euros et centimes, par exemple 12 000 ou 850,50.' } : null,
    ].filter((x): x is FieldProblem => x !== null);
    if (errors.length > 0 || voted === undefined || voted === null) {
      summary.show(errors);
      return;
    }
    summary.clear();
    busy(save, true);
    try {
      await saved(await ctx.api.saveBudgetLine(value, year, { label: label.value.trim(), service: service.value.trim() || null, amount: voted }));
    } catch (err) {
      busy(save, false);
      const detail = err instanceof ApiError ? (err.problem.detail ?? '').toLowerCase() : '';
      const field =
        err instanceof ApiError && err.problem.code === 'invalid-budget-line'
          ? detail.includes('code')
            ? 'ligne-code'
            : detail.includes('libellé')
              ? 'ligne-libelle'
              : detail.includes('montant')
                ? 'ligne-montant'
                : null
          : null;
      if (field) summary.show([{ id: field, message: messageOf(err) }]);
      else summary.show([], [messageOf(err)]);
    }
  });
  return form;
}
