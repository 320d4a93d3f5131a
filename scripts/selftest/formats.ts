import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { resolveConsumers } from '../../src/cli/load-options.js';
import { edgeHintsFromFleet, generateValue, type EdgeHints } from '../../src/fuzz/generate/index.js';
import { Rng } from '../../src/fuzz/_internals/rng.js';
import { encode } from '../../src/encode/index.js';
import type { ModelFleet } from '../../src/model/index.js';
import { loadSchema, packageRoot, type FormatSchema } from '../../src/schema/index.js';

/** One format the selftest feeds: its schema, its consumers (when it has a model) and seed files. */
export interface SelftestFormat {
  readonly name: string;
  /** The schema file, relative to the package root (as the CLI sample passes it with --schema). */
  readonly schemaFile: string;
  readonly schema: FormatSchema;
  readonly consumers: ModelFleet | undefined;
  readonly hints: EdgeHints;
  /** Corpus files (or, for a format with none, files generated from the schema), by name. */
  readonly seeds: readonly { readonly name: string; readonly bytes: Uint8Array }[];
}

/**
 * The formats: every bundled schema and example, and the rule book of docs/consumer-models, with
 * the corpus folder each one's files are in (corpus/expectations.yaml maps the same folders).
 * Nothing here is format-specific beyond the file names.
 */
const FORMATS: readonly { name: string; schema: string; corpus?: string }[] = [
  { name: 'ccf', schema: 'schemas/ccf-v1.yaml', corpus: 'corpus/ccf' },
  { name: 'sigpack', schema: 'schemas/sigpack-v1.yaml', corpus: 'corpus/sigpack' },
  { name: 'rulebook', schema: 'docs/consumer-models/rulebook/rulebook-v1.yaml', corpus: 'corpus/rulebook' },
  { name: 'png', schema: 'schemas/examples/png.yaml' },
  { name: 'zip', schema: 'schemas/examples/zip.yaml' },
];

export type GeneratedSeeds = Readonly<Record<string, readonly { readonly name: string; readonly bytes: Uint8Array }[]>>;

/** The generated seed files of `formats` (those without a corpus), by format name. */
export function generatedOf(formats: readonly SelftestFormat[]): GeneratedSeeds {
  const out: Record<string, SelftestFormat['seeds']> = {};
  for (const f of FORMATS) {
    const loaded = formats.find((x) => x.name === f.name);
    if (f.corpus === undefined && loaded) out[f.name] = loaded.seeds;
  }
  return out;
}

/** Files generated from the schema (encoded values) for a format with no corpus, each at most MAX_SEED_BYTES. */
const GENERATED_SEEDS = 4;
export const MAX_SEED_BYTES = 64 * 1024;

/** `generated`: seed files already generated for the formats without a corpus (a worker gets the main thread's). */
export function loadFormats(only?: readonly string[], generated?: GeneratedSeeds): SelftestFormat[] {
  const root = packageRoot();
  return FORMATS.filter((f) => only === undefined || only.includes(f.name)).map((f) => {
    const schemaFile = join(root, f.schema);
    const schema = loadSchema(schemaFile);
    const consumers = resolveConsumers(schemaFile, schema, [], []);
    const hints: EdgeHints = consumers ? edgeHintsFromFleet(consumers.model, consumers.profiles) : { ints: [0, 1, 2, 0xff, 0xffff, 0xffffffff] };
    const seeds = f.corpus !== undefined ? corpusFiles(join(root, f.corpus), root) : (generated?.[f.name] ?? generatedSeeds(schema, hints));
    return { name: f.name, schemaFile: f.schema, schema, consumers, hints, seeds };
  });
}

function corpusFiles(dir: string, root: string): { name: string; bytes: Uint8Array }[] {
  const out: { name: string; bytes: Uint8Array }[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e.endsWith('.bin')) out.push({ name: relative(root, p), bytes: new Uint8Array(readFileSync(p)) });
    }
  };
  walk(dir);
  return out;
}

function generatedSeeds(schema: FormatSchema, hints: EdgeHints): { name: string; bytes: Uint8Array }[] {
  const out: { name: string; bytes: Uint8Array }[] = [];
  const rng = new Rng(0x5e1f, 7);
  // Short arrays and strings, and few draws: a ZIP value takes about a second to generate and
  // encode, and unbounded it can encode to megabytes.
  for (let i = 0; out.length < GENERATED_SEEDS && i < GENERATED_SEEDS + 2; i++) {
    try {
      const bytes = encode(schema, generateValue(schema, hints, rng, { maxArray: 6, maxString: 64 }));
      if (bytes.length <= MAX_SEED_BYTES) out.push({ name: `generated-${i}`, bytes });
    } catch {
      // a generated value the encoder refuses: draw another
    }
  }
  return out;
}
