/**
 * One whole process, timed from outside: wall time, and peak RSS and CPU time as GNU time
 * (`/usr/bin/time -v`, Debian's package `time`) reports them, even for a process that dies.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

export const GNU_TIME = '/usr/bin/time';

export interface TimedRun {
  readonly wallMs: number;
  /** Peak resident set size, bytes. */
  readonly maxRss: number;
  /** User + system CPU time, ms: over wallMs, how many cores the process kept busy. */
  readonly cpuMs: number;
  readonly status: number | null;
  /** Why it failed, when it exited 2 or more or by a signal (the tail of its stderr). */
  readonly failure?: string;
  /** What it printed on stdout, when asked for (`keepStdout`). */
  readonly stdout?: string;
}

export function requireGnuTime(): void {
  if (!existsSync(GNU_TIME)) throw new Error(`${GNU_TIME} is missing: bench/scale.ts reads peak RSS from GNU time (apt-get install time)`);
}

/** Runs `node ...args` in `cwd`; exit codes 0 and 1 (files failed) are a normal end. */
export function timedNode(args: readonly string[], cwd: string, keepStdout = false): TimedRun {
  return timedProgram(process.execPath, args, cwd, keepStdout);
}

/**
 * Runs an executable file as a user's shell would (its first line decides how: the preflight bin
 * starts node with its V8 flags), with this node first on PATH.
 */
export function timedProgram(program: string, args: readonly string[], cwd: string, keepStdout = false): TimedRun {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-time-'));
  const stats = join(dir, 'time.txt');
  try {
    const t = performance.now();
    const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env['PATH'] ?? ''}` };
    const r = spawnSync(GNU_TIME, ['-v', '-o', stats, program, ...args], { cwd, env, stdio: ['ignore', keepStdout ? 'pipe' : 'ignore', 'pipe'], maxBuffer: 64 << 20 });
    const wallMs = performance.now() - t;
    if (r.error) throw r.error;
    const text = readFileSync(stats, 'utf8');
    const field = (name: string): number => Number(new RegExp(`${name}[^:]*: ([0-9.]+)`).exec(text)?.[1] ?? NaN);
    const status = r.status;
    const failed = status === null || status >= 2 || /Command terminated by signal/.test(text);
    const failure = failed ? `exit ${status ?? '?'}${r.signal ? ` (${r.signal})` : ''}: ${r.stderr.toString('utf8').trim().split('\n').slice(-3).join(' / ').slice(0, 300)}` : undefined;
    return {
      wallMs,
      maxRss: field('Maximum resident set size') * 1024,
      cpuMs: (field('User time') + field('System time')) * 1000,
      status,
      ...(failure !== undefined ? { failure } : {}),
      ...(keepStdout ? { stdout: r.stdout.toString('utf8') } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
