import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExecRunner, type ExecResult } from '../../src/exec/runner.js';
import { runCampaign } from '../../src/fuzz/engine/campaign.js';
import { CampaignState } from '../../src/fuzz/engine/campaign-state.js';
import { HIT_BUCKETS } from '../../src/fuzz/engine/coverage.js';
import { resolveConsumers } from '../../src/cli/load-options.js';
import { loadSchema } from '../../src/schema/index.js';
import { buildConsumers, CCF, ROOT } from './build.js';
import { buildCoverageConsumers, CCF_COV, CCF_COV8 } from './build-cov.js';

// Built at collection time, so that a machine without clang skips with the reason instead of failing.
const missing = buildCoverageConsumers();
if (missing !== undefined) console.warn(`test/exec/edge-coverage: skipped: ${missing}`);

const PROFILE = join(ROOT, 'profiles', 'default', 'agent-7.11.yaml');
const story = (f: string): Uint8Array => new Uint8Array(readFileSync(join(ROOT, 'corpus', 'ccf', 'story', f)));
const SPRING = story('2024-04-24-spring.bin');
const JULY = story('2024-07-19-0409-channel-291.bin'); // the OOB input read: ASan kills the process

const reached = (r: ExecResult): number => r.edges!.counts.filter((c) => c > 0).length;
const hits = (r: ExecResult): number => r.edges!.counts.reduce((a, c) => a + c, 0);

/** The inputs through one runner of `program` (`@@`: one process per input), in order; the runner is closed after. */
function runAll(program: string, mode: '--persistent' | '--fork-server' | '@@', inputs: readonly Uint8Array[]): ExecResult[] {
  const runner = new ExecRunner({ argv: [program, PROFILE, mode], persistent: mode !== '@@', timeoutMs: 10_000, name: 'exec' });
  try {
    return inputs.map((b) => runner.run(b));
  } finally {
    runner.close();
  }
}

