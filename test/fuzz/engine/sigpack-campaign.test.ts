import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCampaign } from '../../../src/fuzz/index.js';
import { defaultConsumers } from '../../helpers/consumers.js';
import { ROOT } from '../helpers.js';

const SCHEMA_FILE = join(ROOT, 'schemas/sigpack-v1.yaml');
const { model, profiles: fleet } = defaultConsumers(SCHEMA_FILE)!;
const MODEL_FILE = model.source;

/**
 * The fuzzer knows no format: from sigpack's schema and consumer model alone (no corpus), a short
 * seeded campaign against its default fleet finds every crash class the model can produce,
 * its own codes included. The crash classes are the sigpack corpus's (test/model/sigpack.test.ts).
 */
describe('fuzz on sigpack, from the schema and its consumer model alone', () => {
  it('finds every sigpack crash class on scanner 2.3 and the skew classes on 2.4', async () => {
    const r = await runCampaign({ schemaFile: SCHEMA_FILE, modelFile: MODEL_FILE, fleet, seed: 1, runs: 32768, workers: 1, shrink: false });
    const crashes = (profile: string): Set<string> => new Set(r.buckets.filter((b) => b.kind === 'crash' && b.profile === profile).map((b) => b.fault));
    expect(crashes('scanner-2.3')).toEqual(new Set(['READ_PAST_END', 'SIG_NO_HANDLER', 'SIG_PATTERN_OVERFLOW', 'REGEX_INVALID', 'OOB_INPUT_READ', 'TYPE_CONFUSION']));
    for (const c of ['READ_PAST_END', 'SIG_NO_HANDLER', 'REGEX_INVALID', 'OOB_INPUT_READ', 'TYPE_CONFUSION']) expect(crashes('scanner-2.4')).toContain(c);
    expect(r.buckets.filter((b) => b.kind === 'soundness')).toEqual([]);
    expect(r.coverage.of).toBe(51);
  }, 120_000);
});
