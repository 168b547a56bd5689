import {
  DURATION_UNITS,
  FINAL_ACTION,
  SERVICE_LABELS,
  durationFields,
  durationLabel,
  isAgreementIdentifier,
  isArchiveAdmin,
  isRuleCode,
  isServiceCode,
  labelOf,
  parseCodes,
  periodOf,
  serviceLabel,
  type ArchivalAgreement,
  type DurationUnit,
  type RetentionRule,
} from '../archive';
import { h, srOnly } from '../dom';
import type { ViewContext } from './context';
import { messageOf, tableRegion } from './documentParts';
import { busy, errorSummary, formField, sectionStatus, type FieldProblem } from './leaveParts';
import { archiveNav, archivePage } from './archiveParts';

const TITLE = "Référentiel d'archivage";

/**
 * The commune's retention rules (DUA and final action) and archival agreements (services and rules allowed). Everyone
 * reads them; the administrator adds and changes them (archived units keep the rule they were archived with).
 */
export async function archiveReferentialView(ctx: ViewContext): Promise<HTMLElement[]> {
  return archivePage(ctx.me, TITLE, async () => {
    const [rules, agreements] = await Promise.all([ctx.api.archive.rules(), ctx.api.archive.agreements()]);
    const admin = isArchiveAdmin(ctx.me);
    const state = { rules, agreements };
    const status = sectionStatus('referentiel-resultat');

    const rulesSlot = h('div', {});
    const ruleFormSlot = h('div', {});
    const agreementsSlot = h('div', {});
    const agreementFormSlot = h('div', {});
    const renderRules = () => rulesSlot.replaceChildren(rulesTable(state.rules, admin ? editRule : null));
    const renderAgreements = () => agreementsSlot.replaceChildren(agreementsTable(state.agreements, state.rules, admin ? editAgreement : null));
    function editRule(rule?: RetentionRule) {
      ruleFormSlot.replaceChildren(ruleForm(ctx, rule, state.rules, ruleSaved, () => editRule()));
      if (rule) (ruleFormSlot.querySelector('h3') as HTMLElement).focus();
    }
    function editAgreement(agreement?: ArchivalAgreement) {
      agreementFormSlot.replaceChildren(agreementForm(ctx, agreement, state.agreements, state.rules, agreementSaved, () => editAgreement()));
      if (agreement) (agreementFormSlot.querySelector('h3') as HTMLElement).focus();
    }
    const ruleSaved = async (rule: RetentionRule) => {
      try {
        state.rules = await ctx.api.archive.rules();
      } catch {
        state.rules = [...state.rules.filter((r) => r.code !== rule.code), rule];
      }
      renderRules();
      renderAgreements();
      editRule();
      if (admin) editAgreement();
      status.say(`Règle « ${rule.label} » (${rule.code}) enregistrée : ${durationLabel(rule.duration)}, sort final ${labelOf(FINAL_ACTION, rule.finalAction).toLowerCase()}.`);
    };
    const agreementSaved = async (agreement: ArchivalAgreement) => {
      try {
        state.agreements = await ctx.api.archive.agreements();
      } catch {
        state.agreements = [...state.agreements.filter((a) => a.identifier !== agreement.identifier), agreement];
      }
      renderAgreements();
      editAgreement();
      status.say(`Convention « ${agreement.label} » (${agreement.identifier}) enregistrée${agreement.active ? '' : ' ; elle est inactive'}.`);
    };
    renderRules();
    renderAgreements();
    if (admin) {
      editRule();
      editAgreement();
    }
    return [
      h('p', { class: 'breadcrumb' }, h('a', { href: '/archives', 'data-link': true }, 'Archives'), ` › ${TITLE}`),
      h('h1', { tabindex: '-1' }, TITLE),
      archiveNav(ctx.me, 'referentiel'),
      h('p', { class: 'lead' }, 'Les règles de gestion fixent la durée d’utilité administrative (DUA) des documents et leur sort final ; les conventions d’archivage fixent quels services versent, sous quelles règles.'),
      admin ? null : h('p', {}, 'Seul l’administrateur de la commune modifie le référentiel.'),
      status.element,
      h('section', { 'aria-labelledby': 'regles-titre' }, h('h2', { id: 'regles-titre' }, 'Règles de gestion'), rulesSlot, ruleFormSlot),
      h('section', { 'aria-labelledby': 'conventions-titre' }, h('h2', { id: 'conventions-titre' }, 'Conventions d’archivage'), agreementsSlot, agreementFormSlot),
    ];
  });
}

