import { EncodeError, pack, unpack } from '../../src/encode/index.js';
import { replayBytes } from '../../src/fuzz/engine/replay.js';
import { collectHtmlReport } from '../../src/report/html/collect.js';
import { renderHtmlReport } from '../../src/report/html/index.js';
import { renderReport, FORMATS, type ValidationReport } from '../../src/report/index.js';
import { diffFiles, diffJson, renderDiffText } from '../../src/triage/diff/index.js';
import { explainFile, renderExplanation } from '../../src/triage/explain/index.js';
import { DEFAULT_SHOW_LIMITS, InspectError, inspectFile, renderInspectJson, renderInspectText } from '../../src/triage/inspect/index.js';
import { formatCatalog, validateBytes } from '../../src/validate/index.js';
import type { Rng } from '../../src/fuzz/_internals/rng.js';
import type { SelftestFormat } from './formats.js';

/** Every command that reads a content file, run through the library functions its CLI action calls. */
export const COMMANDS = ['validate', 'inspect', 'explain', 'diff', 'report', 'unpack', 'replay'] as const;
export type SelftestCommand = (typeof COMMANDS)[number];

/** Command -> N: the command runs on 1 input in N (the others run on every input). */
export type Shares = Partial<Record<SelftestCommand, number>>;

/**
 * Whether a command with a share of 1 in `n` runs on input `index`: a hash of the index, so the
 * inputs it gets are spread over the formats (index mod 5) and kinds, and the same on any worker.
 */
export function runsOn(index: number, n: number | undefined): boolean {
  if (n === undefined || n <= 1) return true;
  let h = Math.imul(index ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) % n === 0;
}

/** One run: the command, its input (and for diff and report's two-file page, the old file), and options drawn for it. */
export interface Job {
  readonly command: SelftestCommand;
  readonly bytes: Uint8Array;
  /** diff, and report with two files: the old version. */
  readonly old?: Uint8Array;
  /** inspect --at / --path. */
  readonly at?: number;
  readonly path?: string;
}

/** A problem the command reported as it should (a one-line error a person can act on), not a failure. */
export class Explained extends Error {}

const PATHS = ['header', 'instances[5].criteria[20]', 'records[0]', 'chunks[1].body', 'entries[0]', '[0]', 'a.b.c.d', '..', 'x[99999999999]', 'types[-1]', '"', '\u0000'];

/** Options for a job, drawn from `rng` (inspect's --at and --path). */
export function drawOptions(rng: Rng, command: SelftestCommand, size: number): Pick<Job, 'at' | 'path'> {
  if (command !== 'inspect') return {};
  const r = rng.below(4);
  if (r === 0) return { at: rng.below(size + 2) };
  if (r === 1) return { path: rng.pick(PATHS) };
  return {};
}

/**
 * Runs `job` and renders every output the CLI would print, so the renderers see the hostile data
 * too. Throws Explained for the errors the command turns into one line (exit 2); any other throw is
 * a failure. Also throws (a failure) when a report part says it hit an internal error.
 */
export function runJob(job: Job, f: SelftestFormat, rng: Rng): void {
  const { schema, consumers } = f;
  const withConsumers = consumers ? { consumers } : {};
  switch (job.command) {
    case 'validate': {
      const report = validateBytes('input.bin', job.bytes, { schema, ...withConsumers });
      const full: ValidationReport = {
        tool: { name: 'preflight', version: 'selftest' }, schema: { name: schema.format, source: schema.source },
        fleet: (consumers?.profiles ?? []).map((p) => ({ name: p.name, population: p.population, source: p.source })),
        files: [report], codes: formatCatalog(schema, consumers?.model.codes),
      };
      renderReport(full, rng.pick(FORMATS), { color: rng.chance(0.5), homeUri: 'file:///preflight/' });
      return;
    }
    case 'inspect': {
      let ins;
      try {
        ins = inspectFile({ file: 'input.bin', bytes: job.bytes, schema, consumers, path: job.path, at: job.at });
      } catch (e) {
        if (e instanceof InspectError) throw new Explained(e.message);
        throw e;
      }
      renderInspectText(ins, DEFAULT_SHOW_LIMITS, rng.chance(0.5));
      renderInspectJson(ins, DEFAULT_SHOW_LIMITS);
      return;
    }
    case 'explain': {
      const x = explainFile({ schema, ...withConsumers, bytes: job.bytes, name: 'input.bin' });
      renderExplanation('input.bin', x, { color: rng.chance(0.5) });
      JSON.stringify(x, null, 2);
      return;
    }
    case 'diff': {
      const d = diffFiles({ schema, consumers, oldBytes: job.old ?? new Uint8Array(0), newBytes: job.bytes });
      const files = { old: 'old.bin', new: 'new.bin' };
      renderDiffText(d, files, rng.chance(0.5));
      diffJson(d, files);
      return;
    }
    case 'report': {
      const files = job.old !== undefined
        ? [{ name: 'old.bin', bytes: job.old }, { name: 'new.bin', bytes: job.bytes }]
        : [{ name: 'input.bin', bytes: job.bytes }];
      const report = collectHtmlReport({ version: 'selftest', schema, ...withConsumers, files });
      const internal = internalErrors(report);
      if (internal.length > 0) throw new Error(`report part failed: ${internal[0]}`);
      renderHtmlReport(report);
      return;
    }
    case 'unpack': {
      let source: string;
      try {
        source = unpack(schema, job.bytes);
      } catch (e) {
        if (e instanceof EncodeError) throw new Explained(e.message);
        throw e;
      }
      // `unpack then pack reproduces a file byte for byte`: pack must at least read what unpack wrote.
      try {
        pack(schema, source, 'unpacked.yaml');
      } catch (e) {
        if (e instanceof EncodeError) throw new Explained(`pack of the unpacked source: ${e.message}`);
        throw e;
      }
      return;
    }
    case 'replay': {
      if (!consumers) {
        // replay needs consumers (exit 2 with one line); validate is what it would report.
        validateBytes('input.bin', job.bytes, { schema });
        return;
      }
      replayBytes(job.bytes, { schema, model: consumers.model, fleet: consumers.profiles }, undefined);
      return;
    }
  }
}

/** `missing` parts of an HTML report that say an internal error made them (part.ts). */
function internalErrors(report: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<object>();
  const visit = (node: unknown, depth: number): void => {
    if (node === null || typeof node !== 'object' || depth > 12 || seen.has(node) || ArrayBuffer.isView(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length && i < 200; i++) visit(node[i], depth + 1);
      return;
    }
    for (const [k, v] of Object.entries(node)) {
      if (k === 'missing' && typeof v === 'string' && v.includes('internal error')) out.push(v);
      else visit(v, depth + 1);
    }
  };
  visit(report, 0);
  return out;
}
