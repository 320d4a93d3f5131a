/**
 * The in-process baselines over files on disk: each pass reads every file (from the page cache,
 * as validate does) and runs the hand-written walker or the Kaitai parser on it; the figure is
 * the median pass of `rounds`, after one warm-up pass.
 */
import { readFileSync } from 'node:fs';
import type { FormatSchema } from '../../src/schema/index.js';
import { decode } from '../../src/parse/index.js';
import { walkCcf } from '../baselines/ccf-walker.js';
import type { CompiledKsy } from '../kaitai/compile.js';
import { readAll } from '../kaitai/read-all.js';
import { compileValidator } from '../../src/validate/compile/index.js';
import { validateBytes, type ValidateOptions } from '../../src/validate/index.js';

export interface Counts {
  readonly instances: number;
  readonly criteria: number;
}

export interface Pass {
  /** Median milliseconds of one pass over all the files. */
  readonly ms: number;
  /** What the pass counted over all the files, and its findings (the walker's; Kaitai throws instead). */
  readonly counts: Counts;
  readonly findings: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function passes(files: readonly string[], rounds: number, one: (bytes: Uint8Array) => Counts & { findings: number }): Pass {
  let last: Counts & { findings: number } = { instances: 0, criteria: 0, findings: 0 };
  const run = (): number => {
    const t = performance.now();
    let instances = 0;
    let criteria = 0;
    let findings = 0;
    for (const f of files) {
      const c = one(readFileSync(f)); // a Buffer is a Uint8Array: no copy
      instances += c.instances;
      criteria += c.criteria;
      findings += c.findings;
    }
    last = { instances, criteria, findings };
    return performance.now() - t;
  };
  run();
  const ms = median(Array.from({ length: rounds }, run));
  return { ms, counts: { instances: last.instances, criteria: last.criteria }, findings: last.findings };
}

export const walkerPass = (files: readonly string[], rounds: number): Pass =>
  passes(files, rounds, (b) => {
    const w = walkCcf(b);
    return { instances: w.instances, criteria: w.criteria, findings: w.findings.length };
  });

export const kaitaiPass = (files: readonly string[], rounds: number, k: CompiledKsy): Pass =>
  passes(files, rounds, (b) => {
    const r = readAll(k.parse(b), b);
    return { instances: r.instances, criteria: r.criteria, findings: r.crcOk ? 0 : 1 };
  });

/**
 * preflight's own parser against the same files in the same way, so that parser is set beside
 * parser: the compiled validator alone (the schema's structure and rules, no consumer), and the
 * whole per-file pipeline validate runs (validator, consumer fleet, findings). A file the
 * validator does not call clean counts as a finding, which the sanity check rejects.
 */
export const validatorPass = (files: readonly string[], rounds: number, schema: FormatSchema): Pass => {
  const validator = compileValidator(schema);
  return passes(files, rounds, (b) => ({ instances: 0, criteria: 0, findings: validator.isClean(b) ? 0 : 1 }));
};

export const pipelinePass = (files: readonly string[], rounds: number, options: ValidateOptions): Pass =>
  passes(files, rounds, (b) => ({ instances: 0, criteria: 0, findings: validateBytes('set.bin', b, options).findings.filter((f) => f.severity === 'error').length }));

/** What the project's own decoder finds in one file: the reference for the baselines' counts. */
export function decoderCounts(schema: FormatSchema, bytes: Uint8Array): Counts {
  const instances = (decode(schema, bytes).value['instances'] ?? []) as ReadonlyArray<{ criteria?: readonly unknown[] }>;
  return { instances: instances.length, criteria: instances.reduce((s, i) => s + (i.criteria?.length ?? 0), 0) };
}
