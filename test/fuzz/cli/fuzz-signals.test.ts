import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSidecar } from '../../../src/fuzz/index.js';
import { ROOT, runCli } from '../../cli/run-cli.js';
import { fanOutFile } from '../fan-out.js';
import { AGENT_711, tempDir } from '../helpers.js';
import { sidecarFor } from '../store/sidecar-fixture.js';

interface Run { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/**
 * Starts `preflight fuzz` as a real child process; once `ready(out, stderr)` holds, sends it
 * two SIGINTs 100 ms apart, as `timeout -s INT` does, and waits for it to end.
 */
function interruptTwice(args: readonly string[], ready: (stderr: string) => boolean, meanwhile?: (pid: number) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const poll = setInterval(() => {
      if (sent || !ready(stderr)) return;
      sent = true;
      meanwhile?.(child.pid!);
      child.kill('SIGINT');
      setTimeout(() => child.kill('SIGINT'), 100);
    }, 50);
    const guard = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`no end; stderr: ${stderr}`)); }, 110_000);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

const binsIn = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.bin')) : []);

// Issue 7 §5. Before the fix: the SIGINT handler was `once`, so the second SIGINT killed the
// process while it saved (exit by signal, no report, no working corpus, unshrunk or missing
// reproducers); a SIGINT during start-up (rerunning saved reproducers) killed it too.
describe('fuzz under two SIGINTs', () => {
  it('while fuzzing: still saves the reproducers, the corpus and the report', async () => {
    const out = tempDir();
    const r = await interruptTwice(
      ['fuzz', '--profile', AGENT_711, '--time', '120', '--workers', '2', '--seed', '5', '--out', out, '--format', 'json'],
      () => binsIn(join(out, 'crashes')).length > 0,
    );
    expect(r.signal, r.stderr).toBeNull();
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('preflight: fuzz interrupted: stopping, then saving');
    expect(r.stderr).toContain('preflight: fuzz interrupted again: skipping the rest of the shrinking');
    const doc = JSON.parse(r.stdout) as { interrupted: boolean; buckets: { reproducer: string; size: number }[]; corpus: number };
    expect(doc.interrupted).toBe(true);
    expect(doc.buckets.length).toBeGreaterThan(0);
    for (const b of doc.buckets) {
      expect(readFileSync(resolve(ROOT, b.reproducer)).length).toBe(b.size);
      expect(parseSidecar(readFileSync(resolve(ROOT, b.reproducer.replace(/\.bin$/, '.json')), 'utf8')).ok).toBe(true);
    }
    expect(binsIn(join(out, 'corpus')).length).toBe(doc.corpus);
    expect(existsSync(join(out, '.preflight.lock'))).toBe(false);
  }, 120_000);

  it('a second campaign on the same --out stops at once, naming the one that holds it', async () => {
    const out = tempDir();
    let second: ReturnType<typeof runCli> | undefined;
    let holder = 0;
    const first = await interruptTwice(
      ['fuzz', '--profile', AGENT_711, '--time', '120', '--workers', '1', '--seed', '5', '--out', out, '--format', 'json'],
      () => binsIn(join(out, 'crashes')).length > 0,
      (pid) => {
        holder = pid;
        second = runCli(['fuzz', '--profile', AGENT_711, '--runs', '64', '--workers', '1', '--out', out]);
      },
    );
    expect(second?.status).toBe(2);
    expect(second?.stderr).toMatch(new RegExp(`^preflight: ${out}: in use by another fuzz campaign \\(pid ${holder} on [^)]+\\); use another folder, or wait for it to finish\\n$`));
    expect(first.code, first.stderr).toBe(1);
    expect(existsSync(join(out, '.preflight.lock'))).toBe(false);
  }, 180_000);

  it('during start-up (rerunning saved reproducers): stops the rerun, loses none, and reports', async () => {
    const out = tempDir();
    const crashes = join(out, 'crashes');
    mkdirSync(crashes, { recursive: true });
    const key = 'crash|agent-7.11|TYPE_CONFUSION|instances[*].criteria[*]';
    const slow = fanOutFile(); // each rerun costs its time budget: start-up takes a while
    const count = 12;
    for (let i = 0; i < count; i++) {
      writeFileSync(join(crashes, `saved-${i}.bin`), slow);
      writeFileSync(join(crashes, `saved-${i}.json`), JSON.stringify(sidecarFor(key, slow.length)));
    }
    const r = await interruptTwice(
      ['fuzz', '--profile', AGENT_711, '--runs', '100000', '--workers', '1', '--seed', '5', '--out', out, '--format', 'json'],
      (stderr) => stderr.includes(`rerunning ${count} saved reproducer(s)`),
    );
    expect(r.signal, r.stderr).toBeNull();
    expect(r.code, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout) as { interrupted: boolean; runs: number; previous: { still_failing: string[]; not_run: number } };
    expect(doc.interrupted).toBe(true);
    expect(doc.runs).toBe(0);
    expect(doc.previous.not_run).toBeGreaterThan(0);
    expect(doc.previous.still_failing.length + doc.previous.not_run).toBe(count);
    expect(binsIn(crashes).length).toBeGreaterThanOrEqual(count); // none lost (nor moved: they all still fail)
  }, 120_000);
});
