import { ApiError, type BudgetLine, type DefinitionUse, type LeaveType, type Member, type WorkflowAgent, type WorkflowSettings } from '../api';
import { announce, h, srOnly } from '../dom';
import { formatDateTime, todayIso } from '../format';
import { yearOf } from '../missions';
import { DAY_WORK, PATTERN_DAYS, bpmnViolations, formatDays, isLeaveTypeCode, parseBalance, parsePattern, patternText, patternValue } from '../leave';
import type { ViewContext } from './context';
import { openFormDialog } from './dialog';
import { messageOf, tableRegion } from './documentParts';
import { busy, errorSummary, formField, leaveNav, leavePage, sectionStatus } from './leaveParts';
import { missionSettingsSection } from './missionSettings';

const TITLE = 'Réglages des procédures';

/**
 * The commune's procedure settings (administrators): HR validation and reminder delay, the agents as the procedures
 * know them (manager, service, working pattern) and their balances, the leave types, the mission orders' signer, rates
 * and budget lines, and which definition of each process the commune runs (its BPMN variant or the shared
 * definition). Each section saves on its own and says so in its status message, which receives the focus.
 */
export async function procedureSettingsView(ctx: ViewContext): Promise<HTMLElement[]> {
  return leavePage(ctx.me, TITLE, async () => {
    const year = yearOf(todayIso(), new Date().getFullYear());
    const [settings, agents, types, definitions, members, missionSettings, budgetLines] = await Promise.all([
      ctx.api.workflowSettings(),
      ctx.api.workflowAgents(),
      ctx.api.leaveTypes(),
      ctx.api.definitions(),
      ctx.api.members().catch(() => [] as Member[]),
      ctx.api.missionSettings().catch(() => null),
      ctx.api.budgetLines(year).catch(() => [] as BudgetLine[]),
    ]);
    return [
      h('h1', { tabindex: '-1' }, TITLE),
      leaveNav(ctx.me, 'reglages'),
      h(
        'p',
        { class: 'lead' },
        'Comment les demandes de congés et les ordres de mission de la commune sont décidés : étapes, relances, agents et leurs responsables, types de congés, signataire, taux et lignes budgétaires des ordres de mission, définitions des procédures.',
      ),
      settingsSection(ctx, settings),
      agentsSection(ctx, agents, members, types),
      typesSection(ctx, types),
      missionSettingsSection(ctx, { settings: missionSettings, members, year, lines: budgetLines }),
      definitionsSection(ctx, definitions),
    ];
  });
}

const yesNo = (b: boolean) => (b ? 'Oui' : 'Non');

function checkbox(id: string, name: string, label: string, checked: boolean, hint?: string): { input: HTMLInputElement; element: HTMLElement } {
  const input = h('input', { id, name, type: 'checkbox', checked, 'aria-describedby': hint ? `${id}-aide` : undefined });
  return { input, element: h('div', { class: 'field choice' }, h('div', { class: 'inline-controls' }, input, h('label', { for: id }, label)), hint ? h('p', { class: 'hint', id: `${id}-aide` }, hint) : null) };
}

// ---- settings

