import { FINDING_CODES, isBuiltinCode, type CodeCatalog, NO_MODEL_CODES } from '../../findings/index.js';
import { RULE_HELP, type RuleHelp } from '../../report/rule-help.js';
import type { CodeExplanation } from './types.js';

/** Why a code a format defines matters, by its kind (the format's own text gives the meaning and the fix). */
const WHY_BY_KIND = {
  structure: 'The file breaks a rule of its format. Consumers trust the layout, so what one does with a file that breaks it is undefined; an error fails the release gate.',
  consumer: 'A consumer fault or refusal: on each consumer version where the model raises it, the file crashes the consumer or is refused, so the update takes machines down or never applies. `preflight explain FILE` names the versions and the chain.',
  hazard: 'Latent: no consumer crashes on the file today, but it is one content change away from a crash on the versions named. A warning: it fails the gate only with --strict.',
} as const;

const FIX_BY_KIND = {
  structure: 'Change the content so the rule holds; the finding\'s details say which rule and the values it saw.',
  consumer: 'Change the content so no deployed version meets the fault (`preflight explain FILE` shows the facts to change), or ship it only to versions that handle it.',
  hazard: 'Remove the latent difference before the next content change relies on it: align the content with what every deployed version supplies.',
} as const;

/**
 * What `code` means, why it matters to a consumer and how to fix the content: a built-in code from
 * RULE_HELP (docs/findings.md's meaning and fix, why it matters, advice where the docs give no fix);
 * a code the format's schema or model defines from its own `codes:` text. Undefined for a code
 * neither knows.
 */
export function explainCode(code: string, catalog: CodeCatalog = NO_MODEL_CODES): CodeExplanation | undefined {
  if (isBuiltinCode(code)) {
    const info = FINDING_CODES[code];
    const help: RuleHelp = RULE_HELP[code];
    return {
      code, severity: info.severity, kind: info.kind, origin: 'built-in', title: info.title,
      meaning: help.meaning, whyItMatters: help.why, fix: help.fix ?? help.advice ?? FIX_BY_KIND[info.kind],
    };
  }
  const own = catalog.get(code);
  if (!own) return undefined;
  return {
    code, severity: own.severity, kind: own.kind, origin: own.origin === 'schema' ? 'schema' : 'model', title: own.title,
    meaning: own.meaning ?? `${own.title}.`, whyItMatters: WHY_BY_KIND[own.kind], fix: own.fix ?? FIX_BY_KIND[own.kind],
  };
}

/** Every code `explainCode` knows with this catalogue: the built-in ones, then the format's own. */
export function knownCodes(catalog: CodeCatalog = NO_MODEL_CODES): string[] {
  return [...Object.keys(FINDING_CODES), ...[...catalog.keys()].filter((c) => !isBuiltinCode(c))];
}

/** Codes near a mistyped one: the same words in another order, a prefix, or a few letters apart. */
export function nearCodes(code: string, catalog: CodeCatalog = NO_MODEL_CODES, max = 5): string[] {
  const want = code.toUpperCase().slice(0, 64);
  const words = new Set(want.split('_').filter((w) => w.length > 2));
  const scored = knownCodes(catalog).map((c) => {
    const shared = c.split('_').filter((w) => words.has(w)).length;
    const d = distance(want, c);
    return { c, score: d - shared * 3 - (c.startsWith(want) || want.startsWith(c) ? 3 : 0) };
  });
  const limit = Math.min(6, Math.max(3, Math.floor(want.length / 3)));
  return scored.filter((s) => s.score <= limit).sort((a, b) => a.score - b.score || a.c.localeCompare(b.c)).slice(0, max).map((s) => s.c);
}

/** Levenshtein distance, on codes of a few dozen characters (the input is cut to 64 first). */
function distance(s: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (s[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
