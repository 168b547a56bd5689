import { jsPDF } from 'jspdf';
import { PALETTE, chartConfiguration, drawChart } from './charts';
import {
  chartDescription,
  chartTable,
  chartValueText,
  communeCsv,
  communeFigures,
  communeFileName,
  communePdfTable,
  costByServiceChart,
  firstDirection,
  metropoleCsv,
  metropoleFigures,
  metropoleFileName,
  metropolePdfTable,
  monthLabel,
  pdfSafe,
  savingsChart,
  serviceMatrix,
  sortCommunes,
  sortedText,
  trendChart,
  usageChart,
  usageMonths,
  usersChart,
  writeDashboardPdf,
  type CommuneDashboard,
  type MetropoleCommune,
  type MetropoleDashboard,
  type PdfDoc,
} from './dashboards';

const commune = (insee: string, name: string, overrides: Partial<MetropoleCommune> = {}): MetropoleCommune => ({
  insee,
  name,
  population: 1000,
  pooledCents: 100000,
  standaloneCents: 150000,
  savingsCents: 50000,
  savingsPercent: 33.3,
  billedCents: 90000,
  services: ['e-signature'],
  ...overrides,
});

export const METROPOLE: MetropoleDashboard = {
  year: 2026,
  servicesOffered: 2,
  communesCount: 3,
  totals: { pooledCents: 1234567, standaloneCents: 2000000, savingsCents: 765433, savingsPercent: 38.27 },
  services: [
    { service: 'e-signature', name: 'Parapheur électronique', communesUsing: 3, pooledCents: 1000000, standaloneCents: 1500000, savingsCents: 500000 },
    { service: 'ged', name: 'Gestion documentaire', communesUsing: 1, pooledCents: 234567, standaloneCents: 500000, savingsCents: 265433 },
  ],
  communes: [
    commune('67482', 'Strasbourg', { population: 291313, pooledCents: 900000, standaloneCents: 1500000, savingsCents: 600000, savingsPercent: 40, billedCents: 850000, services: ['e-signature', 'ged'] }),
    commune('67218', 'Illkirch-Graffenstaden', { population: 27000, savingsCents: 120000, savingsPercent: 25.5 }),
    commune('67043', 'Bischheim', { population: 17000, savingsCents: 45433, savingsPercent: 25.5 }),
  ],
};

export const COMMUNE: CommuneDashboard = {
  insee: '67482',
  name: 'Strasbourg',
  population: 291313,
  year: 2026,
  totals: { pooledCents: 900000, standaloneCents: 1500000, savingsCents: 600000, savingsPercent: 40 },
  billedCents: 850000,
  services: [
    {
      service: 'e-signature',
      name: 'Parapheur électronique',
      metric: 'signature',
      unitLabel: 'signatures',
      pooledCents: 700000,
      standaloneCents: 1000000,
      savingsCents: 300000,
      usage: [
        { month: '2026-02', quantity: 1500 },
        { month: '2026-01', quantity: 1200 },
      ],
    },
    {
      service: 'ged',
      name: 'Gestion documentaire',
      metric: 'gb-month',
      unitLabel: 'Go-mois',
      pooledCents: 200000,
      standaloneCents: 500000,
      savingsCents: 300000,
      usage: [{ month: '2026-02', quantity: '12.5' }],
    },
  ],
  trend: [
    { year: 2026, pooledCents: 900000, standaloneCents: 1500000, savingsCents: 600000 },
    { year: 2025, pooledCents: 800000, standaloneCents: 1400000, savingsCents: 600000 },
  ],
};

describe('key figures', () => {
  it('gives the metropolitan and the commune’s figures, savings in euros and percent', () => {
    expect(metropoleFigures(METROPOLE)).toEqual([
      ['Services offerts', '2'],
      ['Communes', '3'],
      ['Coût mutualisé', '12\u00a0345,67\u00a0€'],
      ['Coût si chaque commune était seule', '20\u00a0000,00\u00a0€'],
      ['Économies', '7\u00a0654,33\u00a0€ (38,3\u00a0%)'],
    ]);
    expect(communeFigures(COMMUNE)).toEqual([
      ['Coût mutualisé', '9\u00a0000,00\u00a0€'],
      ['Coût si la commune était seule', '15\u00a0000,00\u00a0€'],
      ['Économies', '6\u00a0000,00\u00a0€ (40\u00a0%)'],
      ['Montant facturé', '8\u00a0500,00\u00a0€'],
    ]);
  });
});