// ---- rules

function rulesTable(rules: RetentionRule[], edit: ((r: RetentionRule) => void) | null): HTMLElement {
  if (rules.length === 0) return h('p', { class: 'empty' }, 'Aucune règle de gestion.');
  const sorted = [...rules].sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  return tableRegion(
    'Tableau des règles de gestion',
    sorted.length === 1 ? '1 règle de gestion' : `${sorted.length} règles de gestion, par ordre alphabétique`,
    ['Code', 'Intitulé', 'Durée d’utilité administrative', 'Sort final', ...(edit ? ['Action'] : [])],
    sorted.map((r) => {
      let action: HTMLElement | null = null;
      if (edit) {
        const modify = h('button', { type: 'button', class: 'button secondary small' }, 'Modifier', srOnly(` la règle ${r.label}`));
        modify.addEventListener('click', () => edit(r));
        action = h('td', {}, modify);
      }
      return h(
        'tr',
        {},
        h('th', { scope: 'row' }, h('code', {}, r.code)),
        h('td', {}, r.label),
        h('td', {}, durationLabel(r.duration)),
        h('td', {}, r.duration ? labelOf(FINAL_ACTION, r.finalAction) : `${labelOf(FINAL_ACTION, r.finalAction)} (sans échéance)`),
        action,
      );
    }),
  );
}

function ruleForm(ctx: ViewContext, rule: RetentionRule | undefined, rules: RetentionRule[], saved: (r: RetentionRule) => Promise<void>, reset: () => void): HTMLElement {
  const editing = !!rule;
  const fields = durationFields(rule?.duration);
  const forever = editing && !rule.duration;
  const code = h('input', { id: 'regle-code', name: 'code', type: 'text', maxlength: 40, autocomplete: 'off', class: 'short', value: rule?.code, readonly: editing });
  const label = h('input', { id: 'regle-intitule', name: 'label', type: 'text', maxlength: 200, autocomplete: 'off', value: rule?.label });
  const definitive = h('input', { id: 'regle-definitive', name: 'forever', type: 'checkbox', checked: forever });
  const amount = h('input', { id: 'regle-duree', name: 'amount', type: 'number', min: 1, max: 9999, step: 1, inputmode: 'numeric', class: 'short', value: fields ? String(fields.amount) : '' });
  const unit = h('select', { id: 'regle-unite', name: 'unit' }, DURATION_UNITS.map((u) => h('option', { value: u.value, selected: u.value === (fields?.unit ?? 'Y') }, u.label)));
  const finalAction = h(
    'select',
    { id: 'regle-sort', name: 'finalAction' },
    h('option', { value: 'DESTROY', selected: rule?.finalAction !== 'KEEP' }, 'Destruction'),
    h('option', { value: 'KEEP', selected: rule?.finalAction === 'KEEP' }, 'Conservation'),
  );
  const syncForever = () => {
    amount.disabled = definitive.checked;
    unit.disabled = definitive.checked;
    if (definitive.checked) finalAction.value = 'KEEP';
  };
  definitive.addEventListener('change', syncForever);
  syncForever();

  let form: HTMLFormElement;
  const summary = errorSummary('regle-erreurs', () => form);
  const save = h('button', { type: 'submit', class: 'button' }, 'Enregistrer la règle');
  const cancel = editing ? h('button', { type: 'button', class: 'button secondary' }, 'Annuler la modification') : null;
  cancel?.addEventListener('click', reset);
  form = h(
    'form',
    { class: 'parapheur-form rule-form', novalidate: true, 'aria-labelledby': 'regle-form-titre' },
    h('h3', { id: 'regle-form-titre', tabindex: '-1' }, editing ? `Modifier la règle ${rule.code}` : 'Ajouter une règle de gestion'),
    h('p', { class: 'hint' }, 'Tous les champs sont obligatoires, sauf mention « facultatif ». Les unités déjà archivées gardent la règle de leur versement.'),
    summary.element,
    formField('regle-code', 'Code de la règle', code, editing ? 'Le code d’une règle ne change pas.' : 'Lettres capitales, chiffres, tirets ou _ : par exemple SUBVENTIONS.'),
    formField('regle-intitule', 'Intitulé', label),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Durée d’utilité administrative'),
      h('div', { class: 'field choice' }, h('div', { class: 'inline-controls' }, definitive, h('label', { for: 'regle-definitive' }, 'Conservation définitive (sans durée)'))),
      h('div', { class: 'date-range' }, formField('regle-duree', 'Durée', amount), formField('regle-unite', 'Unité', unit)),
    ),
    formField('regle-sort', 'Sort final', finalAction, 'Ce qu’il advient de l’unité au terme de sa durée : sa destruction (après double approbation) ou sa conservation.'),
    h('div', { class: 'actions' }, save, cancel),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = code.value.trim().toUpperCase();
    const duration = definitive.checked ? null : periodOf(amount.value, unit.value as DurationUnit);
    const errors = [
      !isRuleCode(value) ? { id: 'regle-code', message: 'Le code fait de 1 à 40 lettres capitales, chiffres, tirets ou _.' } : null,
      !editing && rules.some((r) => r.code === value) ? { id: 'regle-code', message: 'Cette règle existe déjà : modifiez-la depuis le tableau.' } : null,
      !label.value.trim() ? { id: 'regle-intitule', message: 'Indiquez l’intitulé de la règle.' } : null,
      !definitive.checked && !duration ? { id: 'regle-duree', message: 'Indiquez une durée en nombre entier (au moins 1), ou cochez « Conservation définitive ».' } : null,
    ].filter((x): x is FieldProblem => x !== null);
    if (errors.length > 0) {
      summary.show(errors);
      return;
    }
    summary.clear();
    busy(save, true);
    try {
      await saved(await ctx.api.archive.saveRule(value, { label: label.value.trim(), duration, finalAction: finalAction.value }));
    } catch (err) {
      busy(save, false);
      summary.show([], [messageOf(err)]);
    }
  });
  return form;
}

