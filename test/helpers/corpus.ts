import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import type { ModelFleet } from '../../src/model/index.js';
import { loadSchema, type FormatSchema } from '../../src/schema/index.js';
import { defaultConsumers } from './consumers.js';

export interface FileExpectation {
  readonly verdict: 'pass' | 'warn' | 'fail';
  /** The exact set of finding codes the file must produce. */
  readonly codes: readonly string[];
  /**
   * Outcome per consumer profile of the default fleet of the model beside the folder's schema;
   * absent only for a format without a consumer model (then no consumer is simulated).
   */
  readonly consumers?: Readonly<Record<string, 'load' | 'crash' | 'reject'>>;
}

export interface Expectations {
  /** Corpus folder → schema file, relative to the package root. */
  readonly schemas: Readonly<Record<string, string>>;
  /** Corpus-relative .bin path → what validate must say about it. */
  readonly files: Readonly<Record<string, FileExpectation>>;
}

export function loadExpectations(root: string): Expectations {
  return parse(readFileSync(join(root, 'corpus', 'expectations.yaml'), 'utf8')) as Expectations;
}

export interface CorpusSource {
  readonly source: string;
  readonly binary: string;
  /** Path of the .bin relative to corpus/, the key in expectations.yaml. */
  readonly key: string;
  readonly schema: FormatSchema;
  /** The model beside the folder's schema with its default fleet (what `validate --schema` uses); undefined without a model. */
  readonly consumers: ModelFleet | undefined;
}

export function corpusSources(root: string, expectations: Expectations): CorpusSource[] {
  const out: CorpusSource[] = [];
  for (const [folder, schemaFile] of Object.entries(expectations.schemas)) {
    const schema = loadSchema(join(root, schemaFile));
    for (const source of walk(join(root, 'corpus', folder))) {
      if (!source.endsWith('.yaml')) continue;
      const binary = source.replace(/\.yaml$/, '.bin');
      // Loaded on first use (once per schema): `npm run corpus` packs with the schema alone.
      out.push({ source, binary, key: relative(join(root, 'corpus'), binary), schema, get consumers() { return defaultConsumers(join(root, schemaFile), schema); } });
    }
  }
  return out;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}