function settingsSection(ctx: ViewContext, settings: WorkflowSettings): HTMLElement {
  const status = sectionStatus('reglages-statut');
  const hr = checkbox('reglage-rh', 'hrValidation', 'Validation par le service RH après le responsable', settings.hrValidation, 'Une demande accordée par le responsable est ensuite validée par un administrateur de la commune.');
  const reminder = h('input', { id: 'reglage-relance', name: 'reminderWorkingDays', type: 'number', min: 1, max: 60, step: 1, inputmode: 'numeric', class: 'short', value: String(settings.reminderWorkingDays) });
  let form: HTMLFormElement;
  const summary = errorSummary('reglages-erreurs', () => form);
  const save = h('button', { type: 'submit', class: 'button' }, 'Enregistrer les réglages');
  form = h(
    'form',
    { class: 'parapheur-form', novalidate: true, 'aria-labelledby': 'reglages-titre' },
    summary.element,
    hr.element,
    formField('reglage-relance', 'Délai de relance (jours ouvrés)', reminder, 'De 1 à 60. Sans décision après ce délai, le responsable est relancé et la demande est aussi proposée à son propre responsable (N+2).'),
    h('div', { class: 'actions' }, save),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const days = Number(reminder.value);
    if (!Number.isInteger(days) || days < 1 || days > 60) {
      summary.show([{ id: 'reglage-relance', message: 'Indiquez un nombre entier de jours ouvrés, de 1 à 60.' }]);
      return;
    }
    summary.clear();
    busy(save, true);
    try {
      const saved = await ctx.api.saveWorkflowSettings({ hrValidation: hr.input.checked, reminderWorkingDays: days });
      hr.input.checked = saved.hrValidation;
      reminder.value = String(saved.reminderWorkingDays);
      status.say(`Réglages enregistrés : validation RH ${saved.hrValidation ? 'activée' : 'désactivée'}, relance après ${saved.reminderWorkingDays} jour(s) ouvré(s).`);
    } catch (err) {
      summary.show([], [messageOf(err)]);
    } finally {
      busy(save, false);
    }
  });
  return h('section', { 'aria-labelledby': 'reglages-titre', class: 'settings-section' }, h('h2', { id: 'reglages-titre' }, 'Validation des demandes'), status.element, form);
}

// ---- agents and balances

function agentsSection(ctx: ViewContext, initial: WorkflowAgent[], members: Member[], types: LeaveType[]): HTMLElement {
  let agents = initial;
  const status = sectionStatus('agents-statut');
  const tableSlot = h('div', {});
  const formSlot = h('div', {});
  const balanceSlot = h('div', {});
  const nameOf = (username: string | null | undefined) => {
    if (!username) return null;
    return agents.find((a) => a.username === username)?.displayName || members.find((m) => m.username === username)?.displayName || username;
  };
  const render = () => {
    tableSlot.replaceChildren(agentsTable(agents, nameOf, edit));
    balanceSlot.replaceChildren(balanceForm(ctx, agents, types, status.say));
  };
  const edit = (agent?: WorkflowAgent) => {
    formSlot.replaceChildren(agentForm(ctx, agent, agents, members, saved, () => edit()));
    if (agent) (formSlot.querySelector('h3') as HTMLElement).focus();
  };
  const saved = async (agent: WorkflowAgent) => {
    try {
      agents = await ctx.api.workflowAgents();
    } catch {
      agents = [...agents.filter((a) => a.username !== agent.username), agent];
    }
    render();
    edit();
    status.say(`Agent « ${agent.displayName} » enregistré.`);
  };
  render();
  edit();
  return h(
    'section',
    { 'aria-labelledby': 'agents-titre', class: 'settings-section' },
    h('h2', { id: 'agents-titre' }, 'Agents'),
    h('p', {}, 'Le responsable d’un agent décide de ses demandes. Un agent sans responsable voit ses demandes proposées à toute personne ayant le rôle « Encadrant ». Le rythme de travail compte les jours ouvrés de chaque demande.'),
    status.element,
    tableSlot,
    formSlot,
    balanceSlot,
  );
}

function agentsTable(agents: WorkflowAgent[], nameOf: (u: string | null | undefined) => string | null, edit: (a: WorkflowAgent) => void): HTMLElement {
  if (agents.length === 0) return h('p', { class: 'empty' }, 'Aucun agent n’est encore décrit : ajoutez-les avec le formulaire ci-dessous.');
  return tableRegion(
    'Tableau des agents',
    agents.length === 1 ? '1 agent' : `${agents.length} agents`,
    ['Agent', 'Service', 'Responsable', 'Rythme de travail', 'Actif', 'Action'],
    agents.map((a) => {
      const modify = h('button', { type: 'button', class: 'button secondary small' }, 'Modifier', srOnly(` l’agent ${a.displayName}`));
      modify.addEventListener('click', () => edit(a));
      return h(
        'tr',
        {},
        h('th', { scope: 'row' }, a.displayName, h('span', { class: 'meta' }, ` (${a.username})`)),
        h('td', {}, a.service || '—'),
        h('td', {}, nameOf(a.managerUsername) ?? 'Aucun (rôle Encadrant)'),
        h('td', {}, patternText(a.workingPattern)),
        h('td', {}, yesNo(a.active)),
        h('td', {}, modify),
      );
    }),
  );
}

