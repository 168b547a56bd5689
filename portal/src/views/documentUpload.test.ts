import { ApiError, type UploadProgress } from '../api';
import { uploadPanel } from './documentUpload';

const choose = (panel: HTMLElement, files: File[]) => {
  const input = panel.querySelector('input[type=file]') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  input.dispatchEvent(new Event('change'));
};

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('upload panel', () => {
  it('has a labelled file input inside the drop zone', () => {
    const panel = uploadPanel({ id: 't', inputLabel: 'Choisir des fichiers', multiple: true, send: async () => ({ text: '' }) });
    const input = panel.querySelector('.drop-zone input[type=file]') as HTMLInputElement;
    expect(input.multiple).toBe(true);
    expect(panel.querySelector(`label[for="${input.id}"]`)?.textContent).toBe('Choisir des fichiers');
    expect(panel.querySelector('[role=status]')?.getAttribute('aria-live')).toBe('polite');
  });

  it('shows each file’s progress and outcome, sending one file after the other', async () => {
    const progress: UploadProgress[] = [];
    const finish: ((v: { text: string; href?: string }) => void)[] = [];
    const batches: number[] = [];
    const panel = uploadPanel({
      id: 't',
      inputLabel: 'Choisir des fichiers',
      multiple: true,
      send: (_file, onProgress) => {
        progress.push(onProgress);
        return new Promise((resolve) => finish.push(resolve));
      },
      onBatchDone: (n) => batches.push(n),
    });
    choose(panel, [new File(['a'], 'a.txt'), new File(['b'], 'b.txt')]);
    await settle();
    const items = panel.querySelectorAll('.upload-list li');
    expect(items).toHaveLength(2);
    expect(progress).toHaveLength(1); // the second waits for the first

    progress[0](50, 100);
    const bar = items[0].querySelector('progress') as HTMLProgressElement;
    expect(bar.value).toBe(50);
    expect(bar.getAttribute('aria-label')).toBe('Envoi de a.txt');
    expect(items[0].querySelector('.percent')?.textContent).toBe('50 %');
    expect(panel.querySelector('[role=status]')?.textContent).toBe('Envoi de « a.txt » : 50 %.');

    finish[0]({ text: 'a', href: '/documents/d-a' });
    await settle();
    expect(items[0].querySelector('.upload-outcome a')?.getAttribute('href')).toBe('/documents/d-a');
    expect(progress).toHaveLength(2);
    finish[1]({ text: 'b' });
    await settle();
    expect(batches).toEqual([2]);
  });

  it('shows the server’s refusal next to the file', async () => {
    const batches: number[] = [];
    const panel = uploadPanel({
      id: 't',
      inputLabel: 'Choisir des fichiers',
      multiple: true,
      send: async () => {
        throw new ApiError({ title: 'Fichier vide', status: 422, code: 'empty-file', detail: 'Le fichier est vide (0 octet) : rien n’a été enregistré.' });
      },
      onBatchDone: (n) => batches.push(n),
    });
    choose(panel, [new File([], 'vide.txt')]);
    await settle();
    await settle();
    const item = panel.querySelector('.upload-list li') as HTMLElement;
    expect(item.querySelector('.upload-outcome')?.textContent).toBe('Échec de l’envoi : Le fichier est vide (0 octet) : rien n’a été enregistré.');
    expect(panel.querySelector('[role=status]')?.textContent).toMatch(/^Échec de l’envoi de « vide.txt »/);
    expect(batches).toEqual([0]);
  });
});
