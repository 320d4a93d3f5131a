/**
 * Start-up of the built CLI (`npm run bench`, or `npx tsx bench/startup.ts [rounds]` after
 * `npm run build`): wall time of whole processes, beside `node -e 0` measured in the same run.
 * A CI gate pays the start-up on every call; issue 10 asks for `--version` and a one-file
 * `validate` under 0.4 s. The commands run in interleaved rounds (one run of each per round), so
 * a burst of load from another process hits all of them alike; each figure is the median of the
 * rounds, after one warm-up round (the first run also pays the file cache). The load average is
 * printed: on a busy shared machine every process, `node -e 0` included, takes longer.
 * preflight runs as users run it: the npm bin (package.json's, dist/cli/main.cjs) as a program,
 * so with the V8 flags its first lines give node; `node dist/cli/main.js` is shown beside it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { binOf } from './scale/validate-run.js';

const LIMIT_MS = 400;
const rounds = Number(process.argv[2] ?? 10);
const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const bin = binOf(root);
for (const f of [cli, bin]) if (!existsSync(f)) throw new Error(`${f} is missing: run npm install (or npm run build) first`);
// The bin's first line starts `node` from the PATH: the node running this bench.
const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env['PATH'] ?? ''}` };

interface Case { readonly name: string; readonly program: string; readonly args: readonly string[]; readonly gated: boolean }
const node = process.execPath;
const CASES: readonly Case[] = [
  { name: 'node -e 0 (baseline)', program: node, args: ['-e', '0'], gated: false },
  { name: 'preflight --version', program: bin, args: ['--version'], gated: true },
  { name: 'preflight validate --help', program: bin, args: ['validate', '--help'], gated: false },
  { name: 'preflight validate (one 85-byte CCF file)', program: bin, args: ['validate', 'corpus/ccf/codes/clean.bin'], gated: true },
  { name: '... as node dist/cli/main.js (no V8 flags)', program: node, args: [cli, 'validate', 'corpus/ccf/codes/clean.bin'], gated: false },
];

function once(c: Case): number {
  const t = performance.now();
  const r = spawnSync(c.program, c.args, { cwd: root, stdio: 'ignore', env });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${c.program} ${c.args.join(' ')} exited ${r.status}`);
  return performance.now() - t;
}

const times: number[][] = CASES.map(() => []);
const loadBefore = loadavg()[0]!;
for (let round = 0; round <= rounds; round++) {
  CASES.forEach((c, i) => {
    const ms = once(c);
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
