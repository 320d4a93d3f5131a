/**
 * The baselines as whole processes, timed the way validate is (`node SCRIPT DIR`: node start-up,
 * module load and every file read included), so that whole-process validate is compared with a
 * whole-process walker and Kaitai parser. The scripts (bench/baselines/walker-main.ts,
 * bench/kaitai/kaitai-main.ts) are bundled with esbuild into `outDir` first: plain node runs them,
 * with no TypeScript loader in the timed process.
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Counts } from './in-process.js';
import { timedNode, type TimedRun } from './timed-run.js';

export interface BaselineScripts {
  readonly walker: string;
  readonly kaitai: string;
}

export interface BaselineRun extends TimedRun {
  readonly counts: Counts;
  readonly files: number;
  /** The walker's findings; for Kaitai, files whose CRC did not match. */
  readonly findings: number;
}

export async function bundleBaselines(outDir: string): Promise<BaselineScripts> {
  const bench = join(import.meta.dirname, '..');
  const one = async (entry: string, name: string): Promise<string> => {
    const outfile = join(outDir, name);
    await build({ entryPoints: [join(bench, entry)], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
    return outfile;
  };
  return { walker: await one('baselines/walker-main.ts', 'walker-main.mjs'), kaitai: await one('kaitai/kaitai-main.ts', 'kaitai-main.mjs') };
}

/** One whole process of `script` over `args`; its figures and what it counted. */
export function baselineRun(root: string, script: string, args: readonly string[]): BaselineRun {
  const run = timedNode([script, ...args], root, true);
  let totals = { files: 0, instances: 0, criteria: 0, findings: 0 };
  try {
    totals = JSON.parse(run.stdout ?? '') as typeof totals;
  } catch {
    // nothing printed: run.failure says why
  }
  return { ...run, counts: { instances: totals.instances, criteria: totals.criteria }, files: totals.files, findings: totals.findings };
}

/** The median of the runs by wall time. */
export function medianRun(runs: readonly BaselineRun[]): BaselineRun {
  return [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(runs.length / 2)]!;
}
