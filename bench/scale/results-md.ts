/**
 * bench/results.md: the figures of the last `npm run bench` scale run, with its machine. The
 * run rewrites everything above "## Profile (before optimisation)"; that section, written once
 * by hand from bench/profile.ts, is kept as it is.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Machine } from './machine.js';
import { mb, mib, netNsPerByte, type SeriesRow } from './series.js';
import { mbPerS, type SetResult } from './set-69mb.js';
import type { SmallFilesResult } from './small-files.js';
import type { TimedRun } from './timed-run.js';
import { mark, type Target } from './targets.js';

export const PROFILE_HEADING = '## Profile (before optimisation)';

export interface ScaleRun {
  readonly machine: Machine;
  readonly settings: string;
  readonly kaitaiVersion: string;
  readonly set: SetResult;
  readonly series: readonly SeriesRow[];
  /** `node -e 0`, measured in the same run. */
  readonly nodeFloor: TimedRun;
  readonly small?: SmallFilesResult;
  readonly targets: readonly Target[];
  /** SCALE_BEFORE: another checkout's validate on the same files in the same run. */
  readonly before?: BeforeRun;
}

export interface BeforeRun {
  readonly label: string;
  readonly set: TimedRun;
  readonly small?: TimedRun;
}

const row = (cells: readonly (string | number)[]): string => `| ${cells.join(' | ')} |`;

