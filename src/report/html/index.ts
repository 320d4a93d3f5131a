export { renderHtmlReport } from './page.js';
export { MAX_EMBEDDED_BYTES } from './embed-file.js';
export { escapeHtml, scriptJson } from './escape.js';
export { partValue } from './model.js';
export type { ChainStep, CodeHelp, ConsumerChain, DiffLine, HtmlFile, HtmlReport, Part, ReportDiff, ReportView, ReportViewNode } from './model.js';
