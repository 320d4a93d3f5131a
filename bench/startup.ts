/**
 * Start-up of the built CLI (`npm run bench`, or `npx tsx bench/startup.ts [rounds]` after
 * `npm run build`): wall time of whole processes, beside `node -e 0` measured in the same run.
 * A CI gate pays the start-up on every call; issue 10 asks for `--version` and a one-file
 * `validate` under 0.4 s. The commands run in interleaved rounds (one run of each per round), so
 * a burst of load from another process hits all of them alike; each figure is the median of the
 * rounds, after one warm-up round (the first run also pays the file cache). The load average is
 * printed: on a busy shared machine every process, `node -e 0` included, takes longer.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

const LIMIT_MS = 400;
const rounds = Number(process.argv[2] ?? 10);
const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli', 'main.js');
if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm install (or npm run build) first`);

interface Case { readonly name: string; readonly args: readonly string[]; readonly gated: boolean }
const CASES: readonly Case[] = [
  { name: 'node -e 0 (baseline)', args: ['-e', '0'], gated: false },
  { name: 'preflight --version', args: [cli, '--version'], gated: true },
  { name: 'preflight validate --help', args: [cli, 'validate', '--help'], gated: false },
  { name: 'preflight validate (one 85-byte CCF file)', args: [cli, 'validate', 'corpus/ccf/codes/clean.bin'], gated: true },
];

function once(args: readonly string[]): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  return performance.now() - t;
}

const times: number[][] = CASES.map(() => []);
const loadBefore = loadavg()[0]!;
for (let round = 0; round <= rounds; round++) {
  CASES.forEach((c, i) => {
    const ms = once(c.args);
    if (round > 0) times[i]!.push(ms);
  });
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const medians = times.map(median);
const base = medians[0]!;

console.log(`start-up, whole process, median of ${rounds} interleaved rounds (load average ${loadBefore.toFixed(1)} -> ${loadavg()[0]!.toFixed(1)})`);
CASES.forEach((c, i) => {
  const ms = medians[i]!;
  const verdict = c.gated ? (ms < LIMIT_MS ? `pass (< ${LIMIT_MS} ms)` : `FAIL (>= ${LIMIT_MS} ms)`) : '';
  console.log(`  ${c.name.padEnd(44)} ${ms.toFixed(0).padStart(5)} ms  ${(ms / base).toFixed(2).padStart(5)}x  ${verdict}`);
});