describe.skipIf(missing !== undefined)('edge coverage from a binary built with SanitizerCoverage', () => {
  it('persistent: the map is reset before each input and read after its answer; a crash keeps its own edges and the next input is its own', () => {
    const rs = runAll(CCF_COV, '--persistent', [SPRING, SPRING, SPRING, JULY, SPRING, SPRING]);
    expect(rs.map((r) => r.outcome)).toEqual(['load', 'load', 'load', 'crash', 'load', 'load']);
    for (const r of rs) expect(r.edges).toMatchObject({ mode: 'trace-pc-guard' });
    expect(rs[0]!.edges!.edges).toBeGreaterThan(100); // the CCF example has some 466 edges
    // Reset per input: the same file again reaches the same edges as often (not twice as often).
    // (The first input after a start also gets the start-up's edges: the profile reader.)
    expect(reached(rs[2]!)).toBe(reached(rs[1]!));
    expect(Math.abs(hits(rs[2]!) - hits(rs[1]!))).toBeLessThanOrEqual(4);
    expect(Math.abs(hits(rs[5]!) - hits(rs[1]!))).toBeLessThanOrEqual(4);
    // The crash's edges are the crashing input's (it stops at instances[5]: fewer edges, other counts),
    // and the inputs after it are their own again.
    const crash = rs[3]!.edges!.counts;
    const load = rs[1]!.edges!.counts;
    expect(crash.some((c, slot) => c !== load[slot])).toBe(true);
    expect(reached(rs[3]!)).toBeGreaterThan(10);
    expect(reached(rs[5]!)).toBe(reached(rs[1]!));
    expect(rs[3]!.sanitizer).toMatchObject({ kind: 'heap-buffer-overflow', access: 'READ' });
  }, 60_000);

  it('with the fork server (--fork-server) the input after a crash has its own edges only: no new process starts up', () => {
    const rs = runAll(CCF_COV, '--fork-server', [SPRING, SPRING, JULY, SPRING]);
    expect(rs.map((r) => r.outcome)).toEqual(['load', 'load', 'crash', 'load']);
    expect(reached(rs[3]!)).toBe(reached(rs[1]!));
    expect(reached(rs[0]!)).toBeGreaterThan(reached(rs[1]!)); // the server's own start-up, once
    expect(reached(rs[2]!)).toBeGreaterThan(10);
  }, 60_000);

  it('inline 8-bit counters: copied into the map before each answer, and by the sanitizer death callback on a crash', () => {
    const rs = runAll(CCF_COV8, '--persistent', [SPRING, SPRING, JULY]);
    expect(rs.map((r) => r.outcome)).toEqual(['load', 'load', 'crash']);
    for (const r of rs) {
      expect(r.edges).toMatchObject({ mode: 'inline-8bit-counters' });
      expect(reached(r)).toBeGreaterThan(10);
    }
  }, 60_000);

  it('a binary without the instrumentation never writes the map: no edges (the model steers)', () => {
    buildConsumers();
    const [r] = runAll(CCF, '@@', [SPRING]);
    expect(r!.outcome).toBe('load');
    expect(r!.edges).toBeUndefined();
  }, 180_000);

  it('a campaign on the instrumented CCF example sees edges, keeps the inputs that reach new ones, and is the same on two workers', async () => {
    const schemaFile = join(ROOT, 'schemas', 'ccf-v1.yaml');
    const consumers = resolveConsumers(schemaFile, loadSchema(schemaFile), [PROFILE], [])!;
    const seeds = ['2024-02-28-stress-test.bin', '2024-03-05-first-instance.bin', '2024-04-24-spring.bin'].map((f) => ({ name: f, bytes: story(f) }));
    const campaign = (workers: number) => runCampaign({
      schemaFile, modelFile: consumers.model.source, fleet: consumers.profiles, seed: 1, seeds, runs: 128, workers, shrink: false, batchSize: 64,
      // A model run over the 250 ms default twice is an OVER_BUDGET bucket, which a loaded machine
      // gives one campaign and not the other (seen at load 10): timing is not what is compared here.
      budgetMs: 10_000,
      exec: { argv: [CCF_COV, PROFILE, '--persistent'], persistent: true, timeoutMs: 10_000, name: 'exec' },
    });
    const result = await campaign(1);
    expect(result.coverage.edges).toBeGreaterThan(50);
    expect(result.corpus.length).toBeGreaterThan(seeds.length); // inputs kept for new edges
    expect(result.buckets.some((b) => b.profile === 'exec')).toBe(true);
    // Each input's counts are its own (the harness counts from its read to its answer), so the
    // campaign is the same with two workers, each with its own consumer process.
    const two = await campaign(2);
    expect(two.coverage).toEqual(result.coverage);
    expect(two.corpus.map((i) => i.how)).toEqual(result.corpus.map((i) => i.how));
    expect(two.buckets.map((b) => b.key)).toEqual(result.buckets.map((b) => b.key));
  }, 240_000);
});

describe('which coverage keeps an input', () => {
  // 1 profile, 10 model branches, 16 edge slots: model features 0..79, edge features from 80.
  const edge = (slot: number, bucket = 0): number => 10 * HIT_BUCKETS + slot * HIT_BUCKETS + bucket;
  const input = (n: number): { bytes: Uint8Array; how: string } => ({ bytes: new Uint8Array([n]), how: `input ${n}` });
  const run = (state: CampaignState, r: number, novel: number[]): void => state.merge({ r, size: 1, at: 0, novel, input: input(r) });

  it('with the binary\'s edges steering, a new edge keeps an input and a new model branch alone does not', () => {
    const state = new CampaignState(1, 10, 0, true, 16, true);
    state.merge({ r: -1, size: 1, at: 0, novel: [0, edge(1)], input: input(99) }, input(99)); // a seed
    expect(state.map.edges).toBe(1);
    run(state, 0, [HIT_BUCKETS * 3]); // a new model branch only
    expect(state.corpusSize).toBe(1);
    run(state, 1, [edge(2)]);
    run(state, 2, [edge(2, 1)]); // a new hit count of a known edge counts too, as in AFL
    expect(state.corpusSize).toBe(3);
    expect(state.map.edges).toBe(2);
    expect(state.map.branches).toBe(2); // the model's coverage is still counted
  });

  it('with the model steering (coverage: observe, or no instrumented binary), edges are counted but do not keep an input', () => {
    const state = new CampaignState(1, 10, 0, true, 16, false);
    run(state, 0, [edge(3)]);
    expect(state.corpusSize).toBe(0);
    run(state, 1, [HIT_BUCKETS * 4]);
    expect(state.corpusSize).toBe(1);
    expect(state.map.edges).toBe(1);
  });
});
