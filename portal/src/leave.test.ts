import {
  HISTORY_ACTION,
  LEAVE_STATUS,
  absenceOn,
  bpmnViolations,
  calendarPath,
  canCancel,
  deciderName,
  draftErrors,
  formatDays,
  halfDayText,
  isLeaveTypeCode,
  leaveErrorField,
  leaveRequestBody,
  monthBounds,
  monthDays,
  monthLabel,
  monthOf,
  monthValue,
  parseBalance,
  parsePattern,
  patternText,
  patternValue,
  periodText,
  periodWithHalves,
  requestTitle,
  shiftMonth,
  taskCountLabel,
} from './leave';
import { labelOf } from './parapheur';

describe('leave labels and numbers', () => {
  it('says statuses and history actions in French, unknown codes as is', () => {
    expect(['PENDING', 'APPROVED', 'REFUSED', 'CANCELLED'].map((s) => labelOf(LEAVE_STATUS, s))).toEqual(['En attente', 'Accordée', 'Refusée', 'Annulée']);
    expect(['SUBMITTED', 'STEP_APPROVED', 'STEP_REFUSED', 'APPROVED', 'REFUSED', 'ESCALATED', 'CANCELLED'].map((a) => labelOf(HISTORY_ACTION, a))).toEqual([
      'Demande déposée',
      'Étape validée',
      'Étape refusée',
      'Congé accordé',
      'Congé refusé',
      'Relance envoyée',
      'Demande annulée',
    ]);
    expect(labelOf(LEAVE_STATUS, 'ARCHIVED')).toBe('ARCHIVED');
  });

  it('counts days in half days, singular below two', () => {
    expect(formatDays(25)).toBe('25\u00a0jours');
    expect(formatDays(12.5)).toBe('12,5\u00a0jours');
    expect(formatDays('2.5E+1')).toBe('25\u00a0jours');
    expect(formatDays(1)).toBe('1\u00a0jour');
    expect(formatDays(1.5)).toBe('1,5\u00a0jour');
    expect(formatDays(0.5)).toBe('0,5\u00a0jour');
    expect(formatDays(0)).toBe('0\u00a0jour');
    expect(formatDays(null)).toBe('—');
  });

  it('writes periods with their half days', () => {
    const r = { typeCode: 'CA', typeLabel: 'Congés annuels', startDate: '2031-09-15', startHalf: 'AFTERNOON', endDate: '2031-09-19', endHalf: 'MORNING' };
    expect(halfDayText(r.startDate, r.startHalf)).toBe('15/09/2031 après-midi');
    expect(periodText(r)).toBe('du 15/09/2031 au 19/09/2031');
    expect(periodText({ startDate: '2031-09-15', endDate: '2031-09-15' })).toBe('le 15/09/2031');
    expect(periodWithHalves(r)).toBe('du 15/09/2031 après-midi au 19/09/2031 matin');
    expect(requestTitle(r)).toBe('Congés annuels du 15/09/2031 au 19/09/2031');
    expect(requestTitle({ ...r, typeLabel: null })).toBe('CA du 15/09/2031 au 19/09/2031');
  });

  it('reads the task counter aloud', () => {
    expect(taskCountLabel(0)).toBe('Aucune tâche en attente');
    expect(taskCountLabel(1)).toBe('1 tâche en attente');
    expect(taskCountLabel(1200)).toBe('1\u00a0200 tâches en attente');
  });

  it('lets only the agent cancel an open request before its first day', () => {
    const r = { agentUsername: 'agent1', status: 'APPROVED', startDate: '2031-09-15' };
    expect(canCancel(r, 'agent1', '2031-09-14')).toBe(true);
    expect(canCancel(r, 'agent1', '2031-09-15')).toBe(false);
    expect(canCancel(r, 'chef', '2031-09-14')).toBe(false);
    expect(canCancel({ ...r, status: 'PENDING' }, 'agent1', '2026-01-01')).toBe(true);
    expect(canCancel({ ...r, status: 'REFUSED' }, 'agent1', '2026-01-01')).toBe(false);
    expect(canCancel({ ...r, status: 'CANCELLED' }, 'agent1', '2026-01-01')).toBe(false);
  });

  it('names who decided from the history', () => {
    const history = [
      { at: '2031-01-01T10:00:00Z', action: 'SUBMITTED', actorUsername: 'agent1', actorName: 'Léa Agent' },
      { at: '2031-01-02T10:00:00Z', action: 'APPROVED', actorUsername: 'chef', actorName: 'Charles Chef' },
    ];
    expect(deciderName({ decidedBy: 'chef', history })).toBe('Charles Chef');
    expect(deciderName({ decidedBy: 'chef', history: [] })).toBe('chef');
    expect(deciderName({ decidedBy: null, history: null })).toBeNull();
  });
});

