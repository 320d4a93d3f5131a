import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { cliEntry } from '../helpers/cli-entry.js';

export const ROOT = join(import.meta.dirname, '..', '..');

/**
 * The built CLI when dist/ is at least as new as every source (about half the start-up time of
 * tsx, and CLI tests are most of the suite's time), else the sources through tsx.
 */
const ENTRY = cliEntry(ROOT);

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Working folder (default: the package root). */
  readonly cwd?: string;
  /** Bytes for stdin (default: none, stdin is empty). */
  readonly input?: string | Uint8Array;
  /** Milliseconds before the run is killed (status null): a hang fails the test instead of stalling it. */
  readonly timeoutMs?: number;
}

/** Runs the real entry point, as a user would, from the package root. */
export function runCli(args: readonly string[], cwdOrOptions: string | RunOptions = ROOT): CliResult {
  const o: RunOptions = typeof cwdOrOptions === 'string' ? { cwd: cwdOrOptions } : cwdOrOptions;
  const r = spawnSync(process.execPath, [...ENTRY, ...args], {
    cwd: o.cwd ?? ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: o.timeoutMs ?? 60_000,
    input: o.input ?? '', maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every line of stderr that is not blank. */
export function stderrLines(r: CliResult): string[] {
  return r.stderr.split('\n').filter((l) => l.trim() !== '');
}
