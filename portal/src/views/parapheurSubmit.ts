import type { CircuitTemplate, FolderDetail, SearchHit } from '../api';
import { announce, h } from '../dom';
import { todayIso } from '../format';
import { titleOfFileName } from '../parapheur';
import { isCommuneAdmin } from '../routes';
import type { ViewContext } from './context';
import { messageOf } from './documentParts';
import { folderHref } from './parapheurInbox';
import { parapheurNav, parapheurPage, showProblem, templateStepsList } from './parapheurParts';

const TITLE = 'Soumettre un document';
const PDF = 'application/pdf';

/**
 * Submits a PDF into a circuit: a file of the agent's computer (stored in the GED on the way) or a document already
 * in the GED (its current version). `?document=<id>` preselects a GED document.
 */
export async function parapheurSubmitView(ctx: ViewContext): Promise<HTMLElement[]> {
  return parapheurPage(ctx.me, TITLE, async () => {
    const templates = (await ctx.api.templates()).filter((t) => !t.archived);
    const head = [h('h1', { tabindex: '-1' }, TITLE), parapheurNav(ctx.me, 'nouveau')];
    if (templates.length === 0) {
      return [
        ...head,
        h(
          'p',
          { class: 'empty' },
          'Aucun circuit de signature n’est disponible pour le moment. ',
          isCommuneAdmin(ctx.me)
            ? h('a', { href: '/parapheur/circuits', 'data-link': true }, 'Créer un circuit de signature')
            : 'Demandez à l’administrateur de votre commune d’en créer un.',
        ),
      ];
    }
    return [...head, submitForm(ctx, templates)];
  });
}

function field(id: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), hint ? h('p', { class: 'hint', id: `${id}-aide` }, hint) : null, control);
}

function submitForm(ctx: ViewContext, templates: CircuitTemplate[]): HTMLFormElement {
  const circuit = h(
    'select',
    { id: 'soumission-circuit', name: 'template', required: true },
    h('option', { value: '' }, 'Choisissez un circuit'),
    templates.map((t) => h('option', { value: t.id }, t.name)),
  );
  const steps = h('div', { id: 'soumission-etapes', class: 'circuit-preview', 'aria-live': 'polite' });
  const showSteps = () => {
    const t = templates.find((x) => x.id === circuit.value);
    steps.replaceChildren(
      ...(t
        ? [h('p', { class: 'circuit-preview-title' }, `Étapes du circuit « ${t.name} » :`), t.description ? h('p', { class: 'hint' }, t.description) : '', templateStepsList(t.steps)]
        : []),
    );
  };
  circuit.addEventListener('change', showSteps);
  if (templates.length === 1) {
    circuit.value = templates[0].id;
    showSteps();
  }

  // the object: filled from the file's or document's name as long as the agent has not typed one
  const title = h('input', { id: 'soumission-objet', name: 'title', type: 'text', required: true, maxlength: 200, autocomplete: 'off' });
  let titleTyped = false;
  title.addEventListener('input', () => (titleTyped = title.value.trim() !== ''));
  const suggestTitle = (text: string) => {
    if (!titleTyped) title.value = text;
  };

  const source = sourceChooser(ctx, suggestTitle);
  const message = h('textarea', { id: 'soumission-message', name: 'message', maxlength: 2000, rows: 4 });
  const due = h('input', { id: 'soumission-echeance', name: 'dueDate', type: 'date', min: todayIso() });
  const error = h('div', { class: 'alert alert-error', role: 'alert', id: 'soumission-erreur', hidden: true });
  const status = h('p', { class: 'busy-status', role: 'status', id: 'soumission-statut' });
  const submit = h('button', { type: 'submit', class: 'button' }, 'Soumettre');

  const form = h(
    'form',
    { class: 'parapheur-form', 'aria-labelledby': 'soumission-titre' },
    h('h2', { id: 'soumission-titre' }, 'Nouveau dossier'),
    h('p', { class: 'hint' }, 'Tous les champs sont obligatoires, sauf mention « facultatif ».'),
    field('soumission-circuit', 'Circuit', circuit),
    steps,
    source.element,
    field('soumission-objet', 'Objet', title),
    field('soumission-message', 'Message aux intervenants (facultatif)', message),
    field('soumission-echeance', 'Échéance (facultatif)', due),
    error,
    h('div', { class: 'actions' }, submit),
    status,
  );

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    if (!form.reportValidity()) return;
    const common = { templateId: circuit.value, title: title.value.trim(), message: message.value.trim() || undefined, dueDate: due.value || undefined };
    submit.disabled = true;
    submit.setAttribute('aria-busy', 'true');
    status.textContent = 'Envoi du dossier en cours…';
    try {
      let detail: FolderDetail;
      const file = source.file();
      if (file) {
        detail = await ctx.api.submitUpload(file, common, (sent, total) => {
          if (total > 0) status.textContent = `Envoi du document : ${Math.floor((sent * 100) / total)} %`;
        });
      } else {
        detail = await ctx.api.submitFolder({ ...common, documentId: source.documentId() });
      }
      announce(`Dossier « ${detail.folder.title} » soumis au circuit « ${detail.folder.templateName} ».`);
      ctx.refreshInboxCount();
      ctx.navigate(folderHref(detail.folder.id));
    } catch (err) {
      status.textContent = '';
      showProblem(error, err);
      submit.disabled = false;
      submit.removeAttribute('aria-busy');
    }
  });
  return form;
}