export function renderResults(r: ScaleRun): string {
  const m = r.machine;
  const s = r.set;
  const walker = mbPerS(s.totalBytes, s.walkerProcess.wallMs);
  const lines = [
    '# Scale benchmark results',
    '',
    'Written by `bench/scale.ts` (the last step of `npm run bench`) on every run: issue 12\'s targets, each measured',
    'side by side in the same run. Figures from a shared 2-core machine are noisy: other processes take turns on the',
    'same cores, so compare ratios from one run rather than seconds across runs, and read the load average beside them.',
    '',
    '## Machine',
    '',
    row(['CPU', 'cores', 'RAM', 'node', 'date (UTC)', 'load average (1 min) at start → end']),
    '|---|---:|---:|---|---|---|',
    row([m.cpu, m.cores, `${m.ramGiB.toFixed(1)} GiB`, m.node, m.date.slice(0, 16).replace('T', ' '), `${m.loadBefore.toFixed(2)} → ${m.loadAfter.toFixed(2)}`]),
    '',
    `Settings: ${r.settings}.`,
    '',
    '## Targets (issue 12)',
    '',
    row(['target', 'measured', 'verdict']),
    '|---|---|---|',
    ...r.targets.map((t) => row([t.target, t.measured, mark(t.verdict)])),
    '',
    `## The ${(s.totalBytes / 1e6).toFixed(0)} MB set: ${s.copies} copies of one ${(s.fileBytes / 1e3).toFixed(0)} KB CCF file`,
    '',
    `Each file: ${s.decoder.instances.toLocaleString('en')} instances, ${s.decoder.criteria.toLocaleString('en')} criteria (the project's encoder, bench/big-ccf-file.ts).`,
    'Whole processes (judged): `preflight validate DIR` (the bin, dist/cli/main.cjs, run as users run it, with the V8 flags it gives node; default budgets,',
    'the text report; a second run with `--json` gives the sanity check below and its time beside), `node walker-main.mjs DIR`',
    'and `node kaitai-main.mjs DIR` (bench/baselines/walker-main.ts, bench/kaitai/kaitai-main.ts, bundled by esbuild): node start-up, module load',
    'and every file read included on each side; the median of the runs, the three taking turns. In-process (shown beside): the walker, the Kaitai',
    'parser and preflight\'s own (its compiled validator alone, and validate\'s whole per-file pipeline) in the bench\'s own process, reading each file',
    'from disk in every pass, no start-up (median of the passes): parser against parser.',
    '',
    row(['reader', 'time', 'MB/s', 'ratio to the whole-process walker', 'peak RSS']),
    '|---|---:|---:|---:|---:|',
    ...([
      ['`preflight validate DIR` (whole process, text report: judged)', s.validate.wallMs, mb(s.validate.maxRss)],
      ['`preflight validate DIR --json FILE` (whole process, also hashes every file)', s.validateJson.wallMs, mb(s.validateJson.maxRss)],
      ['hand-written DataView walker (bench/baselines/ccf-walker.ts), whole process', s.walkerProcess.wallMs, mb(s.walkerProcess.maxRss)],
      [`Kaitai Struct ${r.kaitaiVersion} generated parser (bench/kaitai/ccf_v1.ksy), whole process`, s.kaitaiProcess.wallMs, mb(s.kaitaiProcess.maxRss)],
      ['the walker, in-process', s.walker.ms, ''],
      ['the Kaitai parser, in-process', s.kaitai.ms, ''],
      ["preflight's compiled validator alone (no consumer), in-process", s.validator.ms, ''],
      ["validate's whole per-file pipeline (validator, two consumer profiles, findings), in-process", s.pipeline.ms, ''],
    ] as const).map(([name, ms, rss]) => row([name, ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`, mbPerS(s.totalBytes, ms).toFixed(1), (mbPerS(s.totalBytes, ms) / walker).toPrecision(2), rss])),
    '',
    s.disagreements.length === 0
      ? `Sanity check: the walker and the Kaitai parser (in-process and as processes) counted ${s.walker.counts.instances.toLocaleString('en')} instances and ${s.walker.counts.criteria.toLocaleString('en')} criteria, as the project's decoder does; the walker found no problem, every Kaitai CRC matched, the compiled validator called every file clean and validate's pipeline found no error in it, validate reported all ${s.copies} files, none cut by a budget.`
      : `**Sanity check failed:** ${s.disagreements.join('; ')}.`,
    '',
    '## Linear time and peak RSS, one file a process',
    '',
    'One file per size, the same mix as the 689 KB file (bench/baselines/ccf-writer.ts writes the bytes the encoder would);',
    'the format allows 65,535 instances (about 17 MB of them), so larger files have longer strings. validate runs with its',
    'budgets raised (`--node-budget`, `--time-budget`, `--max-file-size`) so that every file is validated whole.',
    'ns/byte is above start-up: the smallest file\'s wall time is subtracted. Every file is over the consumers\' limits from',
    '1 MiB up, so both consumers refuse it (LIMIT_EXCEEDED) and their simulation is short.',
    `For scale, \`node -e 0\` took ${(r.nodeFloor.wallMs / 1000).toFixed(2)} s and peaked at ${mb(r.nodeFloor.maxRss)} in the same run.`,
    '',
    row(['file', 'instances', 'validate wall', 'ns/byte above start-up', 'walker', 'walker MB/s', 'peak RSS', 'RSS target (64 MB + 2x)', 'RSS']),
    '|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...r.series.map((x, i) => row([
      mib(x.file.bytes), x.file.instances.toLocaleString('en'), x.validate.failure ? `died: ${x.validate.failure}` : `${(x.validate.wallMs / 1000).toFixed(2)} s`,
      i === 0 ? '(start-up)' : x.file.target < 2 ** 20 ? '(start-up noise)' : netNsPerByte(r.series, x).toFixed(0), `${x.walkerMs.toFixed(2)} ms`, mbPerS(x.file.bytes, x.walkerMs).toFixed(0),
      mb(x.validate.maxRss), mb(x.rssLimit), x.validate.maxRss <= x.rssLimit ? 'pass ✓' : 'FAIL ✗',
    ])),
    '',
  ];
  if (r.small) {
    const f = r.small;
    lines.push(
      `## ${f.count.toLocaleString('en')} corpus-sized files: one process for the folder, or one per file`,
      '',
      `The files are the corpus's CCF files (corpus/ccf/codes and story) in turn, ${(f.bytes / f.count).toFixed(0)} bytes on average. One process per file`,
      `is measured on the first ${f.sample} files, one after another as a shell loop runs them, and scaled to all ${f.count.toLocaleString('en')}.`,
      '',
      row(['run', 'wall', 'files/s', 'CPU time / wall (cores busy)', 'peak RSS']),
      '|---|---:|---:|---:|---:|',
      row(['one process, the folder', `${(f.folder.wallMs / 1000).toFixed(2)} s`, (f.count / (f.folder.wallMs / 1000)).toFixed(0), (f.folder.cpuMs / f.folder.wallMs).toFixed(2), mb(f.folder.maxRss)]),
      row([`one process per file (${f.sample} run, scaled)`, `${(f.perFileTotalMs / 1000).toFixed(0)} s (${f.perFileMs.toFixed(0)} ms a file)`, (1000 / f.perFileMs).toFixed(1), '', '']),
      '',
    );
  }
  if (r.before) {
    const b = r.before;
    const cell = (t: TimedRun, bytes: number): string => `${(t.wallMs / 1000).toFixed(2)} s, ${mbPerS(bytes, t.wallMs).toFixed(1)} MB/s, ${mb(t.maxRss)}`;
    lines.push(
      '## Before and after, in this run',
      '',
      `SCALE_BEFORE: the same files validated by ${b.label} (its own dist/, whole process, default budgets), one after the other with this checkout's runs above.`,
      '',
      row(['files', 'before', 'this checkout', 'speed-up']),
      '|---|---:|---:|---:|',
      row([`the ${(s.totalBytes / 1e6).toFixed(0)} MB set`, cell(b.set, s.totalBytes), cell(s.validate, s.totalBytes), `${(b.set.wallMs / s.validate.wallMs).toFixed(1)}x`]),
      ...(b.small && r.small ? [row([`${r.small.count.toLocaleString('en')} small files, one process`, cell(b.small, r.small.bytes), cell(r.small.folder, r.small.bytes), `${(b.small.wallMs / r.small.folder.wallMs).toFixed(1)}x`])] : []),
      '',
    );
  }
  return lines.join('\n');
}

/** Writes bench/results.md: this run's figures, then the kept profile section. */
export function writeResults(file: string, text: string): void {
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const at = old.indexOf(PROFILE_HEADING);
  const kept = at >= 0 ? old.slice(at) : `${PROFILE_HEADING}\n\nNot recorded yet: \`npx tsx bench/profile.ts\` prints one.\n`;
  writeFileSync(file, `${text}\n${kept}`);
}
