import type { CalendarEntry, LeaveType, WorkflowAgent } from '../api';
import { h, srOnly } from '../dom';
import { todayIso } from '../format';
import { absenceOn, formatDays, halfDayText, monthBounds, monthDays, monthLabel, monthOf, monthValue, shiftMonth, type CalendarDay, type Month } from '../leave';
import { isCommuneAdmin } from '../routes';
import type { ViewContext } from './context';
import { leaveHref, leaveNav, leavePage } from './leaveParts';

const TITLE = 'Calendrier d’équipe';
const PATH = '/conges/calendrier';

const monthHref = (m: Month) => `${PATH}?mois=${monthValue(m)}`;

interface Person {
  username: string;
  name: string;
}

/**
 * The approved absences of a month (`?mois=2031-09`) as a table: a row per person, a column per day, each absence
 * written in the cell (type and half day), weekends marked in words in the column headers. A manager sees their team
 * and themselves, an administrator the commune, an agent themselves. The same absences follow as a list.
 */
export async function leaveCalendarView(ctx: ViewContext): Promise<HTMLElement[]> {
  return leavePage(ctx.me, TITLE, async () => {
    const today = todayIso();
    const month = monthOf(ctx.query.get('mois'), today);
    const { from, to } = monthBounds(month);
    const admin = isCommuneAdmin(ctx.me);
    const manager = ctx.me.roles.includes('manager');
    const [entries, types, agents] = await Promise.all([
      ctx.api.leaveCalendar(from, to),
      ctx.api.leaveTypes().catch(() => [] as LeaveType[]),
      admin || manager ? ctx.api.workflowAgents().catch(() => [] as WorkflowAgent[]) : Promise.resolve([] as WorkflowAgent[]),
    ]);
    const people = peopleOf(ctx, entries, agents, admin);
    const label = monthLabel(month);
    return [
      h('h1', { tabindex: '-1' }, TITLE),
      leaveNav(ctx.me, 'calendrier'),
      h(
        'p',
        { class: 'lead' },
        admin
          ? 'Les absences accordées des agents de la commune.'
          : manager
            ? 'Les absences accordées de votre équipe et les vôtres.'
            : 'Vos absences accordées.',
      ),
      monthNavigation(ctx, month),
      h('h2', { id: 'mois-titre' }, capitalize(label)),
      calendarTable(month, people, entries, types, today),
      legend(types, entries),
      h('h2', { id: 'liste-titre' }, `Liste des absences de ${label}`),
      absenceList(entries, types),
    ];
  });
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The rows: me, my team (manager) or every active agent (administrator), and anyone with an absence this month. */
function peopleOf(ctx: ViewContext, entries: CalendarEntry[], agents: WorkflowAgent[], admin: boolean): Person[] {
  const people = new Map<string, string>();
  people.set(ctx.me.username, ctx.me.displayName);
  agents.filter((a) => a.active && (admin || a.managerUsername === ctx.me.username)).forEach((a) => people.set(a.username, a.displayName || a.username));
  entries.forEach((e) => {
    if (!people.has(e.agentUsername) || people.get(e.agentUsername) === e.agentUsername) people.set(e.agentUsername, e.agentName || e.agentUsername);
  });
  return [...people.entries()].map(([username, name]) => ({ username, name })).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

function monthNavigation(ctx: ViewContext, month: Month): HTMLElement {
  const previous = shiftMonth(month, -1);
  const next = shiftMonth(month, 1);
  const input = h('input', { id: 'calendrier-mois', name: 'mois', type: 'month', value: monthValue(month), class: 'short-month' });
  const form = h(
    'form',
    { class: 'month-form', action: PATH, method: 'get' },
    h('div', { class: 'field' }, h('label', { for: 'calendrier-mois' }, 'Mois affiché'), h('div', { class: 'inline-controls' }, input, h('button', { type: 'submit', class: 'button secondary' }, 'Afficher'))),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (/^\d{4}-\d{2}$/.test(input.value)) ctx.navigate(monthHref(monthOf(input.value, todayIso())));
  });
  return h(
    'div',
    { class: 'month-navigation' },
    h(
      'nav',
      { class: 'pagination', 'aria-label': 'Changer de mois' },
      h('a', { href: monthHref(previous), 'data-link': true, rel: 'prev', class: 'button secondary small' }, 'Mois précédent', srOnly(` : ${monthLabel(previous)}`)),
      h('a', { href: `${PATH}`, 'data-link': true, class: 'button secondary small' }, 'Mois en cours'),
      h('a', { href: monthHref(next), 'data-link': true, rel: 'next', class: 'button secondary small' }, 'Mois suivant', srOnly(` : ${monthLabel(next)}`)),
    ),
    form,
  );
}

/** The text of a cell: "CA", "CA matin", "CA après-midi"; several absences are separated. */
function cellText(entries: CalendarEntry[], username: string, day: CalendarDay): string {
  return entries
    .filter((e) => e.agentUsername === username)
    .map((e) => {
      const absence = absenceOn(e, day.iso);
      if (!absence) return null;
      return absence === 'DAY' ? e.typeCode : `${e.typeCode} ${absence === 'MORNING' ? 'matin' : 'après-midi'}`;
    })
    .filter((t): t is string => t !== null)
    .join(', ');
}

function calendarTable(month: Month, people: Person[], entries: CalendarEntry[], types: LeaveType[], today: string): HTMLElement {
  const days = monthDays(month);
  const absences = entries.length === 0 ? 'aucune absence accordée' : entries.length === 1 ? '1 absence accordée' : `${entries.length} absences accordées`;
  const typeLabel = (code: string) => types.find((t) => t.code === code)?.label ?? code;
  return h(
    'div',
    { class: 'table-wrapper calendar-wrapper', tabindex: '0', role: 'region', 'aria-label': `Calendrier des absences de ${monthLabel(month)}` },
    h(
      'table',
      { class: 'table calendar' },
      h('caption', {}, `Absences de ${monthLabel(month)} : ${absences} ; une ligne par personne, une colonne par jour`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col', class: 'calendar-person' }, 'Personne'),
          days.map((d) =>
            h(
              'th',
              { scope: 'col', class: ['calendar-day', d.weekend ? 'weekend' : '', d.iso === today ? 'today' : ''].filter(Boolean).join(' ') },
              h('span', { 'aria-hidden': 'true' }, d.short, h('br'), String(d.day)),
              srOnly(`${d.long}${d.weekend ? ' (week-end)' : ''}${d.iso === today ? ' (aujourd’hui)' : ''}`),
            ),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        people.map((p) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row', class: 'calendar-person' }, p.name),
            days.map((d) => {
              if (d.weekend) return h('td', { class: 'weekend' }, '');
              const text = cellText(entries, p.username, d);
              if (!text) return h('td', {}, '');
              const codes = [...new Set(entries.filter((e) => e.agentUsername === p.username && absenceOn(e, d.iso)).map((e) => typeLabel(e.typeCode)))];
              return h('td', { class: 'absent', title: `Absent : ${codes.join(', ')}` }, text);
            }),
          ),
        ),
      ),
    ),
  );
}

/** The codes used in the table, explained. */
function legend(types: LeaveType[], entries: CalendarEntry[]): HTMLElement {
  const codes = [...new Set(entries.map((e) => e.typeCode))];
  const known = codes.map((c) => `${c} : ${types.find((t) => t.code === c)?.label ?? c}`);
  return h(
    'div',
    { class: 'calendar-legend' },
    h('h3', {}, 'Lecture du tableau'),
    h(
      'ul',
      {},
      h('li', {}, 'Une case remplie indique une absence accordée, par le code de son type ; « matin » ou « après-midi » : absence d’une demi-journée.'),
      known.length ? h('li', {}, `Types : ${known.join(' ; ')}.`) : null,
      h('li', {}, 'Les colonnes des samedis et dimanches (« sa », « di ») sont grisées.'),
    ),
  );
}

function absenceList(entries: CalendarEntry[], types: LeaveType[]): HTMLElement {
  if (entries.length === 0) return h('p', { class: 'empty' }, 'Aucune absence accordée ce mois-ci.');
  const sorted = [...entries].sort((a, b) => a.startDate.localeCompare(b.startDate) || (a.agentName ?? '').localeCompare(b.agentName ?? '', 'fr'));
  return h(
    'ul',
    { class: 'absence-list', 'aria-labelledby': 'liste-titre' },
    sorted.map((e) =>
      h(
        'li',
        {},
        h('span', { class: 'absence-person' }, e.agentName || e.agentUsername),
        ` : ${types.find((t) => t.code === e.typeCode)?.label ?? e.typeCode} du ${halfDayText(e.startDate, e.startHalf)} au ${halfDayText(e.endDate, e.endHalf)} (${formatDays(e.workingDays)} ouvré(s)) — `,
        h('a', { href: leaveHref(e.requestId), 'data-link': true }, 'Voir la demande', srOnly(` de ${e.agentName || e.agentUsername} du ${halfDayText(e.startDate, e.startHalf)}`)),
      ),
    ),
  );
}
