import type { Api, CircuitTemplate, FolderDetail, Me, ValidationReport } from '../api';
import { ApiError } from '../api';
import type { ViewContext } from './context';
import { parapheurDelegationsView } from './parapheurDelegations';
import { parapheurFolderView } from './parapheurFolder';
import { parapheurInboxView } from './parapheurInbox';
import { parapheurSubmitView } from './parapheurSubmit';
import { parapheurTemplatesView } from './parapheurTemplates';
import { signatureValidationView } from './signatureValidation';

const me = (roles: string[] = ['agent']): Me => ({
  subject: 's',
  username: 'agent1',
  displayName: 'Agent Un',
  operator: false,
  roles,
  commune: { insee: '67131', name: 'Eschau', status: 'ACTIVE' },
});

const template: CircuitTemplate = {
  id: 't-1',
  name: 'Arrêtés du maire',
  description: 'Visa du responsable puis signature du maire',
  steps: [
    { stage: 1, kind: 'VISA', role: 'manager', label: 'Responsable du service' },
    { stage: 1, kind: 'VISA', username: 'dgs', assigneeName: 'Claire DGS', label: 'DGS' },
    { stage: 2, kind: 'SIGNATURE', username: 'maire', assigneeName: 'Jean Maire', label: 'Maire' },
  ],
  createdBy: 'admin',
  createdAt: '2026-01-05T10:00:00Z',
  updatedAt: '2026-01-05T10:00:00Z',
  archived: false,
};

const detail = (overrides: Partial<FolderDetail> = {}): FolderDetail => ({
  folder: {
    id: 'f-1',
    templateId: 't-1',
    templateName: 'Arrêtés du maire',
    documentId: 'd-1',
    submittedVersion: 1,
    workingVersion: 1,
    title: 'Arrêté de voirie 2026-14',
    message: 'Merci de viser rapidement.',
    dueDate: '2026-02-01',
    submitterUsername: 'agent2',
    submitterName: 'Agent Deux',
    status: 'IN_PROGRESS',
    currentStage: 2,
    signatures: 0,
    createdAt: '2026-01-10T09:00:00Z',
    closedAt: null,
  },
  steps: [
    { id: 's-1', stage: 1, position: 0, kind: 'VISA', assigneeRole: 'manager', label: 'Responsable', status: 'DONE', actedByUsername: 'resp', actedByName: 'Rita Resp', actedAt: '2026-01-11T09:00:00Z', comment: 'OK' },
    { id: 's-2', stage: 1, position: 1, kind: 'VISA', assigneeUsername: 'dgs', assigneeName: 'Claire DGS', status: 'DONE', actedByName: 'Agent Un', onBehalfOfName: 'Claire DGS', actedAt: '2026-01-11T10:00:00Z' },
    { id: 's-3', stage: 2, position: 0, kind: 'SIGNATURE', assigneeUsername: 'agent1', assigneeName: 'Agent Un', label: 'Maire', status: 'PENDING' },
  ],
  history: [
    { at: '2026-01-10T09:00:00Z', action: 'submitted', actorName: 'Agent Deux', documentVersion: 1 },
    { at: '2026-01-11T09:00:00Z', action: 'approved', actorName: 'Rita Resp', comment: 'OK' },
  ],
  myActions: [{ stepId: 's-3', kind: 'SIGNATURE', label: 'Maire', onBehalfOfName: null }],
  canWithdraw: false,
  ...overrides,
});

function context(api: Partial<Record<keyof Api, unknown>>, roles?: string[], query = ''): ViewContext & { navigated: string[]; refreshed: number } {
  const ctx = {
    api: api as unknown as Api,
    me: me(roles),
    query: new URLSearchParams(query),
    navigated: [] as string[],
    refreshed: 0,
    refresh: () => ctx.refreshed++,
    navigate: (to: string) => ctx.navigated.push(to),
    refreshInboxCount: () => {},
    refreshTaskCount: () => {},
  };
  return ctx;
}

async function render(elements: Promise<HTMLElement[]>): Promise<HTMLElement> {
  const main = document.createElement('main');
  main.append(...(await elements));
  document.body.replaceChildren(main);
  return main;
}

