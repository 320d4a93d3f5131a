import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from './run-cli.js';

const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** Runs the CLI with stdout into `true`, which closes the pipe before the CLI writes anything, and returns the CLI's own exit status. */
function statusBehindHead(args: readonly string[]): number {
  const cli = [process.execPath, '--import', TSX, join(ROOT, 'src/cli/main.ts'), ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const r = spawnSync('bash', ['-c', `${cli} 2>/dev/null | true; exit \${PIPESTATUS[0]}`], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return r.status ?? -1;
}

// A gate behind a pipe (`set -o pipefail`) must see the run's own exit code even when the reader
// went away before the report was written: never 0 for a failing or a missing file.
describe('a reader that closes the pipe early', () => {
  it('keeps the exit code of the run: 1 for a failing file, 2 for a missing one', () => {
    const july = 'corpus/ccf/story/2024-07-19-0409-channel-291.bin';
    expect(statusBehindHead(['validate', 'corpus/ccf', '--format', 'json'])).toBe(1);
    expect(statusBehindHead(['validate', july, 'no-such-file.bin', '--format', 'json'])).toBe(2);
    expect(statusBehindHead(['validate', july, 'no-such-file.bin', '--format', 'json', '-o', '-'])).toBe(2);
    expect(statusBehindHead(['validate', july, '-o', '-'])).toBe(1);
    expect(statusBehindHead(['validate', 'corpus/ccf/codes/clean.bin', '--format', 'json'])).toBe(0);
  });
});
