import { h } from '../dom';
import { ApiError } from '../api';

export interface Field {
  name: string;
  label: string;
  type?: string;
  required?: boolean;
  maxlength?: number;
  value?: string;
  hint?: string;
  /** A drop-down list of these choices instead of a text input. */
  options?: { value: string; label: string }[];
  /** A multi-line text area instead of a one-line input. */
  multiline?: boolean;
}

let dialogCounter = 0;

/**
 * A modal confirmation form (native <dialog>: focus moves into it, Escape closes it, focus returns to the opener).
 * `action` receives the field values; its error is shown inside the dialog and the dialog stays open.
 */
export function openFormDialog(options: {
  title: string;
  description?: string;
  fields: Field[];
  confirmLabel: string;
  danger?: boolean;
  action: (values: Record<string, string>) => Promise<void>;
}): void {
  const id = `dialogue-${++dialogCounter}`;
  const opener = document.activeElement as HTMLElement | null;
  const error = h('div', { class: 'alert alert-error', role: 'alert', hidden: true });
  const inputs = options.fields.map((f) => {
    const inputId = `${id}-${f.name}`;
    const hintId = f.hint ? `${inputId}-aide` : undefined;
    const input = control(f, inputId, hintId);
    return h(
      'div',
      { class: 'field' },
      h('label', { for: inputId }, f.label, f.required ? h('span', { class: 'required' }, ' (obligatoire)') : ' (facultatif)'),
      f.hint ? h('p', { class: 'hint', id: hintId }, f.hint) : null,
      input,
    );
  });
  const confirm = h('button', { type: 'submit', class: options.danger ? 'button danger' : 'button' }, options.confirmLabel);
  const cancel = h('button', { type: 'button', class: 'button secondary' }, 'Annuler');
  const form = h(
    'form',
    { method: 'dialog', novalidate: false },
    h('h2', { id: `${id}-titre` }, options.title),
    options.description ? h('p', {}, options.description) : null,
    error,
    ...inputs,
    h('div', { class: 'actions' }, confirm, cancel),
  );
  const dialog = h('dialog', { 'aria-labelledby': `${id}-titre`, class: 'dialog' }, form);
  document.body.appendChild(dialog);
  const close = () => {
    dialog.close();
    dialog.remove();
    opener?.focus();
  };
  cancel.addEventListener('click', close);
  dialog.addEventListener('cancel', (e) => {
    e.preventDefault();
    close();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    const values: Record<string, string> = {};
    new FormData(form).forEach((v, k) => (values[k] = String(v).trim()));
    confirm.disabled = true;
    confirm.setAttribute('aria-busy', 'true');
    try {
      await options.action(values);
      close();
    } catch (e) {
      error.hidden = false;
      error.textContent = e instanceof ApiError ? e.message : 'Une erreur inattendue est survenue.';
      confirm.disabled = false;
      confirm.removeAttribute('aria-busy');
    }
  });
  dialog.showModal();
}

function control(f: Field, id: string, hintId: string | undefined): HTMLElement {
  const common = { id, name: f.name, required: f.required ?? false, 'aria-describedby': hintId };
  if (f.options) {
    return h('select', common, f.options.map((o) => h('option', { value: o.value, selected: o.value === (f.value ?? '') }, o.label)));
  }
  if (f.multiline) {
    const area = h('textarea', { ...common, maxlength: f.maxlength, rows: 4 });
    area.value = f.value ?? '';
    return area;
  }
  return h('input', { ...common, type: f.type ?? 'text', maxlength: f.maxlength, value: f.value, autocomplete: 'off' });
}
