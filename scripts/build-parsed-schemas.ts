/**
 * Build step (`npm run build`, after tsc): parses every schema under schemas/ once and writes their
 * parsed documents to dist/schema/load/parsed-schemas.json, keyed by the SHA-256 of each file's
 * text, so loading a bundled schema need not parse its YAML (src/schema/load/prebuilt-raw.ts).
 * Only schemas that load without error are kept; generated, never committed.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundledSchemaDir } from '../src/schema/bundled.js';
import { parseSchema, schemaDocument } from '../src/schema/load/load-schema.js';
import { PREBUILT_FILE, textDigest } from '../src/schema/load/prebuilt-raw.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : e.name.endsWith('.yaml') && !e.name.endsWith('.consumer.yaml') ? [join(dir, e.name)] : []);
}

const out: Record<string, unknown> = {};
for (const file of yamlFiles(bundledSchemaDir())) {
  const text = readFileSync(file, 'utf8');
  try {
    parseSchema(text, file);
  } catch {
    continue; // not a schema of its own
  }
  out[textDigest(text)] = schemaDocument(text, file);
}
const target = resolve(process.argv[2] ?? join('dist', 'schema', 'load', PREBUILT_FILE));
writeFileSync(target, JSON.stringify(out));
console.log(`wrote ${target} (${Object.keys(out).length} schemas)`);