/** jsdom cannot fill a file input's own list (its constraint validation reads it): the choice is simulated. */
function choose(input: HTMLInputElement, file: File): void {
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.required = false;
  input.dispatchEvent(new Event('change'));
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const button = (root: ParentNode, name: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name || b.textContent?.startsWith(name)) as HTMLButtonElement;
const labelled = (root: ParentNode, label: string) => {
  const l = [...root.querySelectorAll('label')].find((x) => x.textContent === label);
  return l ? (document.getElementById(l.htmlFor) as HTMLElement) : null;
};

describe('parapheur pages', () => {
  it('lists what awaits me, my folders and my notifications', async () => {
    const read: string[] = [];
    const ctx = context({
      inbox: async () => [
        { folderId: 'f-1', stepId: 's-3', title: 'Arrêté 14', templateName: 'Arrêtés', kind: 'SIGNATURE', label: 'Maire', submitterName: 'Agent Deux', dueDate: '2026-01-02', overdue: true, submittedAt: '2026-01-01T10:00:00Z', onBehalfOfName: 'Jean Maire' },
      ],
      parapheurFolders: async () => [{ ...detail().folder, status: 'REJECTED' }],
      notifications: async () => [{ id: 'n-1', folderId: 'f-1', kind: 'REJECTED', message: 'Votre dossier a été refusé.', createdAt: '2026-01-03T10:00:00Z', readAt: null }],
      markNotificationRead: async (id: string) => void read.push(id),
    });
    const main = await render(parapheurInboxView(ctx));
    expect(main.querySelector('h1')?.textContent).toBe('Mon parapheur');
    const inbox = main.querySelectorAll('table')[0];
    expect(inbox.querySelector('caption')?.textContent).toBe('1 document attend votre action');
    expect(inbox.querySelector('tbody th a')?.getAttribute('href')).toBe('/parapheur/dossiers/f-1');
    expect(inbox.textContent).toContain('(par délégation de Jean Maire)');
    expect(inbox.textContent).toContain('(en retard)');
    expect(main.querySelectorAll('table')[1].textContent).toContain('Refusé');
    button(main, 'Marquer comme lu').click();
    await settle();
    expect(read).toEqual(['n-1']);
    expect(main.textContent).toContain('Aucune nouvelle notification.');
  });

  it('shows empty states in French', async () => {
    const main = await render(parapheurInboxView(context({ inbox: async () => [], parapheurFolders: async () => [], notifications: async () => [] })));
    expect(main.textContent).toContain('Aucun document n’attend votre visa ou votre signature.');
    expect(main.textContent).toContain('Vous n’avez déposé aucun dossier.');
  });

  it('says when the commune is not subscribed', async () => {
    const refused = async () => {
      throw new ApiError({ title: 'Interdit', status: 403, code: 'service-not-subscribed', detail: 'La commune n’est pas abonnée au parapheur électronique.' });
    };
    const main = await render(parapheurInboxView(context({ inbox: refused, parapheurFolders: refused, notifications: refused })));
    expect(main.querySelector('[role=alert]')?.textContent).toBe('La commune n’est pas abonnée au parapheur électronique.');
  });

  it('submits an uploaded PDF and opens the folder', async () => {
    const sent: unknown[] = [];
    const ctx = context({
      templates: async () => [template],
      submitUpload: async (file: File, folder: unknown) => {
        sent.push(file.name, folder);
        return detail();
      },
    });
    const main = await render(parapheurSubmitView(ctx));
    expect(main.querySelector('h1')?.textContent).toBe('Soumettre un document');
    // one circuit: chosen, its steps shown by stage
    expect(main.querySelector('#soumission-etapes')?.textContent).toContain('Étape 1 (2 intervenants en parallèle)');
    const file = labelled(main, 'Document PDF') as HTMLInputElement;
    expect(file.type).toBe('file');
    expect(file.accept).toContain('application/pdf');
    choose(file, new File(['%PDF'], 'Arrêté 14.pdf', { type: 'application/pdf' }));
    expect((labelled(main, 'Objet') as HTMLInputElement).value).toBe('Arrêté 14');
    (main.querySelector('form') as HTMLFormElement).requestSubmit(button(main, 'Soumettre'));
    await settle();
    expect(sent).toEqual(['Arrêté 14.pdf', { templateId: 't-1', title: 'Arrêté 14', message: undefined, dueDate: undefined }]);
    expect(ctx.navigated).toEqual(['/parapheur/dossiers/f-1']);
  });

  it('shows the server’s refusal of a submission in an alert', async () => {
    const ctx = context({
      templates: async () => [template],
      submitUpload: async () => {
        throw new ApiError({ title: 'Refusé', status: 422, code: 'encrypted-pdf', detail: 'Le PDF est chiffré.' });
      },
    });
    const main = await render(parapheurSubmitView(ctx));
    const file = labelled(main, 'Document PDF') as HTMLInputElement;
    choose(file, new File(['%PDF'], 'x.pdf', { type: 'application/pdf' }));
    (main.querySelector('form') as HTMLFormElement).requestSubmit(button(main, 'Soumettre'));
    await settle();
    const alert = main.querySelector('#soumission-erreur') as HTMLElement;
    expect(alert.hidden).toBe(false);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toBe('Le PDF est chiffré.');
  });

  it('shows a folder by stage, signs it and announces the outcome', async () => {
    const signed: unknown[] = [];
    const after = detail({
      folder: { ...detail().folder, status: 'APPROVED', workingVersion: 2, signatures: 1 },
      steps: detail().steps.map((s) => (s.id === 's-3' ? { ...s, status: 'DONE', signatureLevel: 'PAdES-BASELINE-LTA', producedVersion: 2, certificateSerial: '1A2B' } : s)),
      myActions: [],
    });
    const ctx = context({
      parapheurFolder: async () => detail(),
      signFolder: async (...args: unknown[]) => {
        signed.push(args);
        return after;
      },
    });
    const main = await render(parapheurFolderView(ctx, { id: 'f-1' }));
    expect(main.querySelector('h1')?.textContent).toBe('Arrêté de voirie 2026-14');
    const stages = [...main.querySelectorAll('.steps-table th[scope=rowgroup]')].map((th) => th.textContent);
    expect(stages).toEqual(['Étape 1 (2 intervenants en parallèle)', 'Étape 2 — étape en cours']);
    expect(main.querySelector('.steps-table')?.textContent).toContain('Rôle : Encadrant');
    expect(main.querySelector('.steps-table')?.textContent).toContain('(par délégation de Claire DGS)');
    expect(main.textContent).toContain('À traiter');
    expect([...main.querySelectorAll('h2')].map((x) => x.textContent)).toEqual(['Informations', 'Votre action', 'Étapes du circuit', 'Historique']);
    expect(button(main, 'Viser')).toBeUndefined();
    expect(main.querySelector('a[href="/documents/d-1"]')).not.toBeNull();
    const sign = button(main, 'Signer');
    sign.closest('form')?.requestSubmit(sign);
    await settle();
    expect(signed).toEqual([['f-1', 's-3', undefined, undefined]]);
    const result = main.querySelector('#dossier-resultat') as HTMLElement;
    expect(result.getAttribute('role')).toBe('status');
    expect(result.textContent).toContain('Vous avez signé le document (PAdES-BASELINE-LTA).');
    expect(document.activeElement).toBe(result);
    expect(button(main, 'Signer')).toBeUndefined();
    expect(main.textContent).toContain('Approuvé');
  });

  it('requires a reason to refuse', async () => {
    const rejected: unknown[] = [];
    const ctx = context({
      parapheurFolder: async () => detail(),
      rejectFolder: async (...args: unknown[]) => {
        rejected.push(args);
        return detail({ folder: { ...detail().folder, status: 'REJECTED' }, myActions: [] });
      },
    });
    const main = await render(parapheurFolderView(ctx, { id: 'f-1' }));
    const refuse = button(main, 'Refuser');
    refuse.closest('form')?.requestSubmit(refuse);
    await settle();
    const reason = labelled(main, 'Motif du refus') as HTMLTextAreaElement;
    expect(rejected).toEqual([]);
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(main.textContent).toContain('Indiquez le motif du refus.');
    reason.value = 'Pièce manquante';
    refuse.closest('form')?.requestSubmit(refuse);
    await settle();
    expect(rejected).toEqual([['f-1', 'Pièce manquante', 's-3']]);
    expect(main.querySelector('#dossier-resultat')?.textContent).toContain('Vous avez refusé le dossier.');
  });

  it('offers the withdrawal to the submitter', async () => {
    const ctx = context({
      parapheurFolder: async () => detail({ myActions: [], canWithdraw: true }),
      withdrawFolder: async () => detail({ folder: { ...detail().folder, status: 'WITHDRAWN' }, myActions: [], canWithdraw: false }),
    });
    const main = await render(parapheurFolderView(ctx, { id: 'f-1' }));
    const withdraw = button(main, 'Retirer le dossier');
    withdraw.closest('form')?.requestSubmit(withdraw);
    await settle();
    expect(main.querySelector('#dossier-resultat')?.textContent).toBe('Le dossier a été retiré du circuit.');
    expect(main.textContent).toContain('Retiré');
  });

  it('edits circuits with a dynamic list of steps and shows the refusal’s errors', async () => {
    const ctx = context(
      {
        templates: async () => [template, { ...template, id: 't-2', name: 'Ancien circuit', archived: true }],
        members: async () => [{ username: 'maire', displayName: 'Jean Maire' }],
        createTemplate: async () => {
          throw new ApiError({ title: 'Circuit refusé', status: 422, code: 'invalid-template', detail: 'Circuit refusé.', errors: ['les rangs commencent à 1'] as never });
        },
      },
      ['commune-admin'],
    );
    const main = await render(parapheurTemplatesView(ctx));
    expect(main.querySelector('h1')?.textContent).toBe('Circuits de signature');
    expect(main.querySelectorAll('.template-card')).toHaveLength(1);
    expect(main.textContent).toContain('Circuits archivés');
    expect(main.querySelectorAll('.step-row')).toHaveLength(1);
    button(main, 'Ajouter une étape').click();
    expect([...main.querySelectorAll('.step-row legend')].map((l) => l.textContent)).toEqual(['Étape n°1', 'Étape n°2']);
    expect(document.activeElement?.getAttribute('name')).toBe('stage');
    button(main, 'Retirer l’étape').click();
    expect([...main.querySelectorAll('.step-row legend')].map((l) => l.textContent)).toEqual(['Étape n°1']);
    (labelled(main, 'Nom du circuit') as HTMLInputElement).value = 'Nouveau';
    const assignee = main.querySelector('.step-row select[name=assignee]') as HTMLSelectElement;
    expect([...assignee.querySelectorAll('optgroup')].map((g) => g.label)).toEqual(['Personnes', 'Rôles (toute personne ayant ce rôle)']);
    assignee.value = 'role:manager';
    const save = button(main, 'Enregistrer le circuit');
    save.closest('form')?.requestSubmit(save);
    await settle();
    const alert = main.querySelector('#circuit-erreur') as HTMLElement;
    expect(alert.hidden).toBe(false);
    expect(alert.querySelector('li')?.textContent).toBe('les rangs commencent à 1');
    // editing fills the form with the circuit
    button(main, 'Modifier').click();
    expect(main.querySelector('#circuit-form-titre')?.textContent).toBe('Modifier le circuit « Arrêtés du maire »');
    expect(main.querySelectorAll('.step-row')).toHaveLength(3);
  });

  it('lists the delegations given and received and delegates', async () => {
    const created: unknown[] = [];
    const ctx = context({
      delegations: async () => [
        { id: 'd-1', delegatorUsername: 'agent1', delegatorName: 'Agent Un', delegateUsername: 'maire', delegateName: 'Jean Maire', startsOn: '2026-01-01', endsOn: '2026-01-31', reason: 'Congés', createdAt: '2026-01-01T00:00:00Z', revokedAt: null, activeToday: true },
        { id: 'd-2', delegatorUsername: 'dgs', delegatorName: 'Claire DGS', delegateUsername: 'agent1', delegateName: 'Agent Un', startsOn: '2026-01-01', endsOn: '2026-01-31', reason: null, createdAt: '2026-01-01T00:00:00Z', revokedAt: null, activeToday: true },
      ],
      members: async () => [
        { username: 'agent1', displayName: 'Agent Un' },
        { username: 'maire', displayName: 'Jean Maire' },
      ],
      delegate: async (d: unknown) => {
        created.push(d);
        return { id: 'd-3', delegatorUsername: 'agent1', delegateUsername: 'maire', delegateName: 'Jean Maire', startsOn: '2026-02-01', endsOn: '2026-02-10', createdAt: '', activeToday: false };
      },
    });
    const main = await render(parapheurDelegationsView(ctx));
    expect(main.querySelector('h1')?.textContent).toBe('Délégations de signature');
    const [given, received] = [...main.querySelectorAll('table')];
    expect(given.textContent).toContain('Jean Maire');
    expect(button(given, 'Révoquer')).toBeDefined();
    expect(received.textContent).toContain('Claire DGS');
    const delegate = labelled(main, 'Délégataire') as HTMLSelectElement;
    expect([...delegate.options].map((o) => o.value)).toEqual(['', 'maire']);
    delegate.value = 'maire';
    (labelled(main, 'Date de début') as HTMLInputElement).value = '2099-02-01';
    (labelled(main, 'Date de fin') as HTMLInputElement).value = '2099-02-10';
    const submit = button(main, 'Déléguer');
    submit.closest('form')?.requestSubmit(submit);
    await settle();
    expect(created).toEqual([{ delegate: 'maire', startsOn: '2099-02-01', endsOn: '2099-02-10', reason: undefined }]);
    expect(ctx.refreshed).toBe(1);
  });

  it('validates a signed PDF and shows a readable report', async () => {
    const report: ValidationReport = {
      fileName: 'signe.pdf',
      validationTime: '2026-01-20T10:00:00Z',
      signaturesCount: 2,
      validSignaturesCount: 1,
      signatures: [
        { id: 'S1', indication: 'TOTAL_PASSED', signedBy: 'Jean Maire', level: 'PAdES-BASELINE-LTA', trustedByPlatform: true, signerRevoked: false, timestamped: true, errors: [], warnings: [] },
        { id: 'S2', indication: 'INDETERMINATE', subIndication: 'REVOKED_NO_POE', signedBy: 'Ex Agent', trustedByPlatform: true, signerRevoked: true, revocationTime: '2026-01-15T10:00:00Z', timestamped: false, errors: ['Certificat révoqué'], warnings: [] },
      ],
    };
    const ctx = context({ validateSignatures: async () => report });
    ctx.me = { ...ctx.me, operator: true, roles: ['platform-operator'], commune: undefined };
    const main = await render(signatureValidationView(ctx));
    expect(main.querySelector('h1')?.textContent).toBe('Valider une signature');
    expect(main.querySelector('nav')).toBeNull();
    expect(main.querySelector('a[href="/api/v1/pki/root.crt"]')?.textContent).toBe('Télécharger le certificat racine de la plateforme');
    const file = labelled(main, 'Document PDF') as HTMLInputElement;
    choose(file, new File(['%PDF'], 'signe.pdf', { type: 'application/pdf' }));
    const validate = button(main, 'Valider');
    validate.closest('form')?.requestSubmit(validate);
    await settle();
    expect(main.querySelector('.report-summary')?.textContent).toBe('2 signatures, 1 valide');
    const cards = main.querySelectorAll('.signature-card');
    expect(cards[0].textContent).toContain('Valide');
    expect(cards[1].textContent).toContain('Indéterminée');
    expect(cards[1].textContent).toContain('Certificat révoqué le');
    expect(button(main, 'Télécharger le rapport (JSON)')).toBeDefined();
    expect(document.activeElement?.textContent).toBe('Rapport de validation');
  });
});