// ---- agreements

function agreementsTable(agreements: ArchivalAgreement[], rules: RetentionRule[], edit: ((a: ArchivalAgreement) => void) | null): HTMLElement {
  if (agreements.length === 0) return h('p', { class: 'empty' }, 'Aucune convention d’archivage.');
  const ruleName = (code: string) => rules.find((r) => r.code === code)?.label ?? code;
  return tableRegion(
    'Tableau des conventions d’archivage',
    agreements.length === 1 ? '1 convention d’archivage' : `${agreements.length} conventions d’archivage`,
    ['Identifiant', 'Intitulé', 'Services producteurs', 'Règles de gestion', 'État', ...(edit ? ['Action'] : [])],
    agreements.map((a) => {
      let action: HTMLElement | null = null;
      if (edit) {
        const modify = h('button', { type: 'button', class: 'button secondary small' }, 'Modifier', srOnly(` la convention ${a.label}`));
        modify.addEventListener('click', () => edit(a));
        action = h('td', {}, modify);
      }
      return h(
        'tr',
        {},
        h('th', { scope: 'row' }, h('code', {}, a.identifier)),
        h('td', {}, a.label),
        h('td', {}, a.services.length ? h('ul', { class: 'compact-list' }, a.services.map((s) => h('li', {}, serviceLabel(s)))) : '—'),
        h('td', {}, a.rules.length ? h('ul', { class: 'compact-list' }, a.rules.map((r) => h('li', {}, ruleName(r)))) : '—'),
        h('td', {}, h('span', { class: a.active ? 'status status-active' : 'status' }, a.active ? 'Active' : 'Inactive')),
        action,
      );
    }),
  );
}

