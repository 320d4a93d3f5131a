/**
 * preflight beside AFL++ on the same C consumer (issue 13): the CCF example, profile agent-7.11,
 * the same seeds (the spring 2024 story files), the same time, the same machine. AFL++ fuzzes an
 * afl-clang-fast build with ASan (`make -C examples/consumer-c afl`; Debian's afl++ and
 * libclang-rt-14-dev); preflight fuzzes the gcc ASan build in persistent mode, steered by the
 * model. Every crashing input either found is classified the same way, by running it through the
 * gcc ASan build: its fault class is the sanitizer's fault kind and top two frames (the bucket of
 * --exec). Counts distinct classes and the smallest input per class; appends to
 * bench/exec-results.md. `npx tsx bench/exec-afl.ts [seconds]` (default 60).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCampaign } from '../src/fuzz/engine/campaign.js';
import { resolveConsumers } from '../src/cli/load-options.js';
import { loadSchema } from '../src/schema/index.js';
import { ExecRunner } from '../src/exec/runner.js';
import { crashLocation, realOutcome } from '../src/exec/hits.js';

const root = join(import.meta.dirname, '..');
const seconds = Number(process.argv[2] ?? 60);
const examples = join(root, 'examples', 'consumer-c');
for (const target of ['all', 'afl']) if (spawnSync('make', ['-C', examples, target], { stdio: 'inherit' }).status !== 0) process.exit(2);
const profileFile = join(root, 'profiles', 'default', 'agent-7.11.yaml');
const schemaFile = join(root, 'schemas', 'ccf-v1.yaml');
const SPRING = ['2024-02-28-stress-test.bin', '2024-03-05-first-instance.bin', '2024-04-24-spring.bin'];
const work = mkdtempSync(join(tmpdir(), 'preflight-afl-'));
const seedsDir = join(work, 'seeds');
mkdirSync(seedsDir);
for (const f of SPRING) writeFileSync(join(seedsDir, f), readFileSync(join(root, 'corpus', 'ccf', 'story', f)));
const load0 = loadavg()[0]!;

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
const consumers = resolveConsumers(schemaFile, loadSchema(schemaFile), [profileFile], [])!;
const result = await runCampaign({
  schemaFile, modelFile: consumers.model.source, fleet: consumers.profiles, seed: 1, timeMs: seconds * 1000, workers: 1, shrink: false, batchSize: 64, // epochs of 64 runs: the time box is checked between epochs
  seeds: SPRING.map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(seedsDir, f))) })),
  exec: { argv: [join(examples, 'ccf-consumer'), profileFile, '--persistent'], persistent: true, timeoutMs: 5000, name: 'exec' },
});
const pfInputs = result.buckets.filter((b) => b.profile === 'exec' && b.fault === 'EXEC_CRASH').map((b) => b.smallest.input.bytes);
const pfClasses = classes(pfInputs);
classifier.close();
rmSync(work, { recursive: true, force: true });

const all = [...new Set([...aflClasses.keys(), ...pfClasses.keys()])].sort();
const rows = all.map((c) => `| ${c} | ${aflClasses.has(c) ? `${aflClasses.get(c)} B` : '—'} | ${pfClasses.has(c) ? `${pfClasses.get(c)} B` : '—'} |`);
const summary = `| AFL++ ${stat('afl_version')} (afl-clang-fast + ASan) | ${stat('execs_done')} execs in ${stat('run_time')} s (${stat('execs_per_sec')}/s) | ${aflInputs.length} saved crashes | ${aflClasses.size} |
| preflight (gcc ASan, persistent, model-steered) | ${result.runs} runs in ${(result.fuzzMs / 1000).toFixed(0)} s (${result.execsPerSec.toFixed(1)}/s) | ${pfInputs.length} crash buckets | ${pfClasses.size} |`;
console.log(summary);
console.log(rows.join('\n'));
appendFileSync(join(root, 'bench', 'exec-results.md'), `
## preflight beside AFL++ (bench/exec-afl.ts)

The CCF C example on agent-7.11, seeded with the spring 2024 story files, ${seconds} s each, one
after the other on the same machine (2 cores, shared; load average ${load0.toFixed(1)} at the start;
AFL++ took ${(aflMs / 1000).toFixed(0)} s of wall time). Every crashing input either found is
classified by the gcc ASan build: fault kind and top two frames (the --exec bucket). AFL++'s
inputs are its saved crashes, unminimised; preflight's are each bucket's smallest find, unshrunk.

| fuzzer | executions | crashing inputs | distinct fault classes |
|---|---|---:|---:|
${summary}

| fault class | AFL++ smallest | preflight smallest |
|---|---:|---:|
${rows.join('\n')}
`);
