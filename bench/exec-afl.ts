/**
 * preflight beside AFL++ on the same C consumer (issue 13): the CCF example, profile agent-7.11,
 * the same seeds (the spring 2024 story files), the same time, the same machine. AFL++ fuzzes an
 * afl-clang-fast build with ASan (`make -C examples/consumer-c afl`; Debian's afl++ and
 * libclang-rt-14-dev); preflight fuzzes the gcc ASan build, steered by the model, in its fastest
 * mode on this consumer: the C example's --fork-server (a crash costs a fork, not a new process;
 * bench/exec-crash.ts), or --persistent if asked. Every crashing input either found is classified
 * the same way, by running it through the gcc ASan build: its fault class is the sanitizer's fault
 * kind and top two frames (the bucket of --exec). Counts distinct classes and the smallest input
 * per class; writes its section into bench/exec-results.md and bench/results.md.
 * `npx tsx bench/exec-afl.ts [seconds] [fork-server|persistent]` (default 60, fork-server); part of
 * `npm run bench`, which it does not fail when AFL++ is not installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCampaign } from '../src/fuzz/engine/campaign.js';
import { ExecRunner } from '../src/exec/runner.js';
import { crashLocation, realOutcome } from '../src/exec/hits.js';
import { ccfConsumers, examples, make, profileFile, root, schemaFile, secondsArg, springSeeds, writeSection } from './exec-setup.js';

// Without AFL++ there is nothing to compare: one line, and `npm run bench` goes on.
for (const tool of ['afl-fuzz', 'afl-clang-fast']) {
  if (spawnSync(tool, ['-h'], { stdio: 'ignore' }).error) {
    console.log(`skipped: ${tool} not found (Debian package afl++)`);
    process.exit(0);
  }
}
const seconds = secondsArg(60);
const mode = process.argv[3] === 'persistent' ? 'persistent' : 'fork-server';
make('all', 'afl');
const work = mkdtempSync(join(tmpdir(), 'preflight-afl-'));
const seedsDir = join(work, 'seeds');
mkdirSync(seedsDir);
const seeds = springSeeds();
for (const f of seeds) writeFileSync(join(seedsDir, f.name), f.bytes);
const load = (): string => loadavg()[0]!.toFixed(2);

// Every crashing input, classified by the gcc ASan build: class -> smallest size.
const classifier = new ExecRunner({ argv: [join(examples, 'ccf-consumer'), profileFile, '@@'], persistent: false, timeoutMs: 10_000, name: 'exec' });
function classes(inputs: readonly Uint8Array[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const bytes of inputs) {
    const r = classifier.run(bytes);
    if (realOutcome(r) !== 'crash') continue;
    const c = crashLocation(r);
    out.set(c, Math.min(out.get(c) ?? Infinity, bytes.length));
  }
  return out;
}

// AFL++
const aflLoad = load();
const aflOut = join(work, 'afl');
const t0 = performance.now();
const afl = spawnSync('afl-fuzz', ['-i', seedsDir, '-o', aflOut, '-V', String(seconds), '-m', 'none', '-t', '5000', '--', join(examples, 'ccf-consumer-afl'), profileFile, '@@'], {
  env: { ...process.env, AFL_NO_UI: '1', AFL_SKIP_CPUFREQ: '1', AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES: '1', AFL_NO_AFFINITY: '1', AFL_SKIP_BIN_CHECK: '0' },
  encoding: 'utf8', maxBuffer: 256 * 1024 * 1024,
});
const aflMs = performance.now() - t0;
const stats = (() => { try { return readFileSync(join(aflOut, 'default', 'fuzzer_stats'), 'utf8'); } catch { return ''; } })();
const stat = (k: string): string => new RegExp(`^${k}\\s*:\\s*(.*)$`, 'm').exec(stats)?.[1]?.trim() ?? '?';
if (stats === '') console.error(afl.stdout.slice(-3000), afl.stderr.slice(-3000));
const crashDir = join(aflOut, 'default', 'crashes');
const aflInputs = (() => { try { return readdirSync(crashDir).filter((f) => f.startsWith('id:')).map((f) => new Uint8Array(readFileSync(join(crashDir, f)))); } catch { return []; } })();
const aflClasses = classes(aflInputs);

// preflight
const pfLoad = load();
const consumers = ccfConsumers();
const result = await runCampaign({
  schemaFile, modelFile: consumers.model.source, fleet: consumers.profiles, seed: 1, timeMs: seconds * 1000, workers: 1, shrink: false, batchSize: 64, // epochs of 64 runs: the time box is checked between epochs
  seeds,
  exec: { argv: [join(examples, 'ccf-consumer'), profileFile, `--${mode}`], persistent: true, timeoutMs: 5000, name: 'exec' },
});
const pfInputs = result.buckets.filter((b) => b.profile === 'exec' && b.fault === 'EXEC_CRASH').map((b) => b.smallest.input.bytes);
const pfClasses = classes(pfInputs);
const endLoad = load();
classifier.close();
rmSync(work, { recursive: true, force: true });

const all = [...new Set([...aflClasses.keys(), ...pfClasses.keys()])].sort();
const rows = all.map((c) => `| ${c} | ${aflClasses.has(c) ? `${aflClasses.get(c)} B` : '—'} | ${pfClasses.has(c) ? `${pfClasses.get(c)} B` : '—'} |`);
const summary = `| AFL++ ${stat('afl_version').replace(/^\+\+/, '')} (afl-clang-fast + ASan) | ${stat('execs_done')} execs in ${stat('run_time')} s (${stat('execs_per_sec')}/s) | ${aflInputs.length} saved crashes | ${aflClasses.size} |
| preflight (gcc ASan, ${mode === 'fork-server' ? '--fork-server' : '--persistent'}, model-steered) | ${result.runs} runs in ${(result.fuzzMs / 1000).toFixed(0)} s (${result.execsPerSec.toFixed(1)}/s) | ${pfInputs.length} crash buckets | ${pfClasses.size} |`;
console.log(summary);
console.log(rows.join('\n'));
const section = `## preflight beside AFL++ (bench/exec-afl.ts)

The CCF C example on agent-7.11, seeded with the spring 2024 story files, ${seconds} s each, one
after the other on the same machine (2 cores, shared; \`nice -n 10\`; load average ${aflLoad} at
AFL++'s start, ${pfLoad} at preflight's, ${endLoad} at the end; AFL++ took ${(aflMs / 1000).toFixed(0)} s of wall
time). The C example's file and pool copy are guarded buffers (a read past them is a SEGV in the
guard), its input arrays heap arrays. Every crashing input either found is classified by the gcc
ASan build: fault kind and top two frames (the --exec bucket). AFL++'s inputs are its saved
crashes, unminimised; preflight's are each bucket's smallest find, unshrunk.

| fuzzer | executions | crashing inputs | distinct fault classes |
|---|---|---:|---:|
${summary}

| fault class | AFL++ smallest | preflight smallest |
|---|---:|---:|
${rows.join('\n')}
`;
writeSection('## preflight beside AFL++', section);
writeSection('## preflight beside AFL++', section, join(root, 'bench', 'results.md'));
