import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BaselineError, bucketBaseline, parseBaseline, writeBucketBaseline, REASON_PLACEHOLDER } from '../../src/baseline/index.js';
import { gateBuckets } from '../../src/cli/commands/fuzz-baseline.js';
import { bucketId, bucketKey } from '../../src/fuzz/engine/bucket.js';
import type { BucketEntry, CampaignDocument } from '../../src/fuzz/engine/document.js';
import { thrownBy } from '../helpers/thrown.js';

const JULY = 'crash|agent-7.11|OOB_INPUT_READ|instances[*].criteria[20]';
const POOL = 'crash|agent-7.11|POOL_OOB|instances[*].criteria[*]';

function entry(fault: string, location: string, profile = 'agent-7.11'): BucketEntry {
  return { id: bucketId(bucketKey({ kind: 'crash', profile, fault, location })), profile, fault, location, hits: 1, first_found_ms: 1, reproducer: '', size: 10, first_size: 10, how: 'generated' };
}

function campaign(buckets: BucketEntry[], stillFailing: string[] = []): CampaignDocument {
  return {
    seed: 1, interrupted: false, runs: 10, elapsed_ms: 1, execs_per_sec: 1, coverage: { branches: 0, of: 0, features: 0 },
    buckets, soundness: [], robustness: [], shard: '1/1', workers: 1, seeds_run: 0, corpus: 0,
    previous: { still_failing: stillFailing, fixed: [], skipped: [] },
  };
}

const yaml = (body: string): string => `version: 1\nbuckets:\n${body}`;

describe('bucket baselines (fuzz --baseline)', () => {
  it('parses bucket entries strictly: a key that is not kind|profile|fault|location, unknown keys and the placeholder are errors with file:line', () => {
    const ok = parseBaseline(yaml(`  - bucket: "${JULY}"\n    reason: known since spring\n    expires: 2027-01-31\n`), 'k.yaml');
    expect(ok.buckets).toEqual([{ bucket: JULY, reason: 'known since spring', expires: '2027-01-31', line: 3 }]);
    expect(ok.entries).toEqual([]);
    expect(thrownBy(BaselineError, () => parseBaseline(yaml('  - bucket: "OOB_INPUT_READ"\n    reason: x\n'), 'k.yaml')).message).toMatch(/^k\.yaml:3:\d+: buckets\[0\]\.bucket: must be kind\|profile\|fault\|location/);
    expect(thrownBy(BaselineError, () => parseBaseline(yaml(`  - bucket: "${JULY}"\n    reason: x\n    hits: 3\n`), 'k.yaml')).message).toMatch(/buckets\[0\]\.hits: unknown key/);
    expect(thrownBy(BaselineError, () => parseBaseline(yaml(`  - bucket: "${JULY}"\n    reason: "${REASON_PLACEHOLDER}"\n`), 'k.yaml')).message).toMatch(/buckets\[0\]\.reason: say why this bucket is accepted/);
    expect(thrownBy(BaselineError, () => parseBaseline('version: 1\n', 'k.yaml')).message).toMatch(/missing required key "entries" .* or "buckets"/);
  });

  it('accepts a known bucket and the saved reproducer of it, keeps new ones, so only new buckets fail the run', () => {
    const baseline = parseBaseline(yaml(`  - bucket: "${JULY}"\n    reason: known\n`), 'k.yaml');
    const july = entry('OOB_INPUT_READ', 'instances[*].criteria[20]');
    const pool = entry('POOL_OOB', 'instances[*].criteria[*]');
    const notes: string[] = [];
    const gated = gateBuckets(campaign([july, pool], [july.id, pool.id]), baseline, (l) => notes.push(l), '2026-12-02');
    expect(gated.buckets.map((b) => b.fault)).toEqual(['POOL_OOB']);
    expect(gated.previous.still_failing).toEqual([pool.id]);
    expect(gated.baselined).toEqual([{ bucket: JULY, id: july.id, reason: 'known' }]);
    expect(notes.join('\n')).toMatch(/1 known bucket\(s\) accepted/);
  });

  it('an expired entry accepts nothing and says so', () => {
    const baseline = parseBaseline(yaml(`  - bucket: "${JULY}"\n    reason: known\n    expires: 2026-12-01\n`), 'k.yaml');
    const notes: string[] = [];
    const gated = gateBuckets(campaign([entry('OOB_INPUT_READ', 'instances[*].criteria[20]')]), baseline, (l) => notes.push(l), '2026-12-02');
    expect(gated.buckets).toHaveLength(1);
    expect(gated.baselined).toEqual([]);
    expect(notes.join('\n')).toMatch(/k\.yaml:3: the entry for bucket .* expired on 2026-12-01/);
    expect(bucketBaseline(baseline, '2026-12-01').accepts(JULY)).toBeDefined();
  });

  it('property: a baseline written from a campaign, reasons filled in, accepts exactly that campaign', () => {
    const arbBucket = fc.record({
      fault: fc.constantFrom('OOB_INPUT_READ', 'POOL_OOB', 'UNKNOWN_OP', 'TYPE_CONFUSION'),
      location: fc.constantFrom('instances[*].criteria[20]', 'instances[*].criteria[*]', 'types[*]', 'pool'),
      profile: fc.constantFrom('agent-7.11', 'agent-7.16'),
    });
    fc.assert(fc.property(fc.uniqueArray(arbBucket, { selector: (b) => `${b.profile}${b.fault}${b.location}` }), fc.array(arbBucket), (known, later) => {
      const first = campaign(known.map((b) => entry(b.fault, b.location, b.profile)));
      const written = writeBucketBaseline(first.buckets.map((b) => bucketKey({ kind: 'crash', ...b })), [], 'yaml').replaceAll(REASON_PLACEHOLDER, 'accepted');
      const baseline = parseBaseline(written, 'k.yaml');
      expect(gateBuckets(first, baseline, () => {}).buckets).toEqual([]);
      const next = campaign(later.map((b) => entry(b.fault, b.location, b.profile)));
      const isKnown = (b: BucketEntry): boolean => known.some((k) => k.fault === b.fault && k.location === b.location && k.profile === b.profile);
      expect(gateBuckets(next, baseline, () => {}).buckets).toEqual(next.buckets.filter((b) => !isKnown(b)));
    }), { numRuns: 100 });
  });
});
