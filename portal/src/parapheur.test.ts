import {
  EVENT_ACTION,
  FOLDER_STATUS,
  STEP_STATUS,
  actionVerb,
  assigneeText,
  assigneeValue,
  delegationState,
  foldersPath,
  groupByStage,
  inboxCountLabel,
  labelOf,
  onBehalfText,
  pdfFile,
  problemErrors,
  reportFileName,
  roleLabel,
  stageTitle,
  subIndicationText,
  templateRequest,
  templateStepText,
  templatesPath,
  titleOfFileName,
  uploadFolderPath,
  validationSummary,
} from './parapheur';

describe('parapheur labels', () => {
  it('says statuses and actions in French, unknown codes as is', () => {
    expect(['IN_PROGRESS', 'APPROVED', 'REJECTED', 'WITHDRAWN'].map((s) => labelOf(FOLDER_STATUS, s))).toEqual(['En cours', 'Approuvé', 'Refusé', 'Retiré']);
    expect(['WAITING', 'PENDING', 'SIGNING', 'DONE', 'REJECTED', 'CANCELLED'].map((s) => labelOf(STEP_STATUS, s))).toEqual([
      'En attente',
      'À traiter',
      'Signature en cours',
      'Fait',
      'Refusé',
      'Annulé',
    ]);
    expect(['submitted', 'approved', 'signed', 'rejected', 'withdrawn', 'completed'].map((a) => labelOf(EVENT_ACTION, a))).toEqual([
      'Déposé',
      'Visé',
      'Signé',
      'Refusé',
      'Retiré',
      'Circuit terminé',
    ]);
    expect(labelOf(FOLDER_STATUS, 'ARCHIVED')).toBe('ARCHIVED');
    expect(labelOf(FOLDER_STATUS, null)).toBe('—');
  });

  it('names roles, assignees and action buttons', () => {
    expect(['commune-admin', 'agent', 'manager', 'elected-official'].map(roleLabel)).toEqual(['Administrateur de la commune', 'Agent', 'Encadrant', 'Élu']);
    expect(actionVerb('VISA')).toBe('Viser');
    expect(actionVerb('SIGNATURE')).toBe('Signer');
    expect(assigneeText({ assigneeUsername: 'mdupont', assigneeName: 'Marie Dupont' })).toBe('Marie Dupont');
    expect(assigneeText({ assigneeUsername: 'mdupont' })).toBe('mdupont');
    expect(assigneeText({ assigneeRole: 'manager' })).toBe('Rôle : Encadrant');
    expect(assigneeText({ role: 'elected-official' })).toBe('Rôle : Élu');
    expect(templateStepText({ kind: 'SIGNATURE', username: 'maire', assigneeName: 'Jean Maire', label: 'Maire' })).toBe('Signature — Jean Maire (Maire)');
    expect(templateStepText({ kind: 'VISA', role: 'agent', label: ' ' })).toBe('Visa — Rôle : Agent');
    expect(onBehalfText('Marie Dupont')).toBe('par délégation de Marie Dupont');
    expect(onBehalfText(null)).toBeNull();
  });
});

describe('steps by stage', () => {
  it('groups the steps of a stage together, stages and positions in order', () => {
    const steps = [
      { id: 'c', stage: 2, position: 1 },
      { id: 'a', stage: 1, position: 0 },
      { id: 'b', stage: 2, position: 0 },
      { id: 'd', stage: 3, position: 0 },
    ];
    const groups = groupByStage(steps);
    expect(groups.map((g) => [g.stage, g.steps.map((s) => s.id)])).toEqual([
      [1, ['a']],
      [2, ['b', 'c']],
      [3, ['d']],
    ]);
    expect(stageTitle(groups[0])).toBe('Étape 1');
    expect(stageTitle(groups[1])).toBe('Étape 2 (2 intervenants en parallèle)');
    expect(groupByStage([])).toEqual([]);
  });

  it('keeps the given order of steps without positions (template steps)', () => {
    const groups = groupByStage([
      { stage: 1, kind: 'VISA', n: 1 },
      { stage: 1, kind: 'VISA', n: 2 },
    ]);
    expect(groups[0].steps.map((s) => s.n)).toEqual([1, 2]);
  });
});