function agentForm(
  ctx: ViewContext,
  agent: WorkflowAgent | undefined,
  agents: WorkflowAgent[],
  members: Member[],
  saved: (a: WorkflowAgent) => Promise<void>,
  reset: () => void,
): HTMLElement {
  const editing = !!agent;
  const known = new Set(agents.map((a) => a.username));
  const candidates = members.filter((m) => !known.has(m.username)).sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr'));
  // a new agent: a person of the commune (or a user name typed when the list is unavailable)
  const person: HTMLInputElement | HTMLSelectElement | null = editing
    ? null
    : members.length
      ? h('select', { id: 'agent-personne', name: 'username' }, h('option', { value: '' }, 'Choisissez une personne'), candidates.map((m) => h('option', { value: m.username }, `${m.displayName} (${m.username})`)))
      : h('input', { id: 'agent-personne', name: 'username', type: 'text', maxlength: 255, autocomplete: 'off' });
  const name = h('input', { id: 'agent-nom', name: 'displayName', type: 'text', maxlength: 200, autocomplete: 'off', value: agent?.displayName });
  person?.addEventListener('change', () => {
    const m = members.find((x) => x.username === person.value);
    if (m && !name.value.trim()) name.value = m.displayName;
  });
  const service = h('input', { id: 'agent-service', name: 'service', type: 'text', maxlength: 200, autocomplete: 'off', value: agent?.service ?? '' });
  const people = new Map<string, string>();
  members.forEach((m) => people.set(m.username, m.displayName));
  agents.forEach((a) => people.set(a.username, a.displayName));
  if (agent?.managerUsername && !people.has(agent.managerUsername)) people.set(agent.managerUsername, agent.managerUsername);
  const manager = h(
    'select',
    { id: 'agent-responsable', name: 'managerUsername' },
    h('option', { value: '' }, 'Aucun (toute personne ayant le rôle « Encadrant »)'),
    [...people.entries()]
      .filter(([u]) => u !== agent?.username)
      .sort((a, b) => a[1].localeCompare(b[1], 'fr'))
      .map(([u, n]) => h('option', { value: u, selected: u === agent?.managerUsername }, `${n} (${u})`)),
  );
  const work = parsePattern(agent?.workingPattern);
  const days = PATTERN_DAYS.map((d) => {
    const select = h('select', { id: `agent-rythme-${d.code}`, name: `rythme-${d.code}` }, DAY_WORK.map((w) => h('option', { value: w.value, selected: work[d.code] === w.value }, w.label)));
    return { code: d.code, select, element: h('div', { class: 'field' }, h('label', { for: select.id }, d.label), select) };
  });
  const active = checkbox('agent-actif', 'active', 'Agent actif', agent?.active ?? true);

  let form: HTMLFormElement;
  const summary = errorSummary('agent-erreurs', () => form);
  const save = h('button', { type: 'submit', class: 'button' }, 'Enregistrer l’agent');
  const cancel = editing ? h('button', { type: 'button', class: 'button secondary' }, 'Annuler la modification') : null;
  cancel?.addEventListener('click', reset);
  const heading = editing ? `Modifier l’agent ${agent.displayName}` : 'Ajouter un agent';
  form = h(
    'form',
    { class: 'parapheur-form agent-form', novalidate: true, 'aria-labelledby': 'agent-form-titre' },
    h('h3', { id: 'agent-form-titre', tabindex: '-1' }, heading),
    h('p', { class: 'hint' }, 'Tous les champs sont obligatoires, sauf mention « facultatif ».'),
    summary.element,
    editing ? h('p', {}, `Identifiant : ${agent.username}`) : formField('agent-personne', 'Personne', person as HTMLElement, members.length ? 'Les personnes de la commune qui ne sont pas encore décrites.' : 'L’identifiant de connexion de la personne.'),
    formField('agent-nom', 'Nom affiché', name),
    formField('agent-service', 'Service (facultatif)', service),
    formField('agent-responsable', 'Responsable', manager),
    h('fieldset', { class: 'pattern-fieldset' }, h('legend', {}, 'Rythme de travail'), h('div', { class: 'pattern-fields' }, days.map((d) => d.element))),
    active.element,
    h('div', { class: 'actions' }, save, cancel),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const username = editing ? agent.username : (person?.value ?? '').trim();
    const errors = [
      !username ? { id: 'agent-personne', message: members.length ? 'Choisissez la personne.' : 'Indiquez l’identifiant de la personne.' } : null,
      !name.value.trim() ? { id: 'agent-nom', message: 'Indiquez le nom affiché.' } : null,
      manager.value && manager.value === username ? { id: 'agent-responsable', message: 'Un agent ne peut pas être son propre responsable.' } : null,
    ].filter((x): x is { id: string; message: string } => x !== null);
    const pattern = patternValue(Object.fromEntries(days.map((d) => [d.code, d.select.value])));
    if (errors.length > 0) {
      summary.show(errors);
      return;
    }
    if (!pattern) {
      summary.show([{ id: days[0].select.id, message: 'Choisissez au moins une demi-journée travaillée.' }]);
      return;
    }
    summary.clear();
    busy(save, true);
    try {
      const result = await ctx.api.saveWorkflowAgent(username, {
        displayName: name.value.trim(),
        service: service.value.trim() || null,
        managerUsername: manager.value || null,
        workingPattern: pattern,
        active: active.input.checked,
      });
      await saved(result);
    } catch (err) {
      busy(save, false);
      const code = err instanceof ApiError ? err.problem.code : undefined;
      const field = code === 'invalid-displayName' ? 'agent-nom' : code === 'invalid-working-pattern' ? days[0].select.id : code === 'invalid-agent' ? 'agent-responsable' : null;
      if (field) summary.show([{ id: field, message: messageOf(err) }]);
      else summary.show([], [messageOf(err)]);
    }
  });
  return form;
}