describe('the communes’ ranking', () => {
  it('sorts by a column, ties by name, without changing the list', () => {
    const names = (key: Parameters<typeof sortCommunes>[1], direction: Parameters<typeof sortCommunes>[2]) => sortCommunes(METROPOLE.communes, key, direction).map((c) => c.name);
    expect(names('savingsCents', 'descending')).toEqual(['Strasbourg', 'Illkirch-Graffenstaden', 'Bischheim']);
    expect(names('savingsCents', 'ascending')).toEqual(['Bischheim', 'Illkirch-Graffenstaden', 'Strasbourg']);
    expect(names('name', 'ascending')).toEqual(['Bischheim', 'Illkirch-Graffenstaden', 'Strasbourg']);
    expect(names('name', 'descending')).toEqual(['Strasbourg', 'Illkirch-Graffenstaden', 'Bischheim']);
    // equal percentages: by name, whatever the direction
    expect(names('savingsPercent', 'descending')).toEqual(['Strasbourg', 'Bischheim', 'Illkirch-Graffenstaden']);
    expect(names('pooledCents', 'ascending')).toEqual(['Bischheim', 'Illkirch-Graffenstaden', 'Strasbourg']);
    expect(METROPOLE.communes[0].name).toBe('Strasbourg');
    expect(sortCommunes([commune('67001', 'Écully'), commune('67002', 'Eckbolsheim'), commune('67003', 'Zoo')], 'name', 'ascending').map((c) => c.name)).toEqual([
      'Eckbolsheim',
      'Écully',
      'Zoo',
    ]);
  });

  it('sorts names from A to Z first, amounts from the largest first, and says it', () => {
    expect(firstDirection('name')).toBe('ascending');
    expect(firstDirection('savingsCents')).toBe('descending');
    expect(sortedText('pooledCents', 'ascending')).toBe('Classement trié par Coût mutualisé, ordre croissant.');
  });

  it('lays out which commune uses which service', () => {
    expect(serviceMatrix(METROPOLE)).toEqual([
      { insee: '67043', name: 'Bischheim', uses: [true, false] },
      { insee: '67218', name: 'Illkirch-Graffenstaden', uses: [true, false] },
      { insee: '67482', name: 'Strasbourg', uses: [true, true] },
    ]);
  });
});

