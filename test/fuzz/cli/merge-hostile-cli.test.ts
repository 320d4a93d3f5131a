import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bucketId } from '../../../src/fuzz/index.js';
import { runCli } from '../../cli/run-cli.js';
import { CLI_TEST_TIMEOUT } from './timeout.js';
import { JULY_KEY, tempDir } from '../helpers.js';
import { sidecarFor } from '../store/sidecar-fixture.js';

/** A shard output folder holding one reproducer whose sidecar is `sidecar` (as JSON text). */
function shardWith(name: string, sidecar: string, bytes = Uint8Array.of(1, 2, 3)): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'crashes'));
  writeFileSync(join(dir, 'crashes', `${name}.json`), sidecar);
  writeFileSync(join(dir, 'crashes', `${name}.bin`), bytes);
  return dir;
}

// Issue 7 §1 and issue 8. Before the fix: merge named files after the sidecar's id (so
// `../../victim/package` wrote ../victim/package.json) and copied every field into it (a
// `scripts` entry included), exit 0; `hits: "abc"` merged to "51abc"; an unreadable sidecar
// vanished silently; `-o FILE` ended in an internal error.
describe('corpus merge with hostile shard artifacts', { timeout: CLI_TEST_TIMEOUT }, () => {
  it('writes only names it derives, inside the output folder, and drops unknown fields', () => {
    const root = tempDir();
    const victim = join(root, 'victim');
    mkdirSync(victim);
    const out = join(root, 'merged');
    const shard = shardWith('evil', JSON.stringify({ ...sidecarFor(JULY_KEY, 3), id: '../../victim/package', scripts: { test: 'echo pwned' } }));
    const r = runCli(['corpus', 'merge', shard, '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readdirSync(victim)).toEqual([]);
    expect(readdirSync(root).sort()).toEqual(['merged', 'victim']);
    const id = bucketId(JULY_KEY);
    expect(readdirSync(join(out, 'crashes')).sort()).toEqual([`${id}.bin`, `${id}.json`]);
    const written = JSON.parse(readFileSync(join(out, 'crashes', `${id}.json`), 'utf8')) as Record<string, unknown>;
    expect(written).not.toHaveProperty('scripts');
    expect(written.id).toBe(id);
  });

  it('reports a sidecar with a mistyped field (naming file and field) and one it cannot read, and exits 2', () => {
    const bad = shardWith('bad', JSON.stringify({ ...sidecarFor(JULY_KEY, 3), hits: 'abc' }));
    const good = shardWith('good', JSON.stringify(sidecarFor(JULY_KEY, 3, { hits: 51 })));
    mkdirSync(join(good, 'crashes', 'folder.json')); // "a sidecar" that cannot be read
    const out = tempDir();
    const r = runCli(['corpus', 'merge', bad, good, '-o', out]);
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`preflight: ${join(bad, 'crashes', 'bad.json')}: left out: field "hits" must be a whole number >= 0, got "abc"`);
    expect(lines[1]).toMatch(/^preflight: .*folder\.json: left out: it is not a regular file$/);
    const merged = JSON.parse(readFileSync(join(out, 'crashes', `${bucketId(JULY_KEY)}.json`), 'utf8')) as { hits: unknown };
    expect(merged.hits).toBe(51);
  });

  it('refuses an output that is an existing file, with one line, before any work', () => {
    const shard = shardWith('good', JSON.stringify(sidecarFor(JULY_KEY, 3)));
    const file = join(tempDir(), 'merged.txt');
    writeFileSync(file, 'keep me');
    const r = runCli(['corpus', 'merge', shard, '-o', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`preflight: ${file}: the merge output folder is a file, not a folder; give a folder\n`);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('writes a command that a shell reads back as exactly the reproducer path', () => {
    const shard = shardWith('good', JSON.stringify(sidecarFor(JULY_KEY, 3)));
    const out = join(tempDir(), `it's $(touch pwned) here`);
    expect(runCli(['corpus', 'merge', shard, '-o', out]).status).toBe(0);
    const bin = join(out, 'crashes', `${bucketId(JULY_KEY)}.bin`);
    const { command } = JSON.parse(readFileSync(bin.replace(/\.bin$/, '.json'), 'utf8')) as { command: string };
    const words = execFileSync('sh', ['-c', command.replace(/^preflight /, "printf '%s\\n' ")], { cwd: tempDir(), encoding: 'utf8' });
    expect(words).toBe(`replay\n${bin}\n`);
    expect(existsSync(join(out, 'pwned'))).toBe(false);
  });
});