function balanceForm(ctx: ViewContext, agents: WorkflowAgent[], types: LeaveType[], say: (m: string) => void): HTMLElement {
  const counted = types.filter((t) => t.tracksBalance);
  if (agents.length === 0 || counted.length === 0) return h('div', {});
  const agent = h('select', { id: 'solde-agent', name: 'agent' }, h('option', { value: '' }, 'Choisissez un agent'), agents.map((a) => h('option', { value: a.username }, `${a.displayName} (${a.username})`)));
  const type = h('select', { id: 'solde-type', name: 'type' }, counted.map((t) => h('option', { value: t.code }, t.label)));
  const days = h('input', { id: 'solde-jours', name: 'days', type: 'text', inputmode: 'decimal', class: 'short', autocomplete: 'off' });
  let form: HTMLFormElement;
  const summary = errorSummary('solde-erreurs', () => form);
  const save = h('button', { type: 'submit', class: 'button secondary' }, 'Enregistrer le solde');
  form = h(
    'form',
    { class: 'parapheur-form balance-form', novalidate: true, 'aria-labelledby': 'solde-titre' },
    h('h3', { id: 'solde-titre' }, 'Fixer un solde'),
    h('p', { class: 'hint' }, 'Le solde de l’agent pour ce type est remplacé par la valeur indiquée (ajustement enregistré au journal).'),
    summary.element,
    h('div', { class: 'date-range' }, formField('solde-agent', 'Agent', agent), formField('solde-type', 'Type de congé', type), formField('solde-jours', 'Solde (jours)', days, 'En jours et demi-journées, par exemple 12,5.')),
    h('div', { class: 'actions' }, save),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = parseBalance(days.value);
    const errors = [
      !agent.value ? { id: 'solde-agent', message: 'Choisissez l’agent.' } : null,
      value === null ? { id: 'solde-jours', message: 'Indiquez un nombre de jours, par demi-journées (par exemple 12,5).' } : null,
    ].filter((x): x is { id: string; message: string } => x !== null);
    if (errors.length > 0 || value === null) {
      summary.show(errors);
      return;
    }
    summary.clear();
    busy(save, true);
    try {
      const result = await ctx.api.setLeaveBalance(agent.value, type.value, value);
      const who = agents.find((a) => a.username === agent.value)?.displayName ?? agent.value;
      const label = counted.find((t) => t.code === type.value)?.label ?? type.value;
      days.value = '';
      say(`Solde « ${label} » de ${who} fixé à ${formatDays(result.days)}.`);
    } catch (err) {
      summary.show([], [messageOf(err)]);
    } finally {
      busy(save, false);
    }
  });
  return form;
}

