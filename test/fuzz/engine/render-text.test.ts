import { describe, expect, it } from 'vitest';
import type { BucketEntry, CampaignDocument } from '../../../src/fuzz/engine/document.js';
import { renderCampaignText } from '../../../src/fuzz/engine/render-text.js';

const bucket = (fault: string, hits: number, firstMs: number, size: number): BucketEntry => ({
  id: `${fault}-scanner-2.3-0`, profile: 'scanner-2.3', fault, location: 'records[*].body', hits,
  first_found_ms: firstMs, reproducer: `fuzz-out/crashes/${fault}-scanner-2.3-0.bin`, size, first_size: size, how: 'generated',
});

const doc = (buckets: BucketEntry[]): CampaignDocument => ({
  seed: 1, interrupted: false, runs: 1000, elapsed_ms: 1000, execs_per_sec: 1000, coverage: { branches: 37, of: 51, features: 184 },
  buckets, soundness: [], robustness: [], shard: '1/1', workers: 1, seeds_run: 0, corpus: 9,
  previous: { still_failing: [], fixed: [], skipped: [], invalid: [], not_run: 0 },
});

/** The per-class summary stays in columns at 80 columns, also with a model's own long codes. */
describe('the fuzz text report, per fault class', () => {
  it('keeps short codes on one padded line', () => {
    const text = renderCampaignText(doc([bucket('READ_PAST_END', 602_985, 59, 14), bucket('TYPE_CONFUSION', 46_484, 153, 28)]), false, 80);
    expect(text).toContain('  READ_PAST_END   1 bucket  602,985 hits  first 59 ms   smallest 14 B\n');
    expect(text).toContain('  TYPE_CONFUSION  1 bucket   46,484 hits  first 153 ms  smallest 28 B\n');
  });

  it('puts a long code on its own line rather than let the columns wrap into single spaces', () => {
    // The sigpack campaign of docs/sigpack.md: the padded rows would be 82 columns wide.
    const oob = Array.from({ length: 10 }, () => bucket('OOB_INPUT_READ', 15_221, 106, 23));
    const text = renderCampaignText(doc([...oob, bucket('SIG_PATTERN_OVERFLOW', 14_719, 1_042, 158), bucket('SIG_NO_HANDLER', 1_401_690, 64, 17)]), false, 80);
    expect(text).toContain('  OOB_INPUT_READ\n    10 buckets    152,210 hits  first 106 ms    smallest 23 B\n');
    expect(text).toContain('  SIG_PATTERN_OVERFLOW\n      1 bucket     14,719 hits  first 1,042 ms  smallest 158 B\n');
    expect(text).toContain('  SIG_NO_HANDLER\n      1 bucket  1,401,690 hits  first 64 ms     smallest 17 B\n');
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });
});

/** --time bounds the runs only: the summary says where the rest of the wall time went. */
describe('the fuzz text report, its time', () => {
  it('splits the runs from set-up, seeds and shrinking when they took a second or more', () => {
    const text = renderCampaignText({ ...doc([]), elapsed_ms: 34_700, fuzz_ms: 20_000 }, false, 200);
    expect(text).toContain('1,000 runs (+0 seed files) in 34.7 s (20.0 s of runs; set-up, seed files and shrinking the rest), ');
  });

  it('says nothing more when the runs were nearly all of it, or the document predates fuzz_ms', () => {
    expect(renderCampaignText({ ...doc([]), elapsed_ms: 20_400, fuzz_ms: 20_000 }, false, 200)).toContain('in 20.4 s, ');
    expect(renderCampaignText({ ...doc([]), elapsed_ms: 34_700 }, false, 200)).toContain('in 34.7 s, ');
  });
});
