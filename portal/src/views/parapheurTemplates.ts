import type { CircuitTemplate, Member, TemplateStep } from '../api';
import { announce, h, srOnly } from '../dom';
import { formatDateTime } from '../format';
import { PARAPHEUR_ROLES, PERSON_PREFIX, ROLE_PREFIX, assigneeValue, templateRequest, type StepDraft } from '../parapheur';
import type { ViewContext } from './context';
import { openFormDialog } from './dialog';
import { parapheurNav, parapheurPage, showProblem, templateStepsList } from './parapheurParts';

const TITLE = 'Circuits de signature';

/** The commune's circuit templates (administrators): list, create, edit, archive. */
export async function parapheurTemplatesView(ctx: ViewContext): Promise<HTMLElement[]> {
  return parapheurPage(ctx.me, TITLE, async () => {
    const [templates, members] = await Promise.all([ctx.api.templates(true), ctx.api.members()]);
    const active = templates.filter((t) => !t.archived);
    const archived = templates.filter((t) => t.archived);
    const formSlot = h('div', { class: 'template-form-slot' });
    const edit = (t?: CircuitTemplate) => {
      formSlot.replaceChildren(templateForm(ctx, members, t, () => edit()));
      if (t) {
        const heading = formSlot.querySelector('h2') as HTMLElement;
        heading.focus();
      }
    };
    edit();
    return [
      h('h1', { tabindex: '-1' }, TITLE),
      parapheurNav(ctx.me, 'circuits'),
      h('p', { class: 'lead' }, 'Un circuit décrit le chemin d’un document : les visas et signatures à recueillir, dans l’ordre des rangs. Les intervenants d’un même rang agissent en parallèle.'),
      h(
        'section',
        { 'aria-labelledby': 'circuits-actifs-titre' },
        h('h2', { id: 'circuits-actifs-titre' }, 'Circuits actifs'),
        active.length === 0
          ? h('p', { class: 'empty' }, 'Aucun circuit actif. Créez-en un avec le formulaire ci-dessous.')
          : h('ul', { class: 'cards template-cards' }, active.map((t) => h('li', {}, templateCard(ctx, t, () => edit(t))))),
      ),
      archived.length
        ? h(
            'section',
            { 'aria-labelledby': 'circuits-archives-titre' },
            h('h2', { id: 'circuits-archives-titre' }, 'Circuits archivés'),
            h('ul', { class: 'archived-templates' }, archived.map((t) => h('li', {}, h('span', { class: 'template-name' }, t.name), ` (archivé, modifié le ${formatDateTime(t.updatedAt)})`))),
          )
        : null,
      formSlot,
    ].filter((e): e is HTMLElement => e !== null);
  });
}

function templateCard(ctx: ViewContext, t: CircuitTemplate, onEdit: () => void): HTMLElement {
  const titleId = `circuit-${t.id}`;
  const modify = h('button', { type: 'button', class: 'button secondary small' }, 'Modifier', srOnly(` le circuit « ${t.name} »`));
  modify.addEventListener('click', onEdit);
  const archive = h('button', { type: 'button', class: 'button danger small' }, 'Archiver', srOnly(` le circuit « ${t.name} »`));
  archive.addEventListener('click', () =>
    openFormDialog({
      title: `Archiver le circuit « ${t.name} » ?`,
      description: 'Le circuit ne sera plus proposé pour les nouveaux dossiers. Les dossiers déjà déposés poursuivent leur circuit.',
      fields: [],
      confirmLabel: 'Confirmer l’archivage',
      danger: true,
      action: async () => {
        await ctx.api.archiveTemplate(t.id);
        announce(`Circuit « ${t.name} » archivé.`);
        ctx.refresh();
      },
    }),
  );
  return h(
    'article',
    { class: 'card template-card', 'aria-labelledby': titleId },
    h('h3', { id: titleId }, t.name),
    t.description ? h('p', {}, t.description) : null,
    templateStepsList(t.steps),
    h('p', { class: 'meta' }, `Modifié le ${formatDateTime(t.updatedAt)}`),
    h('div', { class: 'actions' }, modify, archive),
  );
}

let rowCounter = 0;

