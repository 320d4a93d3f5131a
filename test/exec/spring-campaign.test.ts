import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCampaign } from '../../src/fuzz/engine/campaign.js';
import { resolveConsumers } from '../../src/cli/load-options.js';
import { loadSchema } from '../../src/schema/index.js';
import { ExecRunner } from '../../src/exec/runner.js';
import { buildConsumers, CCF, ROOT } from './build.js';

beforeAll(buildConsumers, 180_000);

const WANT = 'crash|exec|EXEC_CRASH|heap-buffer-overflow READ in evaluate_instance < consume';

// The 60-second campaign is bench/exec-campaign.ts; this is the same campaign, stopped at the find.
describe('a campaign on the real CCF consumer, seeded with the spring 2024 corpus only', () => {
  it('finds the out-of-bounds input read, which ASan reports as a read past the 20-element input array', async () => {
    const profileFile = join(ROOT, 'profiles', 'default', 'agent-7.11.yaml');
    const schemaFile = join(ROOT, 'schemas', 'ccf-v1.yaml');
    const consumers = resolveConsumers(schemaFile, loadSchema(schemaFile), [profileFile], [])!;
    const spring = ['2024-02-28-stress-test.bin', '2024-03-05-first-instance.bin', '2024-04-24-spring.bin']
      .map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(ROOT, 'corpus', 'ccf', 'story', f))) }));
    const result = await runCampaign({
      schemaFile, modelFile: consumers.model.source, fleet: consumers.profiles, seed: 1, seeds: spring, timeMs: 45_000, workers: 1, shrink: false, batchSize: 64,
      exec: { argv: [CCF, profileFile, '--persistent'], persistent: true, timeoutMs: 10_000, name: 'exec' },
      stopWhen: (state) => state.buckets.has(WANT),
    });
    const found = result.buckets.find((b) => b.key === WANT);
    expect(found, result.buckets.map((b) => b.key).join('\n')).toBeDefined();
    // None of the seeds crashes: the campaign made the input.
    expect(found!.first.r).toBeGreaterThanOrEqual(0);
    const runner = new ExecRunner({ argv: [CCF, profileFile, '@@'], persistent: false, timeoutMs: 10_000, name: 'exec' });
    const r = runner.run(found!.smallest.input.bytes);
    runner.close();
    expect(r.sanitizer).toMatchObject({ kind: 'heap-buffer-overflow', access: 'READ', size: 8 });
    expect(r.sanitizer!.frames[0]).toBe('evaluate_instance');
    expect(r.stderr).toMatch(/located 0 bytes to the right of 160-byte region/);
  }, 240_000);
});
