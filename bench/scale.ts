/**
 * Issue 12's scale benchmark, the baselines every later speed claim is measured against, in one
 * run (the last step of `npm run bench`; alone: `npx tsx bench/scale.ts`, after `npm run build`):
 *
 * 1. the 69 MB set (100 copies of a 689 KB CCF file): whole-process `validate DIR` against a
 *    hand-written DataView walker (bench/baselines/) and the parser kaitai-struct-compiler
 *    generates from bench/kaitai/ccf_v1.ksy (compiled now, into bench/kaitai/generated/), MB/s
 *    and ratios, with a check that all of them saw what the project's decoder sees; the baselines
 *    both as whole processes (bench/scale/whole-process.ts: judged, start-up on both sides) and in
 *    this process (shown beside);
 * 2. linear time, 1 KiB to 256 MiB by default (one file a process, budgets raised), and
 * 3. the peak RSS of each against 64 MB + 2x the file;
 * 4. a folder of 10,000 corpus-sized files in one process against one process per file.
 *
 * Prints the figures and writes bench/results.md with the machine. The files are built in a
 * temporary folder and removed. On two cores the default run takes some minutes; settings:
 *   SCALE_MAX_MIB=16         stop the series at 16 MiB (default 256; a quick run is marked "not measured")
 *   SCALE_COPIES=100         copies in the set          SCALE_SMALL_FILES=10000  files in the folder (0: skip)
 *   SCALE_PER_FILE_SAMPLE=100  processes run one per file, scaled to the folder's count
 *   SCALE_ROUNDS=3           whole processes of the set and in-process passes (median)  SCALE_RESULTS=none  do not write bench/results.md
 *   SCALE_KEEP_FILES=1       keep the temporary folder
 *   SCALE_BEFORE=DIR         also validate the set and the folder with another built checkout (e.g. a git worktree of
 *                            an earlier commit), in the same run: a before/after table
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSchemaPath, loadSchema } from '../src/schema/index.js';
import { compileKsy } from './kaitai/compile.js';
import { buildCopies, buildSeries, buildSmallFiles } from './scale/files.js';
import { currentLoad, machine } from './scale/machine.js';
import { renderResults, writeResults } from './scale/results-md.js';
import { mib, measureSeries, nodeFloor } from './scale/series.js';
import { mbPerS, measureSet } from './scale/set-69mb.js';
import { measureSmallFiles } from './scale/small-files.js';
import { judge, mark } from './scale/targets.js';
import { requireGnuTime, type TimedRun } from './scale/timed-run.js';
import { validateRun } from './scale/validate-run.js';
import { bundleBaselines } from './scale/whole-process.js';
import { execFileSync } from 'node:child_process';

const env = (name: string, fallback: number): number => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name} must be a number >= 0`);
  return v;
};
const MAX_MIB = env('SCALE_MAX_MIB', 256);
const COPIES = Math.max(1, env('SCALE_COPIES', 100));
const SMALL_FILES = env('SCALE_SMALL_FILES', 10_000);
const PER_FILE_SAMPLE = Math.max(1, env('SCALE_PER_FILE_SAMPLE', 100));
const ROUNDS = Math.max(1, env('SCALE_ROUNDS', 3));
const ROOT = join(import.meta.dirname, '..');
const BEFORE = process.env['SCALE_BEFORE'] || undefined;
const RESULTS = process.env['SCALE_RESULTS'] === 'none' ? undefined : join(ROOT, 'bench', 'results.md');
const say = (s: string): void => void process.stdout.write(`${s}\n`);

if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/cli/main.js is missing: run npm run build first');
requireGnuTime();
const m = machine();
const schema = loadSchema(defaultSchemaPath());
const work = mkdtempSync(join(tmpdir(), 'preflight-scale-'));
try {
  say(`scale benchmark: ${m.cpu}, ${m.cores} cores, ${m.ramGiB.toFixed(1)} GiB, node ${m.node}, load ${m.loadBefore.toFixed(2)}; files in ${work}`);
  const kaitai = await compileKsy();
  say(`kaitai-struct-compiler ${kaitai.compilerVersion}: ${kaitai.file}`);

  const setDir = join(work, 'set');
  const set = buildCopies(schema, setDir, COPIES);
  say(`\n1. ${COPIES} copies of a ${set.fileBytes.toLocaleString('en')}-byte file (${((set.fileBytes * COPIES) / 1e6).toFixed(1)} MB)`);
  const scripts = await bundleBaselines(join(work, 'bin'));
  const setResult = measureSet(ROOT, schema, setDir, set.files, kaitai, scripts, ROUNDS);
  for (const [name, ms] of [
    ['validate (whole process)', setResult.validate.wallMs], ['walker (whole process)', setResult.walkerProcess.wallMs], ['kaitai (whole process)', setResult.kaitaiProcess.wallMs],
    ['walker (in-process)', setResult.walker.ms], ['kaitai (in-process)', setResult.kaitai.ms],
    ['validator (in-process)', setResult.validator.ms], ['pipeline (in-process)', setResult.pipeline.ms],
  ] as const) {
    say(`  ${name.padEnd(26)} ${(ms / 1000).toFixed(3).padStart(8)} s  ${mbPerS(setResult.totalBytes, ms).toFixed(1).padStart(7)} MB/s`);
  }
  say(setResult.disagreements.length === 0 ? '  counts agree with the decoder' : `  SANITY CHECK FAILED: ${setResult.disagreements.join('; ')}`);
  let before: { label: string; set: TimedRun; small?: TimedRun } | undefined;
  if (BEFORE) {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: BEFORE, encoding: 'utf8' }).trim();
    const set = validateRun(BEFORE, [setDir]);
    before = { label: `commit ${commit}`, set };
    say(`  before (${before.label}): ${(set.wallMs / 1000).toFixed(3)} s  ${mbPerS(setResult.totalBytes, set.wallMs).toFixed(1)} MB/s${set.failure ? ` FAILED ${set.failure}` : ''}`);
  }
  rmSync(setDir, { recursive: true, force: true });

  const targets: number[] = [];
  for (let size = 1024; size <= MAX_MIB * 2 ** 20; size *= 4) targets.push(size);
  say(`\n2-3. linear time and peak RSS, ${mib(targets[0]!)} to ${mib(targets[targets.length - 1]!)}, one file a process`);
  const seriesDir = join(work, 'series');
  const floor = nodeFloor(ROOT);
  say(`  node -e 0: ${(floor.wallMs / 1000).toFixed(2)} s, ${(floor.maxRss / 1e6).toFixed(0)} MB peak RSS`);
  const series = measureSeries(ROOT, buildSeries(seriesDir, targets), say);
  rmSync(seriesDir, { recursive: true, force: true });

  let small;
  if (SMALL_FILES > 0) {
    const smallDir = join(work, 'small');
    const built = buildSmallFiles(ROOT, smallDir, SMALL_FILES);
    say(`\n4. ${SMALL_FILES.toLocaleString('en')} corpus-sized files (${built.kinds} corpus files in turn): one process, then ${Math.min(PER_FILE_SAMPLE, SMALL_FILES)} one per file`);
    small = measureSmallFiles(ROOT, smallDir, built.files, built.bytes, PER_FILE_SAMPLE);
    say(`  folder: ${(small.folder.wallMs / 1000).toFixed(2)} s${small.folder.failure ? ` FAILED ${small.folder.failure}` : ''}; one per file: ${small.perFileMs.toFixed(0)} ms a file, ${(small.perFileTotalMs / 1000).toFixed(0)} s for all`);
    if (before) {
      before.small = validateRun(BEFORE!, [smallDir]);
      say(`  before (${before.label}), the folder: ${(before.small.wallMs / 1000).toFixed(2)} s`);
    }
  }

  m.loadAfter = currentLoad();
  const verdicts = judge(setResult, series, small, m.cores);
  say('\ntargets (issue 12):');
  for (const t of verdicts) say(`  ${mark(t.verdict).padEnd(12)} ${t.target}\n               ${t.measured}`);
  const settings = `series to ${mib(targets[targets.length - 1]!)} (SCALE_MAX_MIB=${MAX_MIB}), ${COPIES} copies, ${SMALL_FILES.toLocaleString('en')} small files with ${PER_FILE_SAMPLE} run one per file, ${ROUNDS} in-process passes`;
  if (RESULTS) {
    writeResults(RESULTS, renderResults({ machine: m, settings, kaitaiVersion: kaitai.compilerVersion, set: setResult, series, nodeFloor: floor, ...(small ? { small } : {}), targets: verdicts, ...(before ? { before } : {}) }));
    say(`\nwritten: ${RESULTS} (load ${m.loadBefore.toFixed(2)} -> ${m.loadAfter.toFixed(2)})`);
  }
} finally {
  if (process.env['SCALE_KEEP_FILES'] !== '1') rmSync(work, { recursive: true, force: true });
}
