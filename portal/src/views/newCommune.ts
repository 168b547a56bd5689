import { ApiError, type NewTenant } from '../api';
import { h } from '../dom';
import type { ViewContext } from './context';

interface FieldDef {
  id: string;
  /** JSON path of the field in the request, as the API names it in validation errors. */
  path: string;
  label: string;
  type?: string;
  required?: boolean;
  hint?: string;
  maxlength?: number;
  inputmode?: string;
  autocomplete?: string;
}

const GROUPS: { legend: string; fields: FieldDef[] }[] = [
  {
    legend: 'La commune',
    fields: [
      { id: 'insee', path: 'insee', label: 'Code INSEE', required: true, hint: '5 caractères, par exemple 67348 pour Obernai.', maxlength: 5, inputmode: 'numeric' },
      { id: 'name', path: 'name', label: 'Nom de la commune', required: true, maxlength: 120 },
      { id: 'postalCode', path: 'postalCode', label: 'Code postal', required: true, maxlength: 5, inputmode: 'numeric', autocomplete: 'postal-code' },
      { id: 'population', path: 'population', label: 'Population légale', type: 'number', required: true },
    ],
  },
  {
    legend: 'Contact et convention',
    fields: [
      { id: 'contactName', path: 'contact.name', label: 'Contact (nom ou service)', maxlength: 120 },
      { id: 'contactEmail', path: 'contact.email', label: 'Courriel du contact', type: 'email', maxlength: 254 },
      { id: 'contactPhone', path: 'contact.phone', label: 'Téléphone du contact', type: 'tel', maxlength: 30 },
      { id: 'conventionNumber', path: 'convention.number', label: 'Numéro de la convention de mutualisation', maxlength: 64 },
      { id: 'conventionSignedOn', path: 'convention.signedOn', label: 'Date de signature de la convention', type: 'date' },
    ],
  },
  {
    legend: 'Premier administrateur de la commune',
    fields: [
      { id: 'adminUsername', path: 'administrator.username', label: 'Identifiant', required: true, hint: 'Minuscules, chiffres, point, tiret ; par exemple admin.obernai.', maxlength: 64 },
      { id: 'adminFirstName', path: 'administrator.firstName', label: 'Prénom', required: true, maxlength: 80, autocomplete: 'off' },
      { id: 'adminLastName', path: 'administrator.lastName', label: 'Nom', required: true, maxlength: 80, autocomplete: 'off' },
      { id: 'adminEmail', path: 'administrator.email', label: 'Courriel', type: 'email', required: true, maxlength: 254, autocomplete: 'off' },
    ],
  },
];

