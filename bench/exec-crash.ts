/**
 * What a crash costs a persistent campaign, and what symbolising on preflight's side saves
 * (src/exec/symbolize.ts). The whole CCF corpus (35 files, 30 of them crash the CCF C example on
 * agent-7.11) through preflight's runner, persistent and one process per input, twice each in the
 * same run, alternating: the sanitizer symbolising its own report in the dying process
 * (ASAN_OPTIONS=symbolize=1, as before), and raw frames symbolised by preflight with a cache per
 * (module, offset). Also times the start-up alone (a file that loads, one process per input) and
 * checks that both give every file the same bucket. Writes its table into bench/exec-results.md.
 * `npx tsx bench/exec-crash.ts [seconds per measurement]` (default 6).
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ExecRunner, type ExecResult } from '../src/exec/runner.js';
import { crashLocation } from '../src/exec/hits.js';
import { ccfCorpus, examples, make, profileFile as profile, secondsArg, springSeeds, writeSection } from './exec-setup.js';

const seconds = secondsArg(6);
make();
const program = join(examples, 'ccf-consumer');
const corpus = ccfCorpus().map((f) => f.bytes);
const spring = springSeeds().filter((f) => f.name === '2024-04-24-spring.bin').map((f) => f.bytes);

type Who = 'sanitizer' | 'preflight';
/** The runner takes its environment from process.env at its first input: the user's symbolize=1 wins over preflight's symbolize=0. */
type Mode = 'persistent' | 'fork-server' | 'once';
function runnerFor(who: Who, mode: Mode): ExecRunner {
  const persistent = mode !== 'once';
  const saved = process.env.ASAN_OPTIONS;
  if (who === 'sanitizer') process.env.ASAN_OPTIONS = 'symbolize=1';
  else delete process.env.ASAN_OPTIONS;
  const runner = new ExecRunner({ argv: [program, profile, mode === 'once' ? '@@' : `--${mode}`], persistent, timeoutMs: 10_000, name: 'exec', coverage: 'off' });
  runner.run(spring[0]!); // the environment is fixed now; the process and the file cache are warm
  if (saved === undefined) delete process.env.ASAN_OPTIONS;
  else process.env.ASAN_OPTIONS = saved;
  return runner;
}

function measure(who: Who, mode: Mode, set: readonly Uint8Array[]): { perSec: number; buckets: string[] } {
  const runner = runnerFor(who, mode);
  try {
    const buckets = set.map((b) => location(runner.run(b)));
    let runs = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < seconds * 1000) {
      for (const b of set) runner.run(b);
      runs += set.length;
    }
    return { perSec: (runs * 1000) / (performance.now() - t0), buckets };
  } finally {
    runner.close();
  }
}

const location = (r: ExecResult): string => (r.outcome === 'crash' ? crashLocation(r) : r.outcome);

const load0 = loadavg()[0]!;
const rows: string[] = [];
for (const [name, set, mode] of [['whole CCF corpus, persistent', corpus, 'persistent'], ['whole CCF corpus, one process per input', corpus, 'once'], ['a file that loads, one process per input (start-up)', spring, 'once']] as const) {
  const a1 = measure('sanitizer', mode, set);
  const b1 = measure('preflight', mode, set);
  const a2 = measure('sanitizer', mode, set);
  const b2 = measure('preflight', mode, set);
  const same = a1.buckets.every((k, i) => k === b1.buckets[i]);
  const a = (a1.perSec + a2.perSec) / 2;
  const b = (b1.perSec + b2.perSec) / 2;
  const row = `| ${name} | ${a1.perSec.toFixed(1)}, ${a2.perSec.toFixed(1)} | ${b1.perSec.toFixed(1)}, ${b2.perSec.toFixed(1)} | ${(b / a).toFixed(1)}x | ${same ? 'yes' : 'NO'} |`;
  console.log(row);
  rows.push(row);
}

// Then the fork server (the C examples' --fork-server): a crash costs a fork instead of a new process.
const p1 = measure('preflight', 'persistent', corpus);
const f1 = measure('preflight', 'fork-server', corpus);
const p2 = measure('preflight', 'persistent', corpus);
const f2 = measure('preflight', 'fork-server', corpus);
const forkSame = p1.buckets.every((k, i) => k === f1.buckets[i]);
const forkRow = `| whole CCF corpus | ${p1.perSec.toFixed(1)}, ${p2.perSec.toFixed(1)} | ${f1.perSec.toFixed(1)}, ${f2.perSec.toFixed(1)} | ${((f1.perSec + f2.perSec) / (p1.perSec + p2.perSec)).toFixed(1)}x | ${forkSame ? 'yes' : 'NO'} |`;
console.log(forkRow);

const section = `## What a crash costs, and symbolising on preflight's side (bench/exec-crash.ts)

The whole CCF corpus (${corpus.length} files; on agent-7.11 most crash the CCF C example, gcc ASan
build) through preflight's runner; each setup measured twice for ${seconds} s, alternating, in
one run; ${cpus().length} cores, load average ${load0.toFixed(1)} at the start. "sanitizer":
ASan symbolises its report in the dying process (ASAN_OPTIONS=symbolize=1, the behaviour before);
"preflight": raw frames, symbolised by preflight with llvm-symbolizer and a cache per (module,
offset) (src/exec/symbolize.ts). Same buckets: every file's crash bucket (fault kind + top two
frames) equal in both.

| inputs | sanitizer symbolises (execs/s) | preflight symbolises (execs/s) | ratio | same buckets |
|---|---:|---:|---:|---|
${rows.join('\n')}

With preflight symbolising, what is left of a crash is the new process (the sanitizer's start-up
and the profile read). The C examples' \`--fork-server\` keeps one process that forks a child to
serve inputs and a new one after each crash (docs/real-consumers.md); same run, measured twice each,
alternating:

| inputs | persistent (execs/s) | persistent with fork server (execs/s) | ratio | same buckets |
|---|---:|---:|---:|---|
${forkRow}
`;
writeSection('## What a crash costs', section);