describe('counters and summaries', () => {
  it('reads the inbox counter', () => {
    expect(inboxCountLabel(0)).toBe('Aucun document en attente');
    expect(inboxCountLabel(1)).toBe('1 document en attente');
    expect(inboxCountLabel(3)).toBe('3 documents en attente');
    expect(inboxCountLabel(3, 1)).toBe('3 documents en attente, dont 1 en retard');
  });

  it('summarizes a validation report', () => {
    expect(validationSummary({ signaturesCount: 2, validSignaturesCount: 2 })).toBe('2 signatures, 2 valides');
    expect(validationSummary({ signaturesCount: 1, validSignaturesCount: 1 })).toBe('1 signature, 1 valide');
    expect(validationSummary({ signaturesCount: 2, validSignaturesCount: 0 })).toBe('2 signatures, aucune valide');
    expect(validationSummary({ signaturesCount: 0, validSignaturesCount: 0 })).toBe('Aucune signature');
  });

  it('explains sub-indications, keeping the code', () => {
    expect(subIndicationText('HASH_FAILURE')).toBe('Le document a été modifié après la signature (HASH_FAILURE)');
    expect(subIndicationText('SOMETHING_NEW')).toBe('SOMETHING_NEW');
    expect(subIndicationText(null)).toBe('—');
  });

  it('names the JSON report after the PDF', () => {
    expect(reportFileName('Arrêté 2026-14.pdf')).toBe('rapport-validation-Arrêté-2026-14.json');
    expect(reportFileName(null)).toBe('rapport-validation.json');
  });

  it('tells the state of a delegation', () => {
    const base = { startsOn: '2026-03-01', endsOn: '2026-03-10', activeToday: false };
    expect(delegationState({ ...base, activeToday: true }, '2026-03-05')).toBe('Active');
    expect(delegationState({ ...base, revokedAt: '2026-03-02T10:00:00Z' }, '2026-03-05')).toBe('Révoquée');
    expect(delegationState(base, '2026-03-11')).toBe('Terminée');
    expect(delegationState(base, '2026-02-20')).toBe('À venir');
  });
});

describe('API paths and bodies', () => {
  it('builds the list and upload paths, empty values left out', () => {
    expect(foldersPath('mine')).toBe('/parapheur/folders?scope=mine');
    expect(foldersPath('all', 'REJECTED')).toBe('/parapheur/folders?scope=all&status=REJECTED');
    expect(templatesPath(false)).toBe('/parapheur/templates');
    expect(templatesPath(true)).toBe('/parapheur/templates?archived=true');
    expect(uploadFolderPath({ templateId: 't-1', title: 'Arrêté n° 14 & annexes', message: '', dueDate: '2026-05-01' })).toBe(
      '/parapheur/folders/upload?template=t-1&title=Arr%C3%AAt%C3%A9+n%C2%B0+14+%26+annexes&dueDate=2026-05-01',
    );
  });

  it('builds the circuit body: a person or a role per step, never both', () => {
    const body = templateRequest(' Arrêtés ', '  ', [
      { stage: '1', kind: 'VISA', assignee: 'role:manager', label: ' ' },
      { stage: '2', kind: 'SIGNATURE', assignee: 'personne:maire', label: 'Maire' },
    ]);
    expect(body).toEqual({
      name: 'Arrêtés',
      description: undefined,
      steps: [
        { stage: 1, kind: 'VISA', username: undefined, role: 'manager', label: undefined },
        { stage: 2, kind: 'SIGNATURE', username: 'maire', role: undefined, label: 'Maire' },
      ],
    });
    expect(JSON.parse(JSON.stringify(body.steps[0]))).toEqual({ stage: 1, kind: 'VISA', role: 'manager' });
    expect(assigneeValue({ username: 'maire' })).toBe('personne:maire');
    expect(assigneeValue({ role: 'agent' })).toBe('role:agent');
    expect(assigneeValue({})).toBe('');
  });

  it('reads the errors of a problem, strings or field messages', () => {
    expect(problemErrors({ title: 't', status: 422, errors: ['Étape 1 vide', 'Rangs sans interruption'] as never })).toEqual(['Étape 1 vide', 'Rangs sans interruption']);
    expect(problemErrors({ title: 't', status: 422, errors: [{ field: 'name', message: 'obligatoire' }] })).toEqual(['obligatoire']);
    expect(problemErrors({ title: 't', status: 403 })).toEqual([]);
    expect(problemErrors(null)).toEqual([]);
  });

  it('sends a chosen file as a PDF and proposes its name as the object', () => {
    const untyped = new File(['%PDF-1.7'], 'arrete.pdf');
    expect(pdfFile(untyped).type).toBe('application/pdf');
    expect(pdfFile(untyped).name).toBe('arrete.pdf');
    const typed = new File(['x'], 'a.pdf', { type: 'application/pdf' });
    expect(pdfFile(typed)).toBe(typed);
    expect(titleOfFileName('Arrêté 2026-14.pdf')).toBe('Arrêté 2026-14');
    expect(titleOfFileName('compte rendu')).toBe('compte rendu');
  });
});
