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
  /**
   * Makes the field mandatory with this message shown next to it (and the focus moved to it) when it is left empty,
   * instead of the browser's own bubble.
   */
  requiredMessage?: string;
}

let dialogCounter = 0;

/**
 * A modal confirmation form (native <dialog>: focus moves into it, Escape closes it, focus returns to the opener).
 * `action` receives the field values; its error is shown inside the dialog and the dialog stays open. It may return
 * what to do once the dialog is closed (e.g. re-render the page and move the focus to a status message: while the
 * modal dialog is open, the rest of the page is inert and cannot take the focus).
 */
export function openFormDialog(options: {
  title: string;
  description?: string;
  fields: Field[];
  confirmLabel: string;
  /** The label of the button that closes the dialog without acting (« Annuler » by default). */
  cancelLabel?: string;
  danger?: boolean;
  action: (values: Record<string, string>) => Promise<void | (() => void)>;
}): void {
  const id = `dialogue-${++dialogCounter}`;
  const opener = document.activeElement as HTMLElement | null;
  const error = h('div', { class: 'alert alert-error', role: 'alert', hidden: true });
  const checks: { field: Field; input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement; error: HTMLElement; hintId?: string }[] = [];
  const inputs = options.fields.map((f) => {
    const inputId = `${id}-${f.name}`;
    const hintId = f.hint ? `${inputId}-aide` : undefined;
    const input = control(f, inputId, hintId);
    const fieldError = f.requiredMessage ? h('p', { class: 'field-error', id: `${inputId}-erreur`, hidden: true }) : null;
    if (fieldError) checks.push({ field: f, input: input as HTMLInputElement, error: fieldError, hintId });
    return h(
      'div',
      { class: 'field' },
      h('label', { for: inputId }, f.label, f.required || f.requiredMessage ? h('span', { class: 'required' }, ' (obligatoire)') : ' (facultatif)'),
      f.hint ? h('p', { class: 'hint', id: hintId }, f.hint) : null,
      fieldError,
      input,
    );
  });
  const clearCheck = (c: (typeof checks)[number]) => {
    c.error.hidden = true;
    c.error.textContent = '';
    c.input.removeAttribute('aria-invalid');
    if (c.hintId) c.input.setAttribute('aria-describedby', c.hintId);
    else c.input.removeAttribute('aria-describedby');
  };
  checks.forEach((c) => c.input.addEventListener('input', () => clearCheck(c)));
  const confirm = h('button', { type: 'submit', class: options.danger ? 'button danger' : 'button' }, options.confirmLabel);
  const cancel = h('button', { type: 'button', class: 'button secondary' }, options.cancelLabel ?? 'Annuler');
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
    if (opener?.isConnected) opener.focus();
  };
  cancel.addEventListener('click', close);
  dialog.addEventListener('cancel', (e) => {
    e.preventDefault();
    close();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    checks.forEach(clearCheck);
    const empty = checks.filter((c) => !c.input.value.trim());
    empty.forEach((c) => {
      c.error.textContent = c.field.requiredMessage ?? '';
      c.error.hidden = false;
      c.input.setAttribute('aria-invalid', 'true');
      c.input.setAttribute('aria-describedby', [c.error.id, c.hintId].filter(Boolean).join(' '));
    });
    if (empty.length > 0) {
      empty[0].input.focus();
      return;
    }
    if (!form.reportValidity()) return;
    const values: Record<string, string> = {};
    new FormData(form).forEach((v, k) => (values[k] = String(v).trim()));
    confirm.disabled = true;
    confirm.setAttribute('aria-busy', 'true');
    let then: void | (() => void);
    try {
      then = await options.action(values);
    } catch (e) {
      error.hidden = false;
      error.textContent = e instanceof ApiError ? e.message : 'Une erreur inattendue est survenue.';
      confirm.disabled = false;
      confirm.removeAttribute('aria-busy');
      return;
    }
    close();
    if (then) then();
  });
  dialog.showModal();
}

function control(f: Field, id: string, hintId: string | undefined): HTMLElement {
  const common = { id, name: f.name, required: f.required ?? false, 'aria-required': f.requiredMessage ? 'true' : undefined, 'aria-describedby': hintId };
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
