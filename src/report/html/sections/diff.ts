import { safeHtml } from '../escape.js';
import type { DiffLine, HtmlReport, ReportDiff } from '../model.js';
import { placeLink } from './links.js';

/**
 * With two files: what changed from the first to the second, in content terms; what it does to
 * each consumer (the release gate: worse or not); findings that appeared and went away. A line's
 * place links to the inspector of the file it is in.
 */
export function diffSection(report: HtmlReport): string {
  if (report.diff === undefined) return '';
  const title = `<h2>What changed: ${safeHtml(report.files[0]?.name ?? '', 200)} → ${safeHtml(report.files[1]?.name ?? '', 200)}</h2>`;
  if ('missing' in report.diff) return `<section class="diff" id="diff">${title}<p class="note missing">The diff is not shown: ${safeHtml(report.diff.missing, 400)}</p></section>`;
  const d: ReportDiff = report.diff.value;
  const gate = d.worse
    ? '<p class="gate worse">A consumer\'s outcome gets worse: <code>preflight diff</code> exits 1 on this pair.</p>'
    : '<p class="gate ok">No consumer\'s outcome gets worse.</p>';
  return `<section class="diff" id="diff">${title}${gate}`
    + list('Consumers', d.consumers, 'No consumer was simulated.')
    + list('Changes', d.changes, 'No content changed.')
    + list('Findings that appeared', d.appeared, 'None.')
    + list('Findings that went away', d.resolved, 'None.')
    + '</section>';
}

function list(title: string, lines: readonly DiffLine[], none: string): string {
  const items = lines.map((l) => `<li class="${l.tone !== undefined ? `tone-${safeHtml(l.tone, 20)}` : ''}">${safeHtml(l.text, 2000)}${l.file !== undefined && (l.path !== undefined || l.offset !== undefined) ? ` ${placeLink(l.file, l.path, l.offset, l.file === 0 ? 'show in the first file' : 'show')}` : ''}</li>`);
  return `<h3>${title}</h3>${items.length > 0 ? `<ul class="diff-list">${items.join('')}</ul>` : `<p class="note">${none}</p>`}`;
}