describe('the request form', () => {
  const draft = { type: 'CA', startDate: '2031-09-15', startHalf: 'MORNING', endDate: '2031-09-19', endHalf: 'AFTERNOON', comment: '  ' };

  it('builds the API’s body, leaving an empty comment out', () => {
    expect(leaveRequestBody(draft)).toEqual({ type: 'CA', startDate: '2031-09-15', startHalf: 'MORNING', endDate: '2031-09-19', endHalf: 'AFTERNOON', comment: undefined });
    expect(leaveRequestBody({ ...draft, startHalf: 'AFTERNOON', endHalf: 'MORNING', comment: ' Vacances ' })).toMatchObject({ startHalf: 'AFTERNOON', endHalf: 'MORNING', comment: 'Vacances' });
  });

  it('checks the fields before sending', () => {
    expect(draftErrors(draft, '2031-01-01')).toEqual([]);
    expect(draftErrors({ ...draft, type: '', startDate: '', endDate: '' }, '2031-01-01').map((e) => e.field)).toEqual(['type', 'startDate', 'endDate']);
    expect(draftErrors({ ...draft, endDate: '2031-09-14' }, '2031-01-01')).toEqual([{ field: 'endDate', message: 'La fin du congé précède son début.' }]);
    expect(draftErrors({ ...draft, endDate: '2031-09-15', startHalf: 'AFTERNOON', endHalf: 'MORNING' }, '2031-01-01').map((e) => e.field)).toEqual(['endDate']);
    expect(draftErrors({ ...draft, endDate: '2031-09-15', startHalf: 'AFTERNOON', endHalf: 'AFTERNOON' }, '2031-01-01')).toEqual([]);
    expect(draftErrors(draft, '2031-09-16').map((e) => e.field)).toEqual(['startDate']);
    expect(draftErrors({ ...draft, comment: 'x'.repeat(1001) }, '2031-01-01').map((e) => e.field)).toEqual(['comment']);
  });

  it('puts the server’s refusals next to the field they concern', () => {
    expect(leaveErrorField('insufficient-balance')).toBe('type');
    expect(leaveErrorField('unknown-leave-type')).toBe('type');
    expect(leaveErrorField('leave-overlap')).toBe('startDate');
    expect(leaveErrorField('leave-in-the-past')).toBe('startDate');
    expect(leaveErrorField('no-working-day')).toBe('startDate');
    expect(leaveErrorField('invalid-period')).toBe('endDate');
    expect(leaveErrorField('service-not-subscribed')).toBeNull();
    expect(leaveErrorField(undefined)).toBeNull();
  });
});

