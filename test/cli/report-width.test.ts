import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

const JULY = 'corpus/ccf/story/2024-07-19-0409-channel-291.bin';
/** Its INPUT_COUNT_MISMATCH message is 158 columns long: wrapped at 80, and at 160 past 150 columns. */
const SPRING = 'corpus/ccf/story/2024-04-24-spring.bin';
const TSX = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** util-linux `script` gives the CLI a real terminal (a pty) whose width `stty` sets. */
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

function onTerminal(columns: number, args: readonly string[]): string {
  const cli = [process.execPath, '--import', TSX, join(ROOT, 'src/cli/main.ts'), ...args].map(quote).join(' ');
  const r = spawnSync('script', ['-qec', `stty cols ${columns}; ${cli}`, '/dev/null'], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000,
  });
  return r.stdout.replace(/\r\n/g, '\n');
}

const widest = (text: string): number => Math.max(...text.split('\n').map((l) => [...l].length));

describe('the text report fits the terminal it is printed on (issue 8: "reports fit the terminal\'s width")', () => {
  // Before: writeReports never passed a width, so the report was 80 columns on any terminal
  // (the July report has lines of 79 columns): the 50-column check below failed.
  it.skipIf(!hasScript)('on a 50-column terminal every line fits 50 columns', () => {
    const text = onTerminal(50, ['validate', JULY, '--no-color']);
    expect(text).toContain('FAIL ');
    expect(widest(text)).toBeLessThanOrEqual(50);
  });

  it.skipIf(!hasScript)('on a 160-column terminal long lines are not wrapped at 80', () => {
    const text = onTerminal(160, ['validate', JULY, SPRING, '--no-color']);
    expect(text).toContain('  blast radius: crash on agent-7.11 — 8,500,000 of 9,700,000 endpoints (87.6%)\n');
    expect(text).toContain('      the content declares 21 inputs for key 1, the consumer supplies 20; every element beyond reads nothing today, the next one that reads is an out-of-bounds\n');
  });

  it('not on a terminal (a pipe, a CI log) it is 80 columns', () => {
    const r = runCli(['validate', JULY, SPRING]);
    expect(r.status).toBe(1);
    expect(widest(r.stdout)).toBeLessThanOrEqual(80);
    expect(r.stdout).toContain('      the content declares 21 inputs for key 1, the consumer supplies 20; every\n');
  });
});
