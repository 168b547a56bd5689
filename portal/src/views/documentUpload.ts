// Sending files: a drop zone that also holds a regular file input (keyboard and screen-reader users choose files the
// usual way), and one line per file with its <progress>, its percentage and, at the end, the outcome or the server's
// refusal. Milestones are announced in a polite live region; files are sent one after the other.
import type { UploadProgress } from '../api';
import { h } from '../dom';
import { messageOf } from './documentParts';

export interface SentFile {
  /** What the agent reads once the file is stored ("Enregistré : "). */
  text: string;
  /** The page of what was stored, if any. */
  href?: string;
}

export interface UploadPanelOptions {
  /** Unique on the page: prefixes the elements' ids. */
  id: string;
  /** Label of the file input. */
  inputLabel: string;
  multiple: boolean;
  /** Sends one file, reporting progress. */
  send: (file: File, onProgress: UploadProgress) => Promise<SentFile>;
  /** After a batch of files, with the number stored. */
  onBatchDone?: (stored: number) => void;
}

const ANNOUNCED_STEPS = [25, 50, 75];

export function uploadPanel(options: UploadPanelOptions): HTMLElement {
  const inputId = `${options.id}-fichiers`;
  const input = h('input', { id: inputId, type: 'file', multiple: options.multiple, class: 'file-input' });
  const status = h('p', { class: 'sr-only', role: 'status', 'aria-live': 'polite', id: `${options.id}-statut` });
  const list = h('ul', { class: 'upload-list', 'aria-label': 'Fichiers envoyés' });
  const zone = h(
    'div',
    { class: 'drop-zone' },
    h('p', { class: 'drop-hint' }, options.multiple ? 'Glissez-déposez des fichiers dans cette zone, ou :' : 'Glissez-déposez un fichier dans cette zone, ou :'),
    h('div', { class: 'field' }, h('label', { for: inputId }, options.inputLabel), input),
  );
  let queue = Promise.resolve();
  const enqueue = (files: File[]) => {
    const chosen = options.multiple ? files : files.slice(0, 1);
    if (chosen.length === 0) return;
    if (!options.multiple) list.replaceChildren();
    const lines = chosen.map((file) => fileLine(file, list));
    queue = queue.then(() => sendAll(options, chosen, lines, status));
  };
  input.addEventListener('change', () => {
    enqueue([...(input.files ?? [])]);
    input.value = '';
  });
  acceptDrops(zone, enqueue);
  return h('div', { class: 'upload' }, zone, status, list);
}

function acceptDrops(zone: HTMLElement, enqueue: (files: File[]) => void): void {
  const over = (e: DragEvent) => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    zone.classList.add('drag-over');
  };
  zone.addEventListener('dragenter', over);
  zone.addEventListener('dragover', over);
  zone.addEventListener('dragleave', (e) => {
    if (!zone.contains(e.relatedTarget as Node | null)) zone.classList.remove('drag-over');
  });
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('drag-over');
    enqueue([...(e.dataTransfer?.files ?? [])]);
  });
}

interface FileLine {
  progress: HTMLProgressElement;
  percent: HTMLElement;
  outcome: HTMLElement;
  item: HTMLElement;
}

function fileLine(file: File, list: HTMLElement): FileLine {
  const progress = h('progress', { max: 100, value: 0, 'aria-label': `Envoi de ${file.name}` });
  const percent = h('span', { class: 'percent' }, 'en attente');
  const outcome = h('p', { class: 'upload-outcome' });
  const item = h('li', {}, h('span', { class: 'file-name' }, file.name), progress, percent, outcome);
  list.append(item);
  return { progress, percent, outcome, item };
}

async function sendAll(options: UploadPanelOptions, files: File[], lines: FileLine[], status: HTMLElement): Promise<void> {
  let stored = 0;
  for (let i = 0; i < files.length; i++) {
    if (await sendOne(options, files[i], lines[i], status)) stored++;
  }
  options.onBatchDone?.(stored);
}

async function sendOne(options: UploadPanelOptions, file: File, line: FileLine, status: HTMLElement): Promise<boolean> {
  const say = (text: string) => (status.textContent = text);
  let announced = 0;
  say(`Envoi de « ${file.name} » commencé.`);
  line.percent.textContent = '0 %';
  try {
    const sent = await options.send(file, (loaded, total) => {
      const pct = total > 0 ? Math.floor((loaded * 100) / total) : 0;
      line.progress.value = pct;
      line.percent.textContent = `${pct} %`;
      const step = ANNOUNCED_STEPS.filter((s) => pct >= s).pop() ?? 0;
      if (step > announced) {
        announced = step;
        say(`Envoi de « ${file.name} » : ${step} %.`);
      }
    });
    line.progress.value = 100;
    line.percent.textContent = '100 %';
    line.item.classList.add('upload-done');
    line.outcome.replaceChildren('Enregistré : ', sent.href ? h('a', { href: sent.href, 'data-link': true }, sent.text) : sent.text);
    say(`« ${file.name} » enregistré.`);
    return true;
  } catch (e) {
    line.item.classList.add('upload-failed');
    line.percent.textContent = 'échec';
    line.outcome.replaceChildren(h('span', { class: 'field-error' }, `Échec de l’envoi : ${messageOf(e)}`));
    say(`Échec de l’envoi de « ${file.name} » : ${messageOf(e)}`);
    return false;
  }
}