// ---- leave types

function typesSection(ctx: ViewContext, initial: LeaveType[]): HTMLElement {
  let types = initial;
  const status = sectionStatus('types-statut');
  const tableSlot = h('div', {});
  const formSlot = h('div', {});
  const edit = (t?: LeaveType) => {
    formSlot.replaceChildren(typeForm(ctx, t, types, saved, () => edit()));
    if (t) (formSlot.querySelector('h3') as HTMLElement).focus();
  };
  const saved = async (t: LeaveType) => {
    try {
      types = await ctx.api.leaveTypes();
    } catch {
      types = [...types.filter((x) => x.code !== t.code), t];
    }
    tableSlot.replaceChildren(typesTable(types, edit));
    edit();
    status.say(`Type de congé « ${t.label} » (${t.code}) enregistré.`);
  };
  tableSlot.replaceChildren(typesTable(types, edit));
  edit();
  return h(
    'section',
    { 'aria-labelledby': 'types-titre', class: 'settings-section' },
    h('h2', { id: 'types-titre' }, 'Types de congés'),
    h('p', {}, 'Congés annuels, RTT et compte épargne-temps existent dans toutes les communes ; ajoutez les types propres à la commune. Un type fermé n’est plus proposé aux nouvelles demandes.'),
    status.element,
    tableSlot,
    formSlot,
  );
}

function typesTable(types: LeaveType[], edit: (t: LeaveType) => void): HTMLElement {
  return tableRegion(
    'Tableau des types de congés',
    types.length === 1 ? '1 type de congé' : `${types.length} types de congés`,
    ['Code', 'Libellé', 'Décompté d’un solde', 'Ouvert aux demandes', 'Action'],
    types.map((t) => {
      const modify = h('button', { type: 'button', class: 'button secondary small' }, 'Modifier', srOnly(` le type ${t.label}`));
      modify.addEventListener('click', () => edit(t));
      return h('tr', {}, h('th', { scope: 'row' }, t.code), h('td', {}, t.label), h('td', {}, yesNo(t.tracksBalance)), h('td', {}, yesNo(t.active)), h('td', {}, modify));
    }),
  );
}