/** The create or edit form, with its dynamic list of steps. */
function templateForm(ctx: ViewContext, members: Member[], template: CircuitTemplate | undefined, onCancel: () => void): HTMLElement {
  const name = h('input', { id: 'circuit-nom', name: 'name', type: 'text', required: true, maxlength: 120, autocomplete: 'off', value: template?.name });
  const description = h('textarea', { id: 'circuit-description', name: 'description', rows: 3, maxlength: 2000 });
  description.value = template?.description ?? '';
  const rows = h('ol', { class: 'step-rows' });
  const add = h('button', { type: 'button', class: 'button secondary' }, 'Ajouter une étape');
  const error = h('div', { class: 'alert alert-error', role: 'alert', id: 'circuit-erreur', hidden: true });
  const save = h('button', { type: 'submit', class: 'button' }, 'Enregistrer le circuit');

  const renumber = () =>
    [...rows.children].forEach((li, i) => {
      (li.querySelector('legend') as HTMLElement).textContent = `Étape n°${i + 1}`;
      (li.querySelector('.remove-number') as HTMLElement).textContent = ` n°${i + 1}`;
    });
  const addRow = (step?: Partial<TemplateStep>) => {
    const row = stepRow(members, step, () => {
      row.remove();
      renumber();
      announce('Étape retirée.');
      add.focus();
    });
    rows.append(row);
    renumber();
    return row;
  };
  (template?.steps.length ? template.steps : [{ stage: 1, kind: 'SIGNATURE' as const }]).forEach((s) => addRow(s));
  add.addEventListener('click', () => {
    const stages = [...rows.querySelectorAll<HTMLInputElement>('input[name="stage"]')].map((i) => Number.parseInt(i.value, 10)).filter((n) => Number.isFinite(n));
    const row = addRow({ stage: stages.length ? Math.max(...stages) + 1 : 1, kind: 'VISA' });
    announce(`Étape n°${rows.children.length} ajoutée.`);
    (row.querySelector('input') as HTMLInputElement).focus();
  });

  const heading = template ? `Modifier le circuit « ${template.name} »` : 'Nouveau circuit';
  const cancel = template ? h('button', { type: 'button', class: 'button secondary' }, 'Annuler la modification') : null;
  cancel?.addEventListener('click', onCancel);
  const form = h(
    'form',
    { class: 'parapheur-form template-form', 'aria-labelledby': 'circuit-form-titre' },
    h('h2', { id: 'circuit-form-titre', tabindex: '-1' }, heading),
    h('p', { class: 'hint' }, 'Tous les champs sont obligatoires, sauf mention « facultatif ».'),
    h('div', { class: 'field' }, h('label', { for: 'circuit-nom' }, 'Nom du circuit'), name),
    h('div', { class: 'field wide' }, h('label', { for: 'circuit-description' }, 'Description (facultatif)'), description),
    h(
      'fieldset',
      { class: 'steps-fieldset', 'aria-describedby': 'circuit-etapes-aide' },
      h('legend', {}, 'Étapes du circuit'),
      h('p', { class: 'hint', id: 'circuit-etapes-aide' }, 'Les étapes de même rang se déroulent en parallèle. Les rangs commencent à 1 et se suivent sans interruption (1, 2, 3…). Chaque étape est confiée à une personne nommée ou à un rôle (toute personne de la commune ayant ce rôle).'),
      rows,
      add,
    ),
    error,
    h('div', { class: 'actions' }, save, cancel),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    if (!form.reportValidity()) return;
    const drafts: StepDraft[] = [...rows.children].map((li) => ({
      stage: (li.querySelector('[name="stage"]') as HTMLInputElement).value,
      kind: (li.querySelector('[name="kind"]') as HTMLSelectElement).value,
      assignee: (li.querySelector('[name="assignee"]') as HTMLSelectElement).value,
      label: (li.querySelector('[name="label"]') as HTMLInputElement).value,
    }));
    const request = templateRequest(name.value, description.value, drafts);
    save.disabled = true;
    save.setAttribute('aria-busy', 'true');
    try {
      const saved = template ? await ctx.api.updateTemplate(template.id, request) : await ctx.api.createTemplate(request);
      announce(`Circuit « ${saved.name} » enregistré.`);
      ctx.refresh();
    } catch (err) {
      showProblem(error, err);
      save.disabled = false;
      save.removeAttribute('aria-busy');
    }
  });
  return h('section', { class: 'template-form-section' }, form);
}

function stepRow(members: Member[], step: Partial<TemplateStep> | undefined, onRemove: () => void): HTMLLIElement {
  const k = ++rowCounter;
  const id = (n: string) => `circuit-etape-${k}-${n}`;
  const stage = h('input', { id: id('rang'), name: 'stage', type: 'number', min: 1, step: 1, required: true, class: 'short', value: step?.stage ?? 1 });
  const kind = h(
    'select',
    { id: id('type'), name: 'kind', required: true },
    h('option', { value: 'VISA', selected: step?.kind !== 'SIGNATURE' }, 'Visa'),
    h('option', { value: 'SIGNATURE', selected: step?.kind === 'SIGNATURE' }, 'Signature'),
  );
  const current = step ? assigneeValue(step) : '';
  const people = [...members].sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr'));
  if (step?.username && !people.some((m) => m.username === step.username)) {
    people.unshift({ username: step.username, displayName: step.assigneeName || step.username });
  }
  const assignee = h(
    'select',
    { id: id('assigne'), name: 'assignee', required: true },
    h('option', { value: '' }, 'Choisissez une personne ou un rôle'),
    h('optgroup', { label: 'Personnes' }, people.map((m) => h('option', { value: PERSON_PREFIX + m.username, selected: PERSON_PREFIX + m.username === current }, `${m.displayName} (${m.username})`))),
    h('optgroup', { label: 'Rôles (toute personne ayant ce rôle)' }, PARAPHEUR_ROLES.map((r) => h('option', { value: ROLE_PREFIX + r.value, selected: ROLE_PREFIX + r.value === current }, r.label))),
  );
  const label = h('input', { id: id('qualite'), name: 'label', type: 'text', maxlength: 120, autocomplete: 'off', value: step?.label ?? '', 'aria-describedby': id('qualite-aide') });
  const remove = h('button', { type: 'button', class: 'button secondary small' }, 'Retirer l’étape', h('span', { class: 'sr-only remove-number' }));
  remove.addEventListener('click', onRemove);
  const field = (forId: string, text: string, control: HTMLElement, hint?: HTMLElement) => h('div', { class: 'field' }, h('label', { for: forId }, text), hint ?? null, control);
  return h(
    'li',
    { class: 'step-row' },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Étape'),
      h(
        'div',
        { class: 'step-fields' },
        field(id('rang'), 'Rang', stage),
        field(id('type'), 'Type', kind),
        field(id('assigne'), 'Assigné à', assignee),
        field(id('qualite'), 'Qualité (facultatif)', label, h('p', { class: 'hint', id: id('qualite-aide') }, 'Par exemple : Maire, Directrice générale des services.')),
      ),
      h('div', { class: 'actions' }, remove),
    ),
  );
}
