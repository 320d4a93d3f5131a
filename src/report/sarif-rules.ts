import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ReportingDescriptor } from 'sarif';
import { FINDING_CODES, isBuiltinCode, NO_MODEL_CODES, type CodeCatalog } from '../findings/index.js';
import { packageRoot } from '../schema/index.js';
import { RULE_HELP } from './rule-help.js';

/**
 * Where each code is documented in docs/findings.md: the heading of its kind's section, as
 * GitHub anchors it. test/report/sarif.test.ts checks every anchor against the document's headings.
 */
export const FINDINGS_ANCHORS = {
  structure: 'structure-raised-by-the-schemas-checks',
  consumer: 'consumer-raised-by-the-simulated-interpreter-one-per-profile',
  hazard: 'hazards-latent-warnings-spec-section-4-question-3',
  /** Codes a format's consumer model defines (its `codes:`): documented in the model, explained there. */
  model: 'codes-a-consumer-model-defines',
  /** Codes a format's schema defines (its `codes:`). */
  schema: 'codes-a-schema-defines',
} as const;

/** preflight's home as an absolute URI ending in `/`: the given one, else the installed package's folder. */
export function docsHome(homeUri: string | undefined): URL {
  const base = homeUri ?? pathToFileURL(join(packageRoot(), '/')).href;
  return new URL(base.endsWith('/') ? base : `${base}/`);
}

export function findingsHelpUri(code: string, home: URL, catalog: CodeCatalog = NO_MODEL_CODES): string {
  const section = isBuiltinCode(code) ? FINDING_CODES[code].kind : catalog.get(code)?.origin === 'schema' ? 'schema' : 'model';
  return new URL(`docs/findings.md#${FINDINGS_ANCHORS[section]}`, home).href;
}

/** Markdown to plain text for the `text` forms SARIF requires beside `markdown`. */
function plain(markdown: string): string {
  return markdown.replace(/\*\*([^*]+)\*\*/g, '$1').replace(/\*([^*]+)\*/g, '$1').replace(/`([^`]+)`/g, '$1');
}

/**
 * A SARIF rule for one code: title, full description, help (text and Markdown), help link, level
 * and kind. A format's own code takes all of it from `catalog` (its schema's or model's `codes:`); a code
 * neither knows (a report built without its model) still gets a rule, saying so.
 */
export function ruleHelp(code: string, home: URL, catalog: CodeCatalog = NO_MODEL_CODES): ReportingDescriptor {
  const own = isBuiltinCode(code) ? undefined : catalog.get(code);
  const info = isBuiltinCode(code) ? FINDING_CODES[code] : own ?? { severity: 'error' as const, kind: 'consumer' as const, title: `finding ${code}` };
  const help: { meaning: string; fix?: string } = isBuiltinCode(code)
    ? RULE_HELP[code]
    : { meaning: own?.meaning ?? (own ? `${own.title}: a code the format's ${own.origin === 'schema' ? 'schema' : 'consumer model'} defines.` : 'A code no loaded catalogue defines.'), ...(own?.fix !== undefined ? { fix: own.fix } : {}) };
  const helpUri = findingsHelpUri(code, home, catalog);
  const fix = help.fix !== undefined && help.fix !== '' ? help.fix : undefined;
  const markdown = [
    `**${code}** (${info.severity}, ${info.kind}): ${help.meaning}`,
    ...(fix ? [`**Typical fix:** ${fix}`] : []),
    `See [${code} in docs/findings.md](${helpUri}).`,
  ].join('\n\n');
  return {
    id: code,
    name: code,
    shortDescription: { text: info.title },
    fullDescription: { text: plain(help.meaning), markdown: help.meaning },
    help: { text: plain([help.meaning, ...(fix ? [`Typical fix: ${fix}`] : [])].join(' ')), markdown },
    helpUri,
    defaultConfiguration: { level: info.severity },
    properties: { tags: [info.kind] },
  };
}
