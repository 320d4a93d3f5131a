import type { Finding } from '../../../findings/index.js';
import { formatCount, omittedSentence } from '../../format.js';
import { markdownLite, safeHtml } from '../escape.js';
import type { CodeHelp, HtmlFile } from '../model.js';
import { placeLink } from './links.js';

/**
 * The file's findings, grouped by code (errors first, as validate sorts them): what the code
 * means, why it matters and how to fix the content (explain CODE), then each finding with its
 * message and a link to its bytes.
 */
export function findingsSection(file: HtmlFile, index: number): string {
  const { report } = file;
  if (report.error !== undefined) return `<section class="findings"><h3>Findings</h3><p class="note missing">${safeHtml(report.error, 600)}</p></section>`;
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = groups.get(f.code) ?? [];
    list.push(f);
    groups.set(f.code, list);
  }
  const body = groups.size === 0
    ? '<p class="note">No findings: the file passes every check.</p>'
    : [...groups].map(([code, list]) => group(code, list, file.codeHelp.get(code), report.omitted?.[code] ?? 0, report.totals[code], index)).join('');
  const accepted = report.baselined !== undefined && report.baselined.length > 0 ? `<p class="note">${formatCount(report.baselined.length)} findings accepted by the baseline are not listed.</p>` : '';
  return `<section class="findings"><h3>Findings</h3>${body}${accepted}</section>`;
}

function group(code: string, list: readonly Finding[], help: CodeHelp | undefined, omitted: number, total: number | undefined, index: number): string {
  const severity = list[0]!.severity;
  const items = list.map((f) => `<li><span class="sev ${f.severity}">${f.severity}</span> ${placeLink(index, f.path, f.offset)}${f.profile !== undefined ? ` <span class="profile">[${safeHtml(f.profile, 120)}]</span>` : ''}<div class="msg">${safeHtml(f.message, 1000)}</div></li>`);
  if (omitted > 0) items.push(`<li class="note">${safeHtml(omittedSentence(code, omitted, total))}</li>`);
  return `<div class="code-group"><h4><span class="sev ${severity}">${severity}</span> ${safeHtml(code)}${help !== undefined ? ` — ${safeHtml(help.title, 300)}` : ''} <span class="count">(${formatCount(total ?? list.length)})</span></h4>`
    + (help !== undefined && help.meaning !== '' ? explanation(help) : '<p class="note">No explanation is available for this code here (see <code>preflight explain CODE</code>).</p>')
    + `<ul class="finding-list">${items.join('')}</ul></div>`;
}

function explanation(help: CodeHelp): string {
  return `<details class="explain" open><summary>What it means, why it matters, how to fix it</summary><dl>`
    + `<dt>Meaning</dt><dd>${markdownLite(help.meaning)}</dd>`
    + `<dt>Why it matters</dt><dd>${markdownLite(help.whyItMatters)}</dd>`
    + `<dt>Fix</dt><dd>${markdownLite(help.fix)}</dd></dl></details>`;
}
