import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Parsing a schema's YAML is most of what `validate` of one small file costs once the code is
 * loaded (~70 ms of parsing and its garbage for the 6 KB CCF schema on a cold process). The build
 * (scripts/build-parsed-schemas.ts) parses every schema under schemas/ once and keeps its parsed
 * document, keyed by the SHA-256 of the exact text; the loader uses an entry only for that very
 * text, and still checks and builds the model from it. Any problem falls back to parsing the YAML,
 * which gives the error its line and column. Generated into dist/, never committed.
 */
export const PREBUILT_FILE = 'parsed-schemas.json';

let table: Record<string, unknown> | null | undefined;

function prebuiltTable(): Record<string, unknown> | null {
  if (table !== undefined) return table;
  try {
    const file = fileURLToPath(new URL(`./${PREBUILT_FILE}`, import.meta.url));
    table = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    table = null; // running from src/, or not built yet: parse as always
  }
  return table;
}

export const textDigest = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The parsed document the build made from exactly `text`, or undefined. */
export function prebuiltRaw(text: string): unknown {
  const t = prebuiltTable();
  if (!t) return undefined;
  const key = textDigest(text);
  return Object.prototype.hasOwnProperty.call(t, key) ? structuredClone(t[key]) : undefined;
}
