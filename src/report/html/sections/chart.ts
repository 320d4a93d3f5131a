import { blastRadius } from '../../blast-radius.js';
import { formatCount, formatShare } from '../../format.js';
import type { FileReport, FleetMember } from '../../model.js';
import { escapeHtml, safeHtml } from '../escape.js';

/** Outcome colours, worst first; the same in the chart, the table and the legend. */
export const OUTCOME_COLOURS: Readonly<Record<string, string>> = { crash: '#c62828', undecided: '#6a1b9a', reject: '#ef6c00', load: '#2e7d32' };
const ORDER = ['crash', 'undecided', 'reject', 'load'];

const WIDTH = 840;
const LABEL = 170;
const BAR = 330;
const ROW = 28;

/**
 * The fleet's blast radius as an inline SVG: one bar per consumer profile, its length its share
 * of the fleet's endpoints, its colour its outcome; then one bar per outcome with the fleet
 * split. Every number is also text in the chart (and in the table beside it), so it reads without
 * colour and survives copy and paste.
 */
export function blastRadiusChart(file: FileReport, fleet: readonly FleetMember[], id: string): string {
  const radius = blastRadius(file, fleet);
  const total = radius.total;
  const consumers = [...file.consumers].sort((a, b) => ORDER.indexOf(a.outcome) - ORDER.indexOf(b.outcome) || b.population - a.population);
  const rows: string[] = [];
  let y = 0;
  for (const c of consumers) {
    rows.push(barRow(y, c.profile, c.outcome, c.population, total, `${c.outcome} · ${formatCount(c.population)} of ${formatCount(total)} (${formatShare(c.population, total)})`));
    y += ROW;
  }
  y += 8;
  const summary = (['crash', 'undecided', 'reject'] as const).filter((o) => radius[o].profiles.length > 0);
  for (const o of summary) {
    const hit = radius[o];
    rows.push(barRow(y, `all ${o}`, o, hit.population, total, `${formatCount(hit.population)} of ${formatCount(total)} endpoints (${formatShare(hit.population, total)})`, true));
    y += ROW;
  }
  const height = Math.max(y, ROW);
  return `<svg class="chart" role="img" aria-labelledby="${id}-title" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">`
    + `<title id="${id}-title">Blast radius: endpoints per consumer outcome, of ${escapeHtml(formatCount(total))}</title>${rows.join('')}</svg>`;
}

function barRow(y: number, label: string, outcome: string, population: number, total: number, text: string, summary = false): string {
  const share = total > 0 ? Math.min(1, population / total) : 0;
  const width = population > 0 ? Math.max(2, Math.round(share * BAR)) : 0;
  const colour = OUTCOME_COLOURS[outcome] ?? '#757575';
  const cls = summary ? 'chart-row chart-total' : 'chart-row';
  return `<g class="${cls}" data-outcome="${escapeHtml(outcome)}" data-population="${population}" data-total="${total}">`
    + `<text x="${LABEL - 8}" y="${y + 18}" text-anchor="end" class="chart-label">${safeHtml(label, 40)}</text>`
    + `<rect x="${LABEL}" y="${y + 5}" width="${BAR}" height="${ROW - 10}" fill="#eeeeee"/>`
    + `<rect x="${LABEL}" y="${y + 5}" width="${width}" height="${ROW - 10}" fill="${colour}"/>`
    + `<text x="${LABEL + BAR + 8}" y="${y + 18}" class="chart-value">${safeHtml(text, 120)}</text></g>`;
}