describe('charts', () => {
  it('ranks the communes’ savings in euros, the largest first', () => {
    const spec = savingsChart(METROPOLE);
    expect(spec).toMatchObject({ type: 'bar', horizontal: true, unit: 'euro', labels: ['Strasbourg', 'Illkirch-Graffenstaden', 'Bischheim'] });
    expect(spec.series).toEqual([{ label: 'Économies', values: [6000, 1200, 454.33] }]);
  });

  it('counts the communes using each service, up to the number of communes', () => {
    expect(usersChart(METROPOLE)).toMatchObject({ unit: 'count', max: 3, labels: ['Parapheur électronique', 'Gestion documentaire'], series: [{ values: [3, 1] }] });
  });

  it('compares the commune’s costs by service, its usage month by month and over the years', () => {
    expect(costByServiceChart(COMMUNE).series).toEqual([
      { label: 'Coût mutualisé', values: [7000, 2000] },
      { label: 'Coût si la commune était seule', values: [10000, 5000] },
    ]);
    expect(usageMonths(COMMUNE.services)).toEqual(['2026-01', '2026-02']);
    const usage = usageChart(COMMUNE);
    expect(usage.labels).toEqual(['janvier 2026', 'février 2026']);
    expect(usage.series).toEqual([
      { label: 'Parapheur électronique (signatures)', values: [1200, 1500] },
      { label: 'Gestion documentaire (Go-mois)', values: [null, 12.5] },
    ]);
    const trend = trendChart(COMMUNE);
    expect(trend.labels).toEqual(['2025', '2026']);
    expect(trend.series.map((s) => s.values)).toEqual([
      [8000, 9000],
      [14000, 15000],
      [6000, 6000],
    ]);
    expect(monthLabel('2026-12')).toBe('décembre 2026');
    expect(monthLabel('bientôt')).toBe('bientôt');
  });

  it('describes a chart in words: its kind, its title, each series’ extremes', () => {
    expect(chartDescription(savingsChart(METROPOLE))).toBe(
      'Graphique en barres horizontales « Économies réalisées par commune en 2026 », 3 communes. Économies : de 454,33\u00a0€ (Bischheim) à 6\u00a0000,00\u00a0€ (Strasbourg). Les valeurs sont détaillées dans les données du graphique.',
    );
    expect(chartDescription(usageChart(COMMUNE))).toBe(
      'Graphique en courbes « Usage mensuel de chaque service en 2026 », 2 mois. Parapheur électronique (signatures) : de 1\u00a0200 (janvier 2026) à 1\u00a0500 (février 2026) ; Gestion documentaire (Go-mois) : 12,5 (février 2026). Les valeurs sont détaillées dans les données du graphique.',
    );
    expect(chartDescription({ ...usersChart(METROPOLE), labels: [], series: [] })).toBe('Graphique en barres « Communes utilisatrices de chaque service en 2026 » : aucune donnée.');
    expect(chartDescription(trendChart(COMMUNE))).toContain('Économies : 6\u00a0000,00\u00a0€ pour chacun');
  });

  it('gives the same data as a table', () => {
    expect(chartTable(costByServiceChart(COMMUNE))).toEqual({
      headers: ['Service', 'Coût mutualisé', 'Coût si la commune était seule'],
      rows: [
        ['Parapheur électronique', '7\u00a0000,00\u00a0€', '10\u00a0000,00\u00a0€'],
        ['Gestion documentaire', '2\u00a0000,00\u00a0€', '5\u00a0000,00\u00a0€'],
      ],
    });
    expect(chartTable(usageChart(COMMUNE)).rows[0]).toEqual(['janvier 2026', '1\u00a0200', '—']);
    expect(chartValueText('count', 3)).toBe('3');
    expect(chartValueText('euro', 0.1 + 0.2)).toBe('0,30\u00a0€');
  });

  it('configures Chart.js: no animation, series told apart by more than colour, French values', () => {
    const fills: [string, number][] = [];
    const config = chartConfiguration(costByServiceChart(COMMUNE), (color, i) => {
      fills.push([color, i]);
      return `fill-${i}`;
    });
    expect(config.type).toBe('bar');
    expect(config.options?.animation).toBe(false);
    expect(fills).toEqual([
      [PALETTE[0], 0],
      [PALETTE[1], 1],
    ]);
    expect(config.data.datasets.map((d) => [d.label, d.backgroundColor])).toEqual([
      ['Coût mutualisé', 'fill-0'],
      ['Coût si la commune était seule', 'fill-1'],
    ]);
    expect(config.options?.plugins?.legend?.display).toBe(true);
    const line = chartConfiguration(usageChart(COMMUNE));
    const datasets = line.data.datasets as unknown as { pointStyle: string; borderDash: number[] }[];
    expect(datasets.map((d) => d.pointStyle)).toEqual(['circle', 'rect']);
    expect(datasets.map((d) => d.borderDash)).toEqual([[], [8, 4]]);
    const horizontal = chartConfiguration(savingsChart(METROPOLE));
    expect(horizontal.options?.indexAxis).toBe('y');
    expect(horizontal.options?.plugins?.legend?.display).toBe(false);
    const ticks = (horizontal.options?.scales?.x?.ticks as { callback: (v: number) => string }).callback;
    expect(ticks(12000)).toBe('12\u00a0k\u00a0€');
  });

  it('draws nothing on a canvas without a 2D context', () => {
    const canvas = document.createElement('canvas');
    const spy = vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    expect(drawChart(canvas, savingsChart(METROPOLE))).toBeNull();
    spy.mockRestore();
  });

  it('uses colours dark enough on white (contrast ≥ 4.5:1)', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    for (const color of PALETTE) expect(1.05 / (luminance(color) + 0.05), color).toBeGreaterThanOrEqual(4.5);
  });
});

describe('CSV exports', () => {
  it('exports the communes by savings, amounts in euros with a dot, the services used', () => {
    const csv = metropoleCsv(METROPOLE);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'insee;commune;population;coût mutualisé (€);coût si seule (€);économies (€);économies (%);facturé (€);Parapheur électronique;Gestion documentaire',
      '67482;Strasbourg;291313;9000.00;15000.00;6000.00;40;8500.00;oui;oui',
      '67218;Illkirch-Graffenstaden;27000;1000.00;1500.00;1200.00;25.5;900.00;oui;non',
      '67043;Bischheim;17000;1000.00;1500.00;454.33;25.5;900.00;oui;non',
      '',
    ]);
  });

  it('exports the commune’s services with their usage month by month', () => {
    expect(communeCsv(COMMUNE).slice(1).split('\r\n')).toEqual([
      'service;nom;unité;coût mutualisé (€);coût si seule (€);économies (€);usage 2026-01;usage 2026-02',
      'e-signature;Parapheur électronique;signatures;7000.00;10000.00;3000.00;1200;1500',
      'ged;Gestion documentaire;Go-mois;2000.00;5000.00;3000.00;;12.5',
      '',
    ]);
  });

  it('names the files', () => {
    expect(communeFileName('67482', 2026, 'pdf')).toBe('tableau-de-bord-67482-2026.pdf');
    expect(metropoleFileName(2026, 'csv')).toBe('tableau-de-bord-metropole-2026.csv');
  });
});

