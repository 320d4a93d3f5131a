import { createHash } from 'node:crypto';
import { formatCount } from '../format.js';
import { CLIENT_SCRIPT } from './client/index.js';
import { embedFile } from './embed-file.js';
import { escapeHtml, safeHtml, scriptJson } from './escape.js';
import type { HtmlReport } from './model.js';
import { consumersSection } from './sections/consumers.js';
import { diffSection } from './sections/diff.js';
import { findingsSection } from './sections/findings.js';
import { inspectorSection } from './sections/inspector.js';
import { regionLegend, summaryTable } from './sections/summary.js';
import { STYLES } from './styles.js';

/**
 * The whole report as one HTML document: styles and script inline, each file's bytes and tree
 * embedded as JSON data, nothing fetched. The Content-Security-Policy allows the page's own
 * script and style sheet (by hash) and nothing else: no network, no other script, so even text
 * that escaped escaping could not run or call out.
 */
export function renderHtmlReport(report: HtmlReport): string {
  const title = report.files.length === 1 ? `preflight report: ${report.files[0]!.name}` : `preflight report: ${formatCount(report.files.length)} files`;
  const csp = [
    "default-src 'none'",
    `script-src '${sha256(CLIENT_SCRIPT)}'`,
    `style-src '${sha256(STYLES)}'`,
    'img-src data:',
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const files = report.files.map((file, i) => `<section class="file" id="file-${i}"><h2>${safeHtml(file.name, 300)}</h2>`
    + consumersSection(file, i, report.fleet)
    + findingsSection(file, i)
    + inspectorSection(file, i, regionLegend(file))
    + `<script type="application/json" data-file="${i}">${scriptJson(embedFile(file))}</script></section>`);
  return '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
    // The policy is our own constant text (keywords and base64 hashes): nothing in it needs escaping.
    + `<meta http-equiv="Content-Security-Policy" content="${csp}">`
    + '<meta name="referrer" content="no-referrer"><meta name="viewport" content="width=device-width, initial-scale=1">'
    + `<title>${safeHtml(title, 300)}</title><style>${STYLES}</style></head><body>`
    + `<header><h1>${safeHtml(title, 300)}</h1><p class="meta">preflight ${escapeHtml(report.tool.version)} · schema ${safeHtml(report.schema.name, 200)}`
    + (report.fleet.length > 0 ? ` · fleet of ${formatCount(report.fleet.length)} consumer profiles, ${formatCount(report.fleet.reduce((a, m) => a + m.population, 0))} endpoints` : '') + '</p>'
    + report.notes.map((n) => `<p class="note missing">${safeHtml(n, 600)}</p>`).join('')
    + summaryTable(report.files) + '</header><main>'
    + diffSection(report)
    + files.join('')
    + `</main><script>${CLIENT_SCRIPT}</script></body></html>\n`;
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}
