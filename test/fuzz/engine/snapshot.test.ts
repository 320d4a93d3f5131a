import { describe, expect, it } from 'vitest';
import { runCampaign } from '../../../src/fuzz/index.js';
import { CRASH_CODES } from '../../../src/findings/index.js';
import { agent711, JULY_KEY, MODEL_FILE, SCHEMA_FILE } from '../helpers.js';

/**
 * No-regression snapshot, fast-check style: the buckets that `preflight fuzz --seed 42
 * --runs 16384 --profile profiles/default/agent-7.11.yaml` finds are pinned. A change to the
 * engine, the generator, the mutator, the simulator or the schema that loses (or adds) a
 * bucket shows here. When the change is intended, update the pin:
 *   npx vitest run -u test/fuzz/engine/snapshot.test.ts
 * (Shrinking does not change which buckets are found, so it is off to keep this fast.)
 */
describe('fuzz --seed 42 --runs 16384 against agent-7.11', () => {
  it('finds the pinned buckets', async () => {
    const r = await runCampaign({ schemaFile: SCHEMA_FILE, modelFile: MODEL_FILE, fleet: [agent711], seed: 42, runs: 16384, workers: 1, shrink: false });
    const keys = r.buckets.map((b) => b.key);
    expect(keys).toContain(JULY_KEY);
    expect(new Set(r.buckets.map((b) => b.fault))).toEqual(new Set(CRASH_CODES));
    expect(keys).toMatchSnapshot();
  }, 60_000);
});
