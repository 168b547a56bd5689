// The dashboards' charts, drawn with Chart.js (only the bar and line charts are registered). Loaded on demand by the
// dashboard pages (dynamic import), so that the portal's main bundle does not carry Chart.js. Every chart's canvas has
// its text alternative (role="img" and aria-label, set by the page) and its data in a table next to it; the series are
// told apart by more than their colour: a hatching or dots on the bars, a point shape and a dash pattern on the lines,
// and the legend shows them.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type PointStyle,
} from 'chart.js';
import type { ChartSpec } from './dashboards';
import { chartValueText } from './dashboards';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Dark colours: each has a contrast of at least 4.5:1 on white (WCAG 1.4.11 asks 3:1 for graphics). */
export const PALETTE = ['#1d3f72', '#b3261e', '#1e6b34', '#8a4b00', '#5b3a8e', '#00677f', '#9c2f6b', '#4a5260'];
const INK = '#1b1f24';
const GRID = '#c9ced6';
const POINT_STYLES: PointStyle[] = ['circle', 'rect', 'triangle', 'rectRot', 'crossRot', 'star', 'rectRounded', 'cross'];
const DASHES: number[][] = [[], [8, 4], [2, 3], [12, 3, 2, 3]];

Chart.defaults.color = INK;
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
Chart.defaults.font.size = 13;
Chart.defaults.borderColor = GRID;

const compactEuro = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 });
const compactNumber = new Intl.NumberFormat('fr-FR', { notation: 'compact', maximumFractionDigits: 1 });

/** The fill of a series' bars: plain for the first, then hatched, dotted, cross-hatched … on white. */
function barFill(color: string, index: number): string | CanvasPattern {
  if (index % 4 === 0) return color;
  const tile = document.createElement('canvas');
  tile.width = 10;
  tile.height = 10;
  const ctx = tile.getContext('2d');
  if (!ctx) return color;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, 10, 10);
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 2.5;
  switch (index % 4) {
    case 1: // diagonal hatching
      ctx.beginPath();
      ctx.moveTo(-2, 12);
      ctx.lineTo(12, -2);
      ctx.moveTo(-2, 2);
      ctx.lineTo(2, -2);
      ctx.moveTo(8, 12);
      ctx.lineTo(12, 8);
      ctx.stroke();
      break;
    case 2: // dots
      ctx.beginPath();
      ctx.arc(5, 5, 2.6, 0, 2 * Math.PI);
      ctx.fill();
      break;
    default: // cross-hatching
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(5, 0);
      ctx.lineTo(5, 10);
      ctx.moveTo(0, 5);
      ctx.lineTo(10, 5);
      ctx.stroke();
  }
  return ctx.createPattern(tile, 'repeat') ?? color;
}

/** The Chart.js configuration of a chart (no animation: the chart is drawn at once, and nothing moves). */
export function chartConfiguration(spec: ChartSpec, fill: (color: string, index: number) => string | CanvasPattern = barFill): ChartConfiguration<'bar' | 'line', (number | null)[], string> {
  const tick = (value: number | string) => {
    const n = Number(value);
    if (spec.unit === 'euro') return compactEuro.format(n).replace(/\u202f/g, '\u00a0');
    if (spec.unit === 'count') return Number.isInteger(n) ? String(n) : '';
    return compactNumber.format(n).replace(/\u202f/g, '\u00a0');
  };
  const valueAxis = {
    beginAtZero: true,
    max: spec.max,
    title: { display: true, text: spec.axis, color: INK },
    ticks: { callback: tick, color: INK, precision: spec.unit === 'count' ? 0 : undefined },
    grid: { color: GRID },
  };
  const categoryAxis = { ticks: { color: INK, autoSkip: !spec.horizontal }, grid: { display: false } };
  const datasets = spec.series.map((s, i) => {
    const color = PALETTE[i % PALETTE.length];
    if (spec.type === 'line') {
      return {
        type: 'line' as const,
        label: s.label,
        data: s.values,
        borderColor: color,
        backgroundColor: color,
        borderWidth: 2.5,
        borderDash: DASHES[i % DASHES.length],
        pointStyle: POINT_STYLES[i % POINT_STYLES.length],
        pointRadius: 5,
        pointHoverRadius: 7,
        spanGaps: false,
      };
    }
    return { type: 'bar' as const, label: s.label, data: s.values, backgroundColor: fill(color, i), borderColor: color, borderWidth: 2 };
  });
  return {
    type: spec.type,
    data: { labels: spec.labels, datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: spec.horizontal ? 'y' : 'x',
      scales: spec.horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      plugins: {
        legend: { display: spec.series.length > 1, position: 'bottom', labels: { color: INK, usePointStyle: spec.type === 'line', boxWidth: 28, boxHeight: 14 } },
        tooltip: {
          callbacks: { label: (item) => `${item.dataset.label ?? ''} : ${chartValueText(spec.unit, item.parsed[spec.horizontal ? 'x' : 'y'])}` },
        },
      },
    },
  } as ChartConfiguration<'bar' | 'line', (number | null)[], string>;
}

const drawn = new Set<Chart>();

/** Forgets the charts of pages left (their canvases are no longer in the document). */
function releaseDetached(): void {
  for (const chart of drawn) {
    if (!chart.canvas?.isConnected) {
      chart.destroy();
      drawn.delete(chart);
    }
  }
}

/** Draws the chart on the canvas (replacing the one it had); null when the canvas cannot be drawn on. */
export function drawChart(canvas: HTMLCanvasElement, spec: ChartSpec): Chart | null {
  releaseDetached();
  Chart.getChart(canvas)?.destroy();
  if (!canvas.getContext('2d')) return null;
  const chart = new Chart(canvas, chartConfiguration(spec));
  drawn.add(chart);
  return chart;
}

/** The chart as a PNG on a white background (the canvas is transparent), with its size in pixels. */
export function chartImage(canvas: HTMLCanvasElement): { image: string; width: number; height: number } {
  const copy = document.createElement('canvas');
  copy.width = canvas.width;
  copy.height = canvas.height;
  const ctx = copy.getContext('2d');
  if (!ctx) return { image: canvas.toDataURL('image/png'), width: canvas.width, height: canvas.height };
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, copy.width, copy.height);
  ctx.drawImage(canvas, 0, 0);
  return { image: copy.toDataURL('image/png'), width: copy.width, height: copy.height };
}