/** The DSI operator registers a commune that joins the platform; provisioning runs at once. */
export async function newCommuneView(ctx: ViewContext): Promise<HTMLElement[]> {
  const summary = h('div', { class: 'alert alert-error', role: 'alert', tabindex: '-1', hidden: true, id: 'erreurs' });
  const result = h('div', { id: 'resultat' });
  const inputs = new Map<string, HTMLInputElement>();
  const form = h('form', { novalidate: true, class: 'form' });
  for (const group of GROUPS) {
    const fieldset = h('fieldset', {}, h('legend', {}, group.legend));
    for (const f of group.fields) {
      const hintId = f.hint ? `${f.id}-aide` : undefined;
      const errorId = `${f.id}-erreur`;
      const input = h('input', {
        id: f.id,
        name: f.id,
        type: f.type ?? 'text',
        required: f.required ?? false,
        maxlength: f.maxlength,
        inputmode: f.inputmode,
        autocomplete: f.autocomplete ?? 'off',
        'aria-describedby': [hintId, errorId].filter(Boolean).join(' '),
      });
      inputs.set(f.path, input);
      fieldset.append(
        h(
          'div',
          { class: 'field' },
          h('label', { for: f.id }, f.label, f.required ? h('span', { class: 'required' }, ' (obligatoire)') : null),
          f.hint ? h('p', { class: 'hint', id: hintId }, f.hint) : null,
          h('p', { class: 'field-error', id: errorId, hidden: true }),
          input,
        ),
      );
    }
    form.append(fieldset);
  }
  const submit = h('button', { type: 'submit', class: 'button' }, 'Enregistrer et créer la commune');
  form.append(h('div', { class: 'actions' }, submit, h('a', { href: '/communes', 'data-link': true, class: 'button secondary' }, 'Annuler')));

  const value = (path: string) => inputs.get(path)?.value.trim() ?? '';
  const optional = (o: Record<string, string>) => (Object.values(o).some((v) => v) ? Object.fromEntries(Object.entries(o).filter(([, v]) => v)) : undefined);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(inputs, summary);
    const missing = [...inputs.entries()].filter(([, input]) => input.required && !input.value.trim());
    if (missing.length > 0) {
      showErrors(inputs, summary, missing.map(([path]) => ({ field: path, message: 'est obligatoire' })));
      return;
    }
    const request: NewTenant = {
      insee: value('insee'),
      name: value('name'),
      postalCode: value('postalCode'),
      population: Number(value('population')),
      contact: optional({ name: value('contact.name'), email: value('contact.email'), phone: value('contact.phone') }),
      convention: optional({ number: value('convention.number'), signedOn: value('convention.signedOn') }),
      administrator: {
        username: value('administrator.username'),
        firstName: value('administrator.firstName'),
        lastName: value('administrator.lastName'),
        email: value('administrator.email'),
      },
    };
    submit.disabled = true;
    submit.setAttribute('aria-busy', 'true');
    try {
      const created = await ctx.api.createTenant(request);
      form.hidden = true;
      const admin = created.initialAdministrator;
      result.replaceChildren(
        h(
          'div',
          { class: 'alert alert-info', role: 'status', tabindex: '-1', id: 'succes' },
          h('h2', {}, `${created.tenant.name} est active sur MetroCloud`),
          h('p', {}, `Organisation, compte administrateur et registre créés (${created.resources.length} ressources).`),
          admin
            ? h(
                'dl',
                { class: 'facts credentials' },
                h('dt', {}, 'Identifiant de l’administrateur'),
                h('dd', {}, h('code', {}, admin.username)),
                h('dt', {}, 'Mot de passe provisoire'),
                h('dd', {}, h('code', {}, admin.temporaryPassword)),
              )
            : null,
          h('p', {}, 'Ce mot de passe n’est affiché qu’une fois : transmettez-le par un canal sûr. Il devra être changé à la première connexion.'),
          h('p', {}, h('a', { href: `/communes/${created.tenant.insee}`, 'data-link': true }, `Voir la fiche de ${created.tenant.name}`)),
        ),
      );
      (result.firstElementChild as HTMLElement).focus();
    } catch (e) {
      submit.disabled = false;
      submit.removeAttribute('aria-busy');
      if (e instanceof ApiError && e.problem.errors?.length) {
        showErrors(inputs, summary, e.problem.errors);
      } else {
        summary.hidden = false;
        summary.replaceChildren(h('p', {}, e instanceof ApiError ? e.message : 'Une erreur inattendue est survenue.'));
        if (e instanceof ApiError && e.problem.code === 'provisioning-failed' && typeof e.problem.tenant === 'string') {
          summary.append(h('p', {}, h('a', { href: `/communes/${e.problem.tenant}`, 'data-link': true }, 'Ouvrir la fiche pour relancer la création')));
        }
        summary.focus();
      }
    }
  });

  return [
    h('p', { class: 'breadcrumb' }, h('a', { href: '/communes', 'data-link': true }, 'Communes'), ' › Enregistrer une commune'),
    h('h1', { tabindex: '-1' }, 'Enregistrer une commune'),
    h('p', { class: 'lead' }, 'La commune est créée sur la plateforme avec son organisation dans l’annuaire et son premier administrateur. Les champs obligatoires sont signalés.'),
    summary,
    form,
    result,
  ];
}

function clearErrors(inputs: Map<string, HTMLInputElement>, summary: HTMLElement): void {
  summary.hidden = true;
  summary.replaceChildren();
  for (const input of inputs.values()) {
    input.removeAttribute('aria-invalid');
    const error = document.getElementById(`${input.id}-erreur`);
    if (error) {
      error.hidden = true;
      error.textContent = '';
    }
  }
}

function showErrors(inputs: Map<string, HTMLInputElement>, summary: HTMLElement, errors: { field: string; message: string }[]): void {
  const items = errors.map((err) => {
    const input = inputs.get(err.field);
    const label = input ? document.querySelector(`label[for="${input.id}"]`)?.childNodes[0]?.textContent ?? err.field : err.field;
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      const message = document.getElementById(`${input.id}-erreur`);
      if (message) {
        message.hidden = false;
        message.textContent = `${label} : ${err.message}`;
      }
    }
    return h('li', {}, input ? h('a', { href: `#${input.id}` }, `${label} : ${err.message}`) : `${label} : ${err.message}`);
  });
  summary.hidden = false;
  summary.replaceChildren(h('p', {}, `Le formulaire contient ${errors.length} erreur(s) :`), h('ul', {}, items));
  summary.focus();
}