function agreementForm(
  ctx: ViewContext,
  agreement: ArchivalAgreement | undefined,
  agreements: ArchivalAgreement[],
  rules: RetentionRule[],
  saved: (a: ArchivalAgreement) => Promise<void>,
  reset: () => void,
): HTMLElement {
  const editing = !!agreement;
  const identifier = h('input', { id: 'convention-identifiant', name: 'identifier', type: 'text', maxlength: 80, autocomplete: 'off', value: agreement?.identifier, readonly: editing });
  const label = h('input', { id: 'convention-intitule', name: 'label', type: 'text', maxlength: 200, autocomplete: 'off', value: agreement?.label });
  const services = h('input', { id: 'convention-services', name: 'services', type: 'text', maxlength: 1000, autocomplete: 'off', value: agreement?.services.join(', ') ?? '' });
  const active = h('input', { id: 'convention-active', name: 'active', type: 'checkbox', checked: agreement ? agreement.active : true });
  const ruleBoxes = [...rules]
    .sort((a, b) => a.label.localeCompare(b.label, 'fr'))
    .map((r) => {
      const id = `convention-regle-${r.code}`;
      const box = h('input', { id, name: 'rules', type: 'checkbox', value: r.code, checked: agreement?.rules.includes(r.code) ?? false });
      return { box, element: h('div', { class: 'choice' }, box, h('label', { for: id }, `${r.label} (${durationLabel(r.duration)})`)) };
    });

  let form: HTMLFormElement;
  const summary = errorSummary('convention-erreurs', () => form);
  const save = h('button', { type: 'submit', class: 'button' }, 'Enregistrer la convention');
  const cancel = editing ? h('button', { type: 'button', class: 'button secondary' }, 'Annuler la modification') : null;
  cancel?.addEventListener('click', reset);
  const known = Object.keys(SERVICE_LABELS).join(', ');
  form = h(
    'form',
    { class: 'parapheur-form agreement-form', novalidate: true, 'aria-labelledby': 'convention-form-titre' },
    h('h3', { id: 'convention-form-titre', tabindex: '-1' }, editing ? `Modifier la convention ${agreement.identifier}` : 'Ajouter une convention d’archivage'),
    h('p', { class: 'hint' }, 'Tous les champs sont obligatoires, sauf mention « facultatif ».'),
    summary.element,
    formField('convention-identifiant', 'Identifiant de la convention', identifier, editing ? 'L’identifiant d’une convention ne change pas.' : 'Lettres, chiffres, points, tirets, deux-points ou _ : par exemple CONV-67204-URBANISME.'),
    formField('convention-intitule', 'Intitulé', label, undefined, true),
    formField('convention-services', 'Services producteurs', services, `Codes séparés par des virgules. Services usuels : ${known}.`, true),
    h('fieldset', { class: 'source-choice', id: 'convention-regles' }, h('legend', {}, 'Règles de gestion autorisées'), ruleBoxes.map((r) => r.element)),
    h('div', { class: 'field choice' }, h('div', { class: 'inline-controls' }, active, h('label', { for: 'convention-active' }, 'Convention active (les versements y sont possibles)'))),
    h('div', { class: 'actions' }, save, cancel),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const id = identifier.value.trim();
    const codes = parseCodes(services.value);
    const chosen = ruleBoxes.filter((r) => r.box.checked).map((r) => r.box.value);
    const errors = [
      !isAgreementIdentifier(id) ? { id: 'convention-identifiant', message: 'L’identifiant fait de 2 à 80 lettres, chiffres, points, tirets, deux-points ou _.' } : null,
      !editing && agreements.some((a) => a.identifier === id) ? { id: 'convention-identifiant', message: 'Cette convention existe déjà : modifiez-la depuis le tableau.' } : null,
      !label.value.trim() ? { id: 'convention-intitule', message: 'Indiquez l’intitulé de la convention.' } : null,
      codes.length === 0 ? { id: 'convention-services', message: 'Indiquez au moins un service producteur.' } : null,
      codes.some((c) => !isServiceCode(c)) ? { id: 'convention-services', message: `Codes de service invalides : ${codes.filter((c) => !isServiceCode(c)).join(', ')}.` } : null,
    ].filter((x): x is FieldProblem => x !== null);
    const general = chosen.length === 0 && ruleBoxes.length > 0 ? ['Cochez au moins une règle de gestion autorisée.'] : [];
    if (errors.length > 0 || general.length > 0) {
      summary.show(errors, general);
      return;
    }
    summary.clear();
    busy(save, true);
    try {
      await saved(await ctx.api.archive.saveAgreement(id, { label: label.value.trim(), services: codes, rules: chosen, active: active.checked }));
    } catch (err) {
      busy(save, false);
      summary.show([], [messageOf(err)]);
    }
  });
  return form;
}