function typeForm(ctx: ViewContext, t: LeaveType | undefined, types: LeaveType[], saved: (t: LeaveType) => Promise<void>, reset: () => void): HTMLElement {
  const editing = !!t;
  const code = h('input', { id: 'type-code', name: 'code', type: 'text', maxlength: 16, autocomplete: 'off', value: t?.code, readonly: editing, class: 'short' });
  const label = h('input', { id: 'type-libelle', name: 'label', type: 'text', maxlength: 120, autocomplete: 'off', value: t?.label });
  const tracks = checkbox('type-solde', 'tracksBalance', 'Décompté d’un solde', t?.tracksBalance ?? true, 'Les jours accordés sont débités du solde de l’agent ; une demande au-delà du solde est refusée.');
  const active = checkbox('type-actif', 'active', 'Ouvert aux demandes', t?.active ?? true);
  let form: HTMLFormElement;
  const summary = errorSummary('type-erreurs', () => form);
  const save = h('button', { type: 'submit', class: 'button' }, 'Enregistrer le type');
  const cancel = editing ? h('button', { type: 'button', class: 'button secondary' }, 'Annuler la modification') : null;
  cancel?.addEventListener('click', reset);
  form = h(
    'form',
    { class: 'parapheur-form type-form', novalidate: true, 'aria-labelledby': 'type-form-titre' },
    h('h3', { id: 'type-form-titre', tabindex: '-1' }, editing ? `Modifier le type ${t.label}` : 'Ajouter un type de congé'),
    h('p', { class: 'hint' }, 'Tous les champs sont obligatoires, sauf mention « facultatif ».'),
    summary.element,
    formField('type-code', 'Code', code, editing ? 'Le code d’un type ne change pas.' : '2 à 16 lettres majuscules, chiffres ou _, par exemple ASA.'),
    formField('type-libelle', 'Libellé', label),
    tracks.element,
    active.element,
    h('div', { class: 'actions' }, save, cancel),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = code.value.trim().toUpperCase();
    const errors = [
      !isLeaveTypeCode(value) ? { id: 'type-code', message: 'Le code fait 2 à 16 lettres majuscules, chiffres ou _, et commence par une lettre.' } : null,
      !editing && types.some((x) => x.code === value) ? { id: 'type-code', message: 'Ce code existe déjà : modifiez le type depuis le tableau.' } : null,
      !label.value.trim() ? { id: 'type-libelle', message: 'Indiquez le libellé.' } : null,
    ].filter((x): x is { id: string; message: string } => x !== null);
    if (errors.length > 0) {
      summary.show(errors);
      return;
    }
    summary.clear();
    busy(save, true);
    try {
      await saved(await ctx.api.saveLeaveType(value, { label: label.value.trim(), tracksBalance: tracks.input.checked, active: active.input.checked }));
    } catch (err) {
      busy(save, false);
      const errorCode = err instanceof ApiError ? err.problem.code : undefined;
      const field = errorCode === 'invalid-leave-type' ? 'type-code' : errorCode === 'invalid-label' ? 'type-libelle' : null;
      if (field) summary.show([{ id: field, message: messageOf(err) }]);
      else summary.show([], [messageOf(err)]);
    }
  });
  return form;
}

// ---- process definitions

function definitionsSection(ctx: ViewContext, initial: DefinitionUse[]): HTMLElement {
  const status = sectionStatus('definitions-statut');
  const body = h('div', {});
  const render = (definitions: DefinitionUse[]) => body.replaceChildren(definitionsTable(definitions), ...definitions.map((d) => variantPanel(ctx, d, changed)));
  const changed = async (message: string) => {
    try {
      render(await ctx.api.definitions());
    } catch (e) {
      message = `${message} La liste n’a pas pu être relue : ${messageOf(e)}`;
    }
    announce(message);
    status.say(message);
  };
  render(initial);
  return h(
    'section',
    { 'aria-labelledby': 'definitions-titre', class: 'settings-section' },
    h('h2', { id: 'definitions-titre' }, 'Définitions des procédures'),
    h(
      'p',
      {},
      'Chaque procédure suit la définition partagée par toutes les communes, sauf si la commune a déployé sa propre variante (fichier BPMN 2.0). Une variante s’applique aux nouvelles demandes ; les demandes en cours finissent sur la version avec laquelle elles ont commencé.',
    ),
    status.element,
    body,
  );
}

const originText = (d: DefinitionUse) => (d.communeVariant ? 'Variante de la commune' : 'Définition partagée');

function definitionsTable(definitions: DefinitionUse[]): HTMLElement {
  return tableRegion(
    'Tableau des procédures',
    'Définition utilisée par la commune pour chaque procédure',
    ['Procédure', 'Version utilisée', 'Origine', 'Déployée le', 'Version de la définition partagée'],
    definitions.map((d) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, d.name),
        h('td', { class: 'number' }, String(d.version)),
        h('td', {}, h('span', { class: `status definition-${d.communeVariant ? 'variant' : 'shared'}` }, originText(d))),
        h('td', {}, formatDateTime(d.deployedAt)),
        h('td', { class: 'number' }, d.defaultVersion ? String(d.defaultVersion) : '—'),
      ),
    ),
  );
}