interface SourceChooser {
  element: HTMLElement;
  /** The chosen file when the agent sends one of their computer's, else null. */
  file: () => File | null;
  /** The chosen GED document when the agent picks one. */
  documentId: () => string;
}

/** « Un fichier PDF de mon poste » or « Un document déjà enregistré dans la GED », each with its controls. */
function sourceChooser(ctx: ViewContext, suggestTitle: (text: string) => void): SourceChooser {
  const radio = (value: string, label: string, checked: boolean) => {
    const id = `soumission-source-${value}`;
    const input = h('input', { type: 'radio', id, name: 'source', value, checked });
    return { input, element: h('div', { class: 'choice' }, input, h('label', { for: id }, label)) };
  };
  const fromFile = radio('fichier', 'Un fichier PDF de mon poste', true);
  const fromGed = radio('ged', 'Un document déjà enregistré dans la GED', false);

  const fileInput = h('input', { id: 'soumission-fichier', name: 'file', type: 'file', accept: `${PDF},.pdf`, required: true, class: 'file-input', 'aria-describedby': 'soumission-fichier-aide' });
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) suggestTitle(titleOfFileName(file.name));
  });
  const fileBlock = h(
    'div',
    { class: 'source-block', id: 'soumission-bloc-fichier' },
    field('soumission-fichier', 'Document PDF', fileInput, 'Un fichier PDF non chiffré. Il est enregistré dans la GED de la commune, puis soumis au circuit.'),
  );

  const ged = gedPicker(ctx, suggestTitle);
  const gedBlock = h('div', { class: 'source-block', id: 'soumission-bloc-ged' }, ged.element);

  const update = () => {
    const useFile = fromFile.input.checked;
    fileBlock.hidden = !useFile;
    fileInput.disabled = !useFile;
    gedBlock.hidden = useFile;
    ged.setEnabled(!useFile);
  };
  fromFile.input.addEventListener('change', update);
  fromGed.input.addEventListener('change', update);

  const preselected = ctx.query.get('document');
  if (preselected) {
    fromFile.input.checked = false;
    fromGed.input.checked = true;
    void ged.preselect(preselected);
  }
  update();

  return {
    element: h('fieldset', { class: 'source-choice' }, h('legend', {}, 'Document à soumettre'), fromFile.element, fromGed.element, fileBlock, gedBlock),
    file: () => (fromFile.input.checked ? fileInput.files?.[0] ?? null : null),
    documentId: () => ged.value(),
  };
}

/** A search in the GED and the list of the PDF documents found. */
function gedPicker(ctx: ViewContext, suggestTitle: (text: string) => void) {
  const query = h('input', { id: 'soumission-recherche', type: 'search', maxlength: 500, autocomplete: 'off' });
  const search = h('button', { type: 'button', class: 'button secondary' }, 'Chercher');
  const found = h('p', { class: 'hint', id: 'soumission-recherche-statut', role: 'status' });
  const select = h('select', { id: 'soumission-document', name: 'documentId', required: true, 'aria-describedby': 'soumission-document-aide' }, h('option', { value: '' }, 'Choisissez un document'));
  const titles = new Map<string, string>();
  let searched = false;

  const fill = (hits: { id: string; title: string; text: string }[], keep?: string) => {
    const current = keep ?? select.value;
    select.replaceChildren(h('option', { value: '' }, hits.length ? 'Choisissez un document' : 'Aucun document PDF trouvé'), ...hits.map((d) => h('option', { value: d.id, selected: d.id === current }, d.text)));
    hits.forEach((d) => titles.set(d.id, d.title));
  };
  const run = async () => {
    searched = true;
    search.disabled = true;
    found.textContent = 'Recherche en cours…';
    try {
      const results = await ctx.api.searchDocuments({ q: query.value.trim() || undefined, size: 50 });
      const pdfs = results.results.filter((d: SearchHit) => d.mimeType === PDF);
      fill(pdfs.map((d) => ({ id: d.id, title: d.title, text: `${d.title} — ${d.fileName} (version ${d.currentVersion})` })));
      found.textContent = pdfs.length === 0 ? 'Aucun document PDF trouvé.' : pdfs.length === 1 ? '1 document PDF trouvé.' : `${pdfs.length} documents PDF trouvés.`;
    } catch (e) {
      found.textContent = `La recherche dans la GED a échoué : ${messageOf(e)}`;
    } finally {
      search.disabled = false;
    }
  };
  search.addEventListener('click', () => void run());
  query.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void run();
    }
  });
  select.addEventListener('change', () => {
    const t = titles.get(select.value);
    if (t) suggestTitle(t);
  });

  const element = h(
    'div',
    { class: 'ged-picker' },
    h('div', { class: 'field wide' }, h('label', { for: 'soumission-recherche' }, 'Rechercher dans la GED'), h('div', { class: 'inline-controls' }, query, search)),
    found,
    field('soumission-document', 'Document de la GED', select, 'Seuls les documents PDF sont proposés ; leur version courante est soumise.'),
  );
  return {
    element,
    value: () => select.value,
    setEnabled: (enabled: boolean) => {
      select.disabled = !enabled;
      query.disabled = !enabled;
      search.disabled = !enabled;
      if (enabled && !searched) void run();
    },
    preselect: async (id: string) => {
      searched = true;
      try {
        const doc = await ctx.api.document(id);
        fill([{ id: doc.id, title: doc.title, text: `${doc.title} (version ${doc.currentVersion})` }], doc.id);
        suggestTitle(doc.title);
      } catch (e) {
        found.textContent = `Le document demandé n’a pas pu être chargé : ${messageOf(e)}`;
      }
    },
  };
}
