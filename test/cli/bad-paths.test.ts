import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFile, execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEntry } from '../helpers/cli-entry.js';
import { ROOT, runCli, stderrLines, type CliResult } from './run-cli.js';

const ENTRY = cliEntry(ROOT);

/** runCli, without waiting: the cases of one command run side by side. */
function runAsync(args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...ENTRY, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 }, (error, stdout, stderr) => {
      const status = error === null ? 0 : typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : null;
      resolve({ status, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/**
 * Issue 12, bad paths and files: every command that reads a file gives a missing path, a folder,
 * an empty folder, a FIFO, a path through a file, a device and a file that grows while it is read
 * one line naming it, and exit 2; never a stack, never a hang.
 */
const GOOD = join(ROOT, 'corpus/ccf/codes/clean.bin');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'preflight-bad-paths-'));
  mkdirSync(join(dir, 'empty'));
  writeFileSync(join(dir, 'plain'), 'x');
  execFileSync('mkfifo', [join(dir, 'fifo')]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each command with the bad path in the place of its input (and a good file where it takes two). */
const COMMANDS: Readonly<Record<string, (bad: string) => string[]>> = {
  inspect: (bad) => ['inspect', bad],
  explain: (bad) => ['explain', bad],
  'diff (old)': (bad) => ['diff', bad, GOOD],
  'diff (new)': (bad) => ['diff', GOOD, bad],
  report: (bad) => ['report', '-o', join(dir, 'out.html'), bad],
  unpack: (bad) => ['unpack', bad],
  replay: (bad) => ['replay', bad],
  pack: (bad) => ['pack', bad, '-o', join(dir, 'out.bin')],
};

const CASES: readonly { what: string; path: () => string; says: RegExp }[] = [
  { what: 'a missing path', path: () => join(dir, 'missing.bin'), says: /no such file/ },
  { what: 'a folder', path: () => join(dir, 'empty'), says: /is a folder/ },
  { what: 'a FIFO', path: () => join(dir, 'fifo'), says: /named pipe \(FIFO\), not a regular file/ },
  { what: 'a path through a file', path: () => join(dir, 'plain', 'x.bin'), says: /is a file, not a folder|no such file/ },
  { what: 'a device', path: () => '/dev/zero', says: /character device, not a regular file/ },
];

describe.each(Object.entries(COMMANDS))('%s', (_name, argsFor) => {
  it(`gives ${CASES.map((c) => c.what).join(', ')} one line naming it, and exit 2`, async () => {
    const runs = await Promise.all(CASES.map(async (c) => ({ c, bad: c.path(), r: await runAsync(argsFor(c.path())) })));
    for (const { c, bad, r } of runs) {
      expect(r.status, c.what).toBe(2);
      const lines = stderrLines(r);
      expect(lines, c.what).toHaveLength(1);
      expect(lines[0]).toMatch(/^preflight: /);
      expect(lines[0]).toContain(bad);
      expect(lines[0]).toMatch(c.says);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    }
  });
});

describe('a file that grows while it is read', () => {
  // /proc files report size 0 and then give more: the bound is checked while reading, not only before.
  it.each(['inspect', 'explain', 'unpack'])('%s: one line, exit 2', async (command) => {
    const r = await runAsync([command, '/proc/self/status', '--max-file-size', '64']);
    expect(r.status).toBe(2);
    expect(stderrLines(r)).toEqual([expect.stringMatching(/^preflight: cannot read \/proc\/self\/status: it grew while being read, over the --max-file-size limit of 64 bytes$/)]);
  });
});

describe('validate goes on past bad inputs', () => {
  it('reports an empty folder, a FIFO and a missing file each on one line, validates the good file, exits 2', () => {
    const r = runCli(['validate', '--format', 'json', '--no-progress', join(dir, 'empty'), join(dir, 'fifo'), join(dir, 'missing.bin'), GOOD], { timeoutMs: 60_000 });
    expect(r.status).toBe(2);
    const files = (JSON.parse(r.stdout) as { files: { file: string; verdict: string; error?: string }[] }).files;
    expect(files.map((f) => f.verdict)).toEqual(['error', 'error', 'error', 'pass']);
    expect(files[0]!.error).toMatch(/holds no \*\.bin files/);
    for (const f of files.slice(0, 3)) expect(f.error).toContain(f.file);
    expect(stderrLines(r)).toHaveLength(3);
  });
});