function variantPanel(ctx: ViewContext, d: DefinitionUse, changed: (message: string) => Promise<void>): HTMLElement {
  const id = `definition-${d.processKey.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const file = h('input', { id: `${id}-fichier`, name: 'file', type: 'file', accept: '.bpmn,.xml,application/xml,text/xml', class: 'file-input' });
  const error = h('div', { class: 'alert alert-error', role: 'alert', hidden: true, id: `${id}-erreur` });
  const deploy = h('button', { type: 'submit', class: 'button' }, 'Déployer la variante', srOnly(` de « ${d.name} »`));
  const showError = (err: unknown) => {
    const violations = err instanceof ApiError && err.problem.code === 'invalid-bpmn' ? bpmnViolations(err.problem) : [];
    error.replaceChildren(
      ...(violations.length
        ? [h('p', {}, 'Le fichier BPMN a été refusé ; corrigez-le puis déployez-le à nouveau :'), h('ul', { class: 'violations' }, violations.map((v) => h('li', {}, v)))]
        : [h('p', {}, messageOf(err))]),
    );
    error.hidden = false;
  };
  const form = h(
    'form',
    { class: 'parapheur-form variant-form', novalidate: true, 'aria-labelledby': `${id}-titre` },
    h('h3', { id: `${id}-titre` }, `Procédure « ${d.name} »`),
    h(
      'p',
      {},
      d.communeVariant
        ? `La commune utilise sa variante (version ${d.version}${d.deployedAt ? `, déployée le ${formatDateTime(d.deployedAt)}` : ''}).`
        : `La commune utilise la définition partagée (version ${d.version}).`,
    ),
    error,
    h(
      'div',
      { class: 'field wide' },
      h(
        'label',
        { for: file.id },
        d.communeVariant ? 'Nouveau fichier BPMN 2.0 de la variante' : 'Fichier BPMN 2.0 de la variante',
        srOnly(` de « ${d.name} »`),
      ),
      h(
        'p',
        { class: 'hint', id: `${id}-aide` },
        `Identifiant du processus : ${d.processKey}. Seuls les événements simples, tâches utilisateur, passerelles, minuteurs et étapes de la plateforme sont permis ; 512 Kio au plus.`,
      ),
      file,
    ),
    h('div', { class: 'actions' }, deploy),
  );
  file.setAttribute('aria-describedby', `${id}-aide`);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    const chosen = file.files?.[0];
    if (!chosen) {
      error.replaceChildren(h('p', {}, 'Choisissez le fichier BPMN de la variante.'));
      error.hidden = false;
      file.focus();
      return;
    }
    busy(deploy, true);
    try {
      const use = await ctx.api.deployDefinition(d.processKey, chosen);
      await changed(`Variante de « ${use.name} » déployée : version ${use.version}, utilisée pour les nouvelles demandes.`);
    } catch (err) {
      busy(deploy, false);
      showError(err);
    }
  });
  const panel = h('div', { class: 'variant-panel' }, form);
  if (d.communeVariant) {
    const revert = h('button', { type: 'button', class: 'button danger' }, 'Revenir à la définition partagée', srOnly(` pour « ${d.name} »`));
    revert.addEventListener('click', () =>
      openFormDialog({
        title: `Revenir à la définition partagée de « ${d.name} » ?`,
        description: 'Les variantes de la commune sont retirées ; les nouvelles demandes suivront la définition partagée. Ce retour est refusé tant que des demandes en cours suivent une variante.',
        fields: [],
        confirmLabel: 'Confirmer le retour',
        danger: true,
        action: async () => {
          const use = await ctx.api.revertDefinition(d.processKey);
          return () => void changed(`« ${use.name} » suit de nouveau la définition partagée (version ${use.version}).`);
        },
      }),
    );
    panel.append(h('div', { class: 'actions revert-actions' }, revert));
  }
  return panel;
}