describe('the team calendar', () => {
  it('reads the month of the address, else today’s', () => {
    expect(monthOf('2031-09', '2026-12-02')).toEqual({ year: 2031, month: 9 });
    expect(monthOf('2031-13', '2026-12-02')).toEqual({ year: 2026, month: 12 });
    expect(monthOf(null, '2026-12-02')).toEqual({ year: 2026, month: 12 });
    expect(monthValue({ year: 2031, month: 9 })).toBe('2031-09');
  });

  it('moves between months and years', () => {
    expect(shiftMonth({ year: 2031, month: 1 }, -1)).toEqual({ year: 2030, month: 12 });
    expect(shiftMonth({ year: 2031, month: 12 }, 1)).toEqual({ year: 2032, month: 1 });
    expect(shiftMonth({ year: 2031, month: 9 }, 0)).toEqual({ year: 2031, month: 9 });
  });

  it('lists the month’s days with their weekdays and weekends', () => {
    expect(monthBounds({ year: 2032, month: 2 })).toEqual({ from: '2032-02-01', to: '2032-02-29' });
    expect(monthLabel({ year: 2031, month: 9 })).toBe('septembre 2031');
    const days = monthDays({ year: 2031, month: 9 });
    expect(days).toHaveLength(30);
    expect(days[0]).toMatchObject({ iso: '2031-09-01', day: 1, weekday: 0, weekend: false, short: 'lu', long: 'lundi 1er septembre' });
    expect(days.filter((d) => d.weekend).map((d) => d.day)).toEqual([6, 7, 13, 14, 20, 21, 27, 28]);
    expect(days[14].long).toBe('lundi 15 septembre');
  });

  it('tells which half days an absence covers', () => {
    const e = { startDate: '2031-09-15', startHalf: 'AFTERNOON', endDate: '2031-09-17', endHalf: 'MORNING' };
    expect(absenceOn(e, '2031-09-14')).toBeNull();
    expect(absenceOn(e, '2031-09-15')).toBe('AFTERNOON');
    expect(absenceOn(e, '2031-09-16')).toBe('DAY');
    expect(absenceOn(e, '2031-09-17')).toBe('MORNING');
    expect(absenceOn(e, '2031-09-18')).toBeNull();
    expect(absenceOn({ startDate: '2031-09-15', startHalf: 'MORNING', endDate: '2031-09-15', endHalf: 'AFTERNOON' }, '2031-09-15')).toBe('DAY');
    expect(calendarPath('2031-09-01', '2031-09-30')).toBe('/leave/calendar?from=2031-09-01&to=2031-09-30');
  });
});

describe('working patterns and settings', () => {
  it('reads and writes working patterns', () => {
    const work = parsePattern('MON,TUE,WED_AM,THU,FRI');
    expect(work).toEqual({ MON: 'FULL', TUE: 'FULL', WED: 'AM', THU: 'FULL', FRI: 'FULL', SAT: 'OFF', SUN: 'OFF' });
    expect(patternValue(work)).toBe('MON,TUE,WED_AM,THU,FRI');
    expect(parsePattern('WED_AM,WED_PM').WED).toBe('FULL');
    expect(patternValue(parsePattern(null))).toBe('MON,TUE,WED,THU,FRI');
    expect(patternValue({ MON: 'OFF' })).toBe('');
    expect(patternText('MON,TUE,WED_AM,THU,FRI_PM')).toBe('Lundi, mardi, mercredi matin, jeudi, vendredi après-midi');
    expect(patternText('')).toBe('Lundi, mardi, mercredi, jeudi, vendredi');
  });

  it('reads a refused BPMN variant’s violations one by one', () => {
    const problem = {
      title: 'Refus',
      status: 422,
      code: 'invalid-bpmn',
      detail:
        'Variante refusée : L\'identifiant du processus doit être « leaveRequest » (trouvé : « autre »). Le processus doit être exécutable (isExecutable="true"). élément « t1 » : type d\'élément non permis (ScriptTask). Expression non permise : « ${a.b()} ».',
    };
    expect(bpmnViolations(problem)).toEqual([
      'L\'identifiant du processus doit être « leaveRequest » (trouvé : « autre »).',
      'Le processus doit être exécutable (isExecutable="true").',
      'élément « t1 » : type d\'élément non permis (ScriptTask).',
      'Expression non permise : « ${a.b()} ».',
    ]);
    expect(bpmnViolations({ title: 'x', status: 422, errors: [{ field: 'bpmn', message: 'Fichier vide.' }] })).toEqual(['Fichier vide.']);
    expect(bpmnViolations({ title: 'x', status: 400, detail: 'Fichier BPMN vide.' })).toEqual(['Fichier BPMN vide.']);
    expect(bpmnViolations(null)).toEqual([]);
  });

  it('checks leave type codes and balances as the API does', () => {
    expect(isLeaveTypeCode('ASA')).toBe(true);
    expect(isLeaveTypeCode('CA_2')).toBe(true);
    expect(isLeaveTypeCode('A')).toBe(false);
    expect(isLeaveTypeCode('asa')).toBe(false);
    expect(isLeaveTypeCode('1AB')).toBe(false);
    expect(parseBalance('12,5')).toBe(12.5);
    expect(parseBalance(' 25 ')).toBe(25);
    expect(parseBalance('12.25')).toBeNull();
    expect(parseBalance('')).toBeNull();
    expect(parseBalance('douze')).toBeNull();
  });
});
