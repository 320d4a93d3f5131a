import { describe, expect, it } from 'vitest';
import { formatPath } from '../../../src/findings/index.js';
import { runCampaign, seedInput } from '../../../src/fuzz/index.js';
import { edgeMutant, edgePass } from '../../../src/fuzz/mutate/index.js';
import { edgeElements } from '../../../src/fuzz/mutate/field-edge.js';
import { nodesOf } from '../../../src/fuzz/mutate/rebase.js';
import { sourceOf } from '../../../src/fuzz/mutate/source-value.js';
import { Rng } from '../../../src/fuzz/_internals/rng.js';
import { simulateModel } from '../../../src/model/index.js';
import { agent711, bytesOf, JULY_KEY, model, ROOT, SCHEMA_FILE, MODEL_FILE, SPRING } from '../helpers.js';
import { ccf, ctxWith } from './setup.js';

const SPRING_FILES = ['2024-02-28-stress-test.bin', '2024-03-05-first-instance.bin', '2024-04-24-spring.bin']
  .map((name) => ({ name, bytes: bytesOf(`${ROOT}/corpus/ccf/story/${name}`) }));
const seeds = SPRING_FILES.map((s) => seedInput(s, ccf));
const ctx = ctxWith(seeds);

describe('edge elements: just past what a consumer supplies', () => {
  it('are the 21st criterion of each instance of the 21-field type in the spring file, and nothing else', () => {
    const source = sourceOf({ bytes: bytesOf(SPRING), how: 'spring' }, ccf)!.source;
    const edges = edgeElements(nodesOf(ccf, source).elements, ctx.hints).map((n) => formatPath(n.path));
    expect(edges).toEqual([0, 1, 2, 3].map((i) => `instances[${i}].criteria[20]`));
  });

  it('are none without fleet hints', () => {
    const source = sourceOf({ bytes: bytesOf(SPRING), how: 'spring' }, ccf)!.source;
    expect(edgeElements(nodesOf(ccf, source).elements, { ints: [0, 1, 2] })).toEqual([]);
  });
});

describe('the edge pass over the seeds', () => {
  it('takes the seeds in turn, smallest first, each edge once, and is bounded', () => {
    const steps = edgePass(seeds, ctx);
    // Smallest seed first: first-instance (149 bytes), spring (376), stress-test (1,034).
    expect(steps.slice(0, 3).map((s) => s.seed)).toEqual([1, 2, 0]);
    expect(new Set(steps.map((s) => `${s.seed}/${s.edge}`)).size).toBe(steps.length);
    expect(steps.length).toBeLessThanOrEqual(256);
  });

  it('arms a spring wildcard into the July defect within its first steps', () => {
    const steps = edgePass(seeds, ctx).slice(0, 3);
    const faults = steps.map((step, r) => {
      const m = edgeMutant(seeds[step.seed]!, step, new Rng(1, r), ctx)!;
      expect(m.how).toMatch(/^edge:instances\[\d+\](\.criteria\[20\])?=/);
      const f = simulateModel(m.bytes, model, agent711).fault;
      return f === null ? 'load' : `${f.code} ${formatPath(f.path)}`;
    });
    expect(faults).toContain('OOB_INPUT_READ instances[0].criteria[20]');
  });

  it('makes mutation of the spring files find the July bucket in its first runs, whatever the seed', async () => {
    for (const seed of [1, 2, 3]) {
      const r = await runCampaign({ schemaFile: SCHEMA_FILE, modelFile: MODEL_FILE, fleet: [agent711], seed, runs: 16, workers: 1, shrink: false, strategy: 'mutate', seeds: SPRING_FILES });
      const july = r.buckets.find((b) => b.key === JULY_KEY);
      expect(july?.first.r).toBeLessThan(4);
    }
  });
});
