import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { buildConsumers } from './build.js';

beforeAll(buildConsumers, 180_000);

const PROFILE = 'profiles/default/agent-7.11.yaml';
const STORY = 'corpus/ccf/story';
const EXEC = `examples/consumer-c/ccf-consumer ${PROFILE}`;

interface Sidecar { readonly bucket: string; readonly location: string; readonly hits: number }
const sidecar = (dir: string, id: string): Sidecar => JSON.parse(readFileSync(join(dir, 'crashes', `${id}.json`), 'utf8')) as Sidecar;
const bucketIds = (dir: string): string[] => readdirSync(join(dir, 'crashes')).filter((n) => n.endsWith('.bin')).map((n) => n.slice(0, -4)).sort();

// Issue 13: "reproducers, buckets, replay, shards and merge work as they do for the simulated consumer".
describe('shards, merge and replay of a campaign on the real CCF consumer (--exec)', () => {
  it('two shards merge into the union of their buckets, duplicates dropped, and a merged EXEC_CRASH replays the same way', () => {
    const root = mkdtempSync(join(tmpdir(), 'preflight-exec-shards-'));
    try {
      const s1 = join(root, 's1');
      const s2 = join(root, 's2');
      const merged = join(root, 'merged');
      // The July file crashes the C consumer, so both shards (every shard runs the seeds) hold its bucket.
      for (const [k, out] of [[1, s1], [2, s2]] as const) {
        const r = runCli(['fuzz', '--seed', '7', '--runs', '24', '--workers', '1', '--shard', `${k}/2`, '--profile', PROFILE,
          '--corpus', `${STORY}/2024-07-19-0409-channel-291.bin`, '--corpus', `${STORY}/2024-04-24-spring.bin`,
          '--persistent', '--exec', `${EXEC} --persistent`, '--out', out, '--format', 'json'], { timeoutMs: 180_000 });
        expect(r.status, r.stderr).toBe(1);
        expect(JSON.parse(r.stdout)).toMatchObject({ shard: `${k}/2` });
      }
      const [a, b] = [bucketIds(s1), bucketIds(s2)];
      const union = [...new Set([...a, ...b])].sort();
      const dropped = a.length + b.length - union.length;
      const shared = a.filter((id) => b.includes(id) && id.startsWith('EXEC_CRASH-exec-'));
      expect(shared.length, `no EXEC_CRASH bucket in both shards: ${a} / ${b}`).toBeGreaterThan(0);

      const m = runCli(['corpus', 'merge', s1, s2, '-o', merged]);
      expect(m.status, m.stderr).toBe(0);
      expect(m.stdout).toContain(`${union.length} bucket(s) from 2 output(s), ${dropped} duplicate(s) dropped`);
      expect(bucketIds(merged)).toEqual(union);
      const id = shared[0]!;
      expect(sidecar(merged, id).bucket).toMatch(/^crash\|exec\|EXEC_CRASH\|/);
      expect(sidecar(merged, id).hits).toBe(sidecar(s1, id).hits + sidecar(s2, id).hits);

      const reproducer = join(merged, 'crashes', `${id}.bin`);
      const r = runCli(['replay', '--format', 'json', '--profile', PROFILE, '--exec', `${EXEC} @@`, reproducer], { timeoutMs: 60_000 });
      expect(r.status, r.stderr).toBe(1);
      const replay = JSON.parse(r.stdout) as { status: string; same: boolean; expected: string; now: { profile: string; fault: string; location: string }[] };
      expect(replay).toMatchObject({ status: 'fails', same: true, expected: sidecar(merged, id).bucket });
      expect(replay.now).toContainEqual(expect.objectContaining({ profile: 'exec', fault: 'EXEC_CRASH', location: sidecar(merged, id).location }));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 400_000);
});