/** A 2×2 white PNG. */
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAADklEQVR4nGP4DwYMEAoAU7oL9ZisIGcAAAAASUVORK5CYII=';

describe('PDF export', () => {
  it('writes text the standard fonts can show', () => {
    expect(pdfSafe('1\u202f234,56\u00a0€ ✓ − œ «a»')).toBe('1\u00a0234,56\u00a0€ oui - œ «a»');
    expect(pdfSafe('漢')).toBe('?');
  });

  it('lays out the title, the key figures, each chart and the table, on new pages when needed', () => {
    const calls: string[] = [];
    const doc: PdfDoc = {
      setFont: () => undefined,
      setFontSize: () => undefined,
      setTextColor: () => undefined,
      text: (text, x, y, options) => calls.push(`text ${(Array.isArray(text) ? text.join('|') : text).replace(/\u00a0/g, ' ')} @${Math.round(x)},${Math.round(y)}${options?.align ? ` ${options.align}` : ''}`),
      addImage: (_data, format, x, y, w, hgt, _alias, compression) => calls.push(`image ${format} ${Math.round(x)},${Math.round(y)} ${Math.round(w)}x${Math.round(hgt)} ${compression}`),
      addPage: () => calls.push('page'),
      splitTextToSize: (text) => [text],
      setProperties: (p) => calls.push(`properties ${p.title}`),
    };
    writeDashboardPdf(doc, {
      title: 'Tableau de bord — Strasbourg',
      subtitle: 'Strasbourg (INSEE 67482) — année 2026',
      figures: communeFigures(COMMUNE),
      charts: [
        { title: 'Coût par service', description: 'Graphique', image: PNG, width: 800, height: 400 },
        { title: 'Usage', description: 'Graphique', image: PNG, width: 800, height: 400 },
        { title: 'Évolution', description: 'Graphique', image: PNG, width: 800, height: 400 },
      ],
      table: communePdfTable(COMMUNE),
    });
    expect(calls[0]).toBe('properties Tableau de bord — Strasbourg');
    expect(calls.slice(1, 8).map((c) => c.replace(/ @.*/, ''))).toEqual([
      'text Tableau de bord — Strasbourg',
      'text Strasbourg (INSEE 67482) — année 2026',
      'text Chiffres clés',
      'text Coût mutualisé : 9 000,00 €',
      'text Coût si la commune était seule : 15 000,00 €',
      'text Économies : 6 000,00 € (40 %)',
      'text Montant facturé : 8 500,00 €',
    ]);
    expect(calls.filter((c) => c.startsWith('image PNG 15,')).map((c) => c.split(' ').slice(-2).join(' '))).toEqual(['180x90 FAST', '180x90 FAST', '180x90 FAST']);
    // the third chart does not fit on the first page
    expect(calls.indexOf('page')).toBeGreaterThan(calls.indexOf('text Usage @15,183'));
    expect(calls.indexOf('page')).toBeLessThan(calls.indexOf('text Évolution @15,21'));
    // the table: names on the left, amounts right-aligned at their column's right edge
    expect(calls.slice(-8)).toEqual([
      'text Parapheur électronique @15,141',
      'text 7 000,00 € @113,141 right',
      'text 10 000,00 € @153,141 right',
      'text 3 000,00 € @193,141 right',
      'text Gestion documentaire @15,146',
      'text 2 000,00 € @113,146 right',
      'text 5 000,00 € @153,146 right',
      'text 3 000,00 € @193,146 right',
    ]);
  });

  it('produces a real PDF with jsPDF', () => {
    const doc = new jsPDF({ unit: 'mm', format: 'a4', compress: false });
    writeDashboardPdf(doc, {
      title: 'Tableau de bord métropolitain',
      subtitle: 'Eurométropole de Strasbourg — année 2026',
      figures: metropoleFigures(METROPOLE),
      charts: [{ title: 'Économies par commune', description: 'Graphique en barres', image: PNG, width: 2, height: 1 }],
      table: metropolePdfTable(METROPOLE),
    });
    const bytes = new Uint8Array(doc.output('arraybuffer'));
    const text = new TextDecoder('latin1').decode(bytes);
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toContain('/Subtype /Image');
    expect(text).toContain('Strasbourg');
    expect(doc.getNumberOfPages()).toBeGreaterThanOrEqual(1);
  });
});
