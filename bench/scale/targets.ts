/**
 * Issue 12's targets, judged from the figures of one run. A target that was not measured in full
 * (a quick run below 256 MiB, a process that died) is never a pass.
 */
import type { SeriesRow } from './series.js';
import { netNsPerByte } from './series.js';
import { mbPerS, type SetResult } from './set-69mb.js';
import type { SmallFilesResult } from './small-files.js';

export type Verdict = 'pass' | 'FAIL' | 'not measured';

export interface Target {
  readonly target: string;
  readonly measured: string;
  readonly verdict: Verdict;
}

const MIB = 2 ** 20;
const x = (r: number): string => `${r >= 10 ? r.toFixed(0) : r >= 0.1 ? r.toFixed(2) : r.toPrecision(2)}x`;

export function judge(set: SetResult, series: readonly SeriesRow[], small: SmallFilesResult | undefined, cores: number): Target[] {
  // Whole process against whole process (start-up and reads on both sides) is what is judged; the
  // in-process figure (the baseline's bare reading speed, no start-up) is shown beside it.
  const validate = mbPerS(set.totalBytes, set.validate.wallMs);
  const walker = mbPerS(set.totalBytes, set.walkerProcess.wallMs);
  const kaitai = mbPerS(set.totalBytes, set.kaitaiProcess.wallMs);
  const withJson = mbPerS(set.totalBytes, set.validateJson.wallMs);
  const walkerIn = mbPerS(set.totalBytes, set.walker.ms);
  const kaitaiIn = mbPerS(set.totalBytes, set.kaitai.ms);
  const validatorIn = mbPerS(set.totalBytes, set.validator.ms);
  const pipelineIn = mbPerS(set.totalBytes, set.pipeline.ms);
  const ok = set.disagreements.length === 0;
  const out: Target[] = [
    { target: `whole-process validate of the ${(set.totalBytes / 1e6).toFixed(0)} MB set >= 0.5x the hand-written walker (whole process against whole process)`,
      measured: `${validate.toFixed(1)} MB/s against ${walker.toFixed(0)} MB/s: ${x(validate / walker)} (against the walker in-process, ${walkerIn.toFixed(0)} MB/s without start-up: ${x(validate / walkerIn)}; with --json, which hashes every file, ${withJson.toFixed(1)} MB/s: ${x(withJson / walker)})`,
      verdict: !ok ? 'FAIL' : validate / walker >= 0.5 ? 'pass' : 'FAIL' },
    { target: '... and >= 5x the parser kaitai-struct-compiler generates (whole process against whole process)',
      // Beside it: parser against parser in this process (no start-up on either side), and the
      // walker's own process against Kaitai's, the ratio no validator that starts node can beat.
      measured: `${validate.toFixed(1)} MB/s against ${kaitai.toFixed(1)} MB/s: ${x(validate / kaitai)}; in-process, against Kaitai's ${kaitaiIn.toFixed(1)} MB/s: the compiled validator ${validatorIn.toFixed(0)} MB/s (${x(validatorIn / kaitaiIn)}), validate's whole pipeline with its consumers ${pipelineIn.toFixed(0)} MB/s (${x(pipelineIn / kaitaiIn)}); the walker's whole process is ${x(walker / kaitai)} Kaitai's`,
      verdict: !ok ? 'FAIL' : validate / kaitai >= 5 ? 'pass' : 'FAIL' },
  ];

  const largest = series[series.length - 1];
  const failed = series.filter((r) => r.validate.failure || r.validate.budgetCut > 0 || r.validate.errors > 0);
  // Below 1 MiB the wall time is mostly start-up, and its noise swamps the time per byte.
  const measured = series.filter((r) => r.file.target >= MIB && !r.validate.failure);
  const base = measured[0];
  const growth = base ? Math.max(...measured.map((r) => netNsPerByte(series, r) / netNsPerByte(series, base))) : NaN;
  const reached256 = largest !== undefined && largest.file.target >= 256 * MIB;
  const nsTrend = measured.map((r) => `${netNsPerByte(series, r).toFixed(0)} at ${(r.file.bytes / MIB).toFixed(0)} MiB`).join(', ');
  out.push({
    target: 'linear time in file size, 1 KiB to 256 MiB (judged from 1 MiB up: ns per byte above start-up never over 2x the 1 MiB figure)',
    measured: failed.length > 0 ? `${failed.length} size(s) not validated in full (${failed.map((r) => `${(r.file.bytes / MIB).toFixed(0)} MiB: ${r.validate.failure ?? 'budget or error'}`).join('; ')})`
      : `ns/byte ${nsTrend || '?'} (worst ${Number.isFinite(growth) ? x(growth) : '?'} the 1 MiB figure); past ~17 MB strings grow instead of instances (the format's 65,535-instance cap), so bytes get cheaper`,
    verdict: failed.length > 0 ? 'FAIL' : !reached256 ? 'not measured' : growth <= 2 ? 'pass' : 'FAIL',
  });

  const rssOver = series.filter((r) => !(r.validate.maxRss <= r.rssLimit));
  const setLimit = 64e6 + 2 * set.fileBytes;
  const setRss = Math.max(set.validate.maxRss, set.validateJson.maxRss);
  out.push({
    target: `peak RSS <= 64 MB + 2x the largest file (series, one file a process; and the ${(set.totalBytes / 1e6).toFixed(0)} MB set)`,
    measured: `${series.length - rssOver.length} of ${series.length} sizes within it${largest ? ` (largest: ${(largest.validate.maxRss / 1e6).toFixed(0)} MB against ${(largest.rssLimit / 1e6).toFixed(0)} MB)` : ''}; ${(set.totalBytes / 1e6).toFixed(0)} MB set ${(setRss / 1e6).toFixed(1)} MB against ${(setLimit / 1e6).toFixed(1)} MB (the larger of the text and --json runs)`,
    verdict: rssOver.length === 0 && setRss <= setLimit && reached256 ? 'pass' : rssOver.length > 0 || setRss > setLimit ? 'FAIL' : 'not measured',
  });

  if (small) {
    const speedup = small.perFileTotalMs / small.folder.wallMs;
    const busy = small.folder.cpuMs / small.folder.wallMs;
    out.push({
      target: `a folder of ${small.count.toLocaleString('en')} corpus-sized files in one process on all cores, >= 10x one process per file`,
      measured: `${x(speedup)} one process per file (${(small.folder.wallMs / 1000).toFixed(1)} s against ${(small.perFileTotalMs / 1000).toFixed(0)} s, scaled from ${small.sample}): ${speedup >= 10 ? 'pass' : 'FAIL'}; ${busy.toFixed(2)} of ${cores} cores busy: ${busy >= 0.75 * cores ? 'pass' : 'FAIL (one thread)'}`,
      verdict: small.folder.failure || small.count < 10_000 ? (small.folder.failure ? 'FAIL' : 'not measured') : speedup >= 10 && busy >= 0.75 * cores ? 'pass' : 'FAIL',
    });
  } else out.push({ target: 'a folder of 10,000 corpus-sized files ...', measured: 'skipped (SCALE_SMALL_FILES=0)', verdict: 'not measured' });
  return out;
}

export const mark = (v: Verdict): string => (v === 'pass' ? 'pass ✓' : v === 'FAIL' ? 'FAIL ✗' : 'not measured');
