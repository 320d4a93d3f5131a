import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bucketId, FuzzOut, runCampaign } from '../../../src/fuzz/index.js';
import { runCli } from '../../cli/run-cli.js';
import { CLI_TEST_TIMEOUT } from './timeout.js';
import { agent711, AGENT_711, CLEAN, JULY, JULY_KEY, SCHEMA_FILE, MODEL_FILE, setup711, tempDir } from '../helpers.js';
import { sidecarFor } from '../store/sidecar-fixture.js';

describe('preflight replay', { timeout: CLI_TEST_TIMEOUT }, () => {
  it('exits 1 while a reproducer still fails the same way, 0 once it no longer does, 2 on error', () => {
    const dir = tempDir();
    const still = join(dir, `${bucketId(JULY_KEY)}.bin`);
    copyFileSync(JULY, still);
    writeFileSync(still.replace(/\.bin$/, '.json'), JSON.stringify(sidecarFor(JULY_KEY, 524, { profile_source: AGENT_711 })));
    const r = runCli(['replay', still]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('still fails the same way: OOB_INPUT_READ on agent-7.11 at instances[5].criteria[20] @ 358');

    const fixed = join(dir, 'fixed.bin');
    copyFileSync(CLEAN, fixed);
    writeFileSync(join(dir, 'fixed.json'), JSON.stringify(sidecarFor(JULY_KEY, 10, { profile_source: AGENT_711 })));
    const f = runCli(['replay', '--format', 'json', fixed]);
    expect(f.status).toBe(0);
    expect(JSON.parse(f.stdout)).toMatchObject({ status: 'fixed', same: false, expected: JULY_KEY });

    expect(runCli(['replay', join(dir, 'none.bin')]).status).toBe(2);
  });
});

describe('preflight corpus merge', { timeout: CLI_TEST_TIMEOUT }, () => {
  it('folds the outputs of shards together without duplicate buckets', async () => {
    const [a, b, out] = [tempDir(), tempDir(), tempDir()];
    // The shards' outputs, made as `preflight fuzz --seed 9 --runs 512 --shard K/2` makes them (in-process, for speed).
    const shard = async (index: number, dir: string): Promise<string[]> => {
      const shardOf = { index, count: 2 };
      const result = await runCampaign({ schemaFile: SCHEMA_FILE, modelFile: MODEL_FILE, fleet: [agent711], seed: 9, runs: 512, shard: shardOf, workers: 1, shrink: false });
      const fuzzOut = new FuzzOut(dir, setup711, { seed: 9, shard: shardOf, schemaFile: SCHEMA_FILE });
      fuzzOut.saveFinal(result);
      fuzzOut.saveCorpus(result.corpus);
      return result.buckets.map((x) => x.id);
    };
    const ids = new Set([...(await shard(0, a)), ...(await shard(1, b))]);
    const m = runCli(['corpus', 'merge', a, b, '-o', out]);
    expect(m.status).toBe(0);
    expect(m.stdout).toMatch(new RegExp(`${ids.size} bucket\\(s\\) from 2 output\\(s\\)`));
    const merged = readdirSync(join(out, 'crashes')).filter((n) => n.endsWith('.bin')).map((n) => n.slice(0, -4));
    expect(new Set(merged)).toEqual(ids);
    expect(merged.length).toBeLessThan(readdirSync(join(a, 'crashes')).length / 2 + readdirSync(join(b, 'crashes')).length / 2);
    expect(runCli(['corpus', 'merge', join(out, 'missing'), '-o', out]).status).toBe(2);
  });
});
