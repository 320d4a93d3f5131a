import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { SaxesParser } from 'saxes';

/** Errors a strict XML 1.0 parser (saxes) reports for a document; [] when well-formed. */
export function xmlErrors(xml: string): string[] {
  const errors: string[] = [];
  const parser = new SaxesParser();
  parser.on('error', (e) => errors.push(e.message));
  parser.write(xml).close();
  return errors;
}

/** The text of every element named `name`, as a real XML parser decodes it. */
export function xmlTexts(xml: string, name: string): string[] {
  const out: string[] = [];
  const parser = new SaxesParser();
  let depth = 0;
  let current = '';
  parser.on('opentag', (tag) => {
    if (tag.name === name) { depth++; current = ''; }
  });
  parser.on('text', (t) => { if (depth > 0) current += t; });
  parser.on('closetag', (tag) => {
    if (tag.name === name) { depth--; out.push(current); }
  });
  parser.write(xml).close();
  return out;
}

/**
 * The SARIF 2.1.0 JSON schema (the OASIS schema as shipped by @microsoft/jest-sarif), checked with
 * ajv. The schema is draft-04; it uses no keyword whose meaning changed since, so only its
 * `$schema` and top-level `id` are dropped for ajv's default dialect. `uri` formats must parse as
 * absolute URLs; `uri-reference` and `date-time` are not checked. Its patterns are not valid with
 * the `u` flag, so they are compiled without it.
 */
const require = createRequire(import.meta.url);
const sarifSchema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
delete sarifSchema.$schema;
delete sarifSchema.id;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, formats: { uri: (s: string) => URL.canParse(s), 'uri-reference': true, 'date-time': true } });
const validateSarifLog = ajv.compile(sarifSchema);

export function sarifErrors(text: string): string[] {
  const ok = validateSarifLog(JSON.parse(text));
  return ok ? [] : (validateSarifLog.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
