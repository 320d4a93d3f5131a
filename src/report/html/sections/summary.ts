import { formatCount } from '../../format.js';
import { safeHtml } from '../escape.js';
import type { HtmlFile } from '../model.js';

/** One line per file at the top of the page: verdict, size, findings, outcomes, hash; a link to its section. */
export function summaryTable(files: readonly HtmlFile[]): string {
  const rows = files.map((f, i) => {
    const r = f.report;
    const errors = r.findings.filter((x) => x.severity === 'error').length;
    const outcomes = new Map<string, number>();
    for (const c of r.consumers) outcomes.set(c.outcome, (outcomes.get(c.outcome) ?? 0) + 1);
    const who = [...outcomes].map(([o, n]) => `<span class="badge ${safeHtml(o)}">${n} ${safeHtml(o)}</span>`).join(' ');
    return `<tr><td><a href="#file-${i}">${safeHtml(f.name, 300)}</a></td><td><span class="verdict ${r.verdict}">${r.verdict}</span></td>`
      + `<td class="num">${formatCount(f.bytes.length)}</td><td class="num">${formatCount(errors)} / ${formatCount(r.findings.length - errors)}</td><td>${who}</td>`
      + `<td class="hash">${r.sha256 !== undefined ? safeHtml(r.sha256) : ''}</td></tr>`;
  });
  return `<table class="summary"><thead><tr><th>file</th><th>verdict</th><th>bytes</th><th>errors / warnings</th><th>consumers</th><th>sha256</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The colours of the hex view's regions, named (they are the schema's top-level fields). */
export function regionLegend(file: HtmlFile): string {
  if ('missing' in file.view) return '';
  const seen = new Map<number, string>();
  for (const r of file.view.value.regions) if (!seen.has(r.index)) seen.set(r.index, r.name);
  const items = [...seen].slice(0, 64).map(([slot, name]) => `<span class="legend-item r${slot % 8}">${safeHtml(name, 60)}</span>`);
  return `<p class="legend">${items.join(' ')} <span class="legend-item sel">selected field</span> <span class="legend-item mk-error">error at byte</span> <span class="legend-item mk-warning">warning at byte</span></p>`;
}
