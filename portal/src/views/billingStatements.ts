// The commune's statements (its administrator and elected officials): the issued ones of a year, each leading to its
// detail, PDF and CSV.
import { STATEMENTS_PATH, STATEMENT_KIND_LABEL, comparisonText, labelOf, periodText, statementCountText, statementHref, yearHref, yearOf } from '../billing';
import { h, srOnly } from '../dom';
import { formatCents, formatDate, todayIso } from '../format';
import type { ViewContext } from './context';
import { tableRegion } from './documentParts';
import { costsNav, yearForm } from './billingParts';

const TITLE = 'États d’utilisation';

export async function statementsView(ctx: ViewContext): Promise<HTMLElement[]> {
  const year = yearOf(ctx.query, Number(todayIso().slice(0, 4)));
  const statements = await ctx.api.billing.statements(year);
  const sorted = [...statements].sort((a, b) => b.periodStart.localeCompare(a.periodStart) || (a.number ?? '').localeCompare(b.number ?? ''));
  return [
    h('h1', { tabindex: '-1' }, TITLE),
    costsNav('etats'),
    h(
      'p',
      { class: 'lead' },
      `Les états d’utilisation émis par la DSI de l’Eurométropole pour ${ctx.me.commune?.name ?? 'la commune'} : ce que la commune rembourse du coût de fonctionnement des services mutualisés qu’elle utilise (coût unitaire × unités consommées).`,
    ),
    yearForm('etats-annee', year, 'Choisir l’année des états', (y) => ctx.navigate(yearHref(STATEMENTS_PATH, y))),
    h(
      'section',
      { 'aria-labelledby': 'etats-titre' },
      h('h2', { id: 'etats-titre' }, `États émis en ${year}`),
      sorted.length === 0
        ? h('p', { class: 'empty' }, `Aucun état d’utilisation émis en ${year}.`)
        : tableRegion(
            'Tableau des états d’utilisation',
            `${statementCountText(sorted.length, year)}, le plus récent en premier`,
            ['Période', 'Document', 'Numéro', 'Émis le', 'Montant', 'Même période l’an dernier'],
            sorted.map((s) =>
              h(
                'tr',
                { 'data-id': s.id },
                h('th', { scope: 'row' }, periodText(s)),
                h('td', {}, labelOf(STATEMENT_KIND_LABEL, s.kind)),
                h('td', {}, h('a', { href: statementHref(s.id), 'data-link': true }, s.number ?? 'Brouillon', srOnly(` (${labelOf(STATEMENT_KIND_LABEL, s.kind).toLowerCase()}, ${s.periodLabel})`))),
                h('td', {}, formatDate(s.issuedOn)),
                h('td', { class: 'number' }, formatCents(s.totalCents)),
                h('td', {}, comparisonText(s) ?? '—'),
              ),
            ),
          ),
    ),
  ];
}
