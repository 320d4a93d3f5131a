import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCampaign } from '../../src/fuzz/engine/campaign.js';
import { resolveConsumers } from '../../src/cli/load-options.js';
import { loadSchema } from '../../src/schema/index.js';
import { runCli } from '../cli/run-cli.js';
import { ROOT } from './build.js';

// A real consumer process (test/exec/hang-consumer.mjs) that spins forever on one input: EXEC_HANG
// goes to that input, the process is killed, and the run goes on with a new process.
const SCRIPT = join(import.meta.dirname, 'hang-consumer.mjs');
const MARKER = 'HANG-ON-THIS-INPUT';
const TIMEOUT_MS = 4000; // well over node's start-up on a loaded machine; the spinning input costs this once
const P = 'profiles/default/agent-7.11.yaml';
const dir = mkdtempSync(join(tmpdir(), 'preflight-hang-'));
afterAll(() => {
  // Anything still spinning is a failure already reported below; do not leave it burning a core.
  for (const pid of spinners(readLogs())) if (alive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const files = { load: join(dir, 'a-load.bin'), hang: join(dir, 'b-hang.bin'), reject: join(dir, 'c-reject.bin') };
writeFileSync(files.load, 'an input it loads');
writeFileSync(files.hang, MARKER);
writeFileSync(files.reject, 'REJ: an input it rejects');

interface Line { pid: number; what: string }
const logs: string[] = [];
function newLog(name: string): string {
  const log = join(dir, `${name}.log`);
  logs.push(log);
  return log;
}
function readLog(log: string): Line[] {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8').trim().split('\n').map((l) => ({ pid: Number(l.split(' ')[0]), what: l.split(' ')[1]! }));
}
function readLogs(): Line[] {
  return logs.flatMap(readLog);
}
function spinners(lines: readonly Line[]): number[] {
  return lines.filter((l) => l.what === 'spin').map((l) => l.pid);
}
/** Running (a zombie has been killed: it only waits to be reaped). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]!);
  } catch {
    return false;
  }
}

const MODES = [
  { name: 'one process per input', args: (log: string) => ['--exec', `${process.execPath} ${SCRIPT} ${log} @@`], persistent: false },
  { name: 'persistent', args: (log: string) => ['--persistent', '--exec', `${process.execPath} ${SCRIPT} ${log} --persistent`], persistent: true },
];

describe('EXEC_HANG with a real consumer process that spins on one input', () => {
  for (const mode of MODES) {
    it(`validate --exec, ${mode.name}: the hang is the spinning file's, the process is killed, the next file is still run`, () => {
      const log = newLog(`validate-${mode.persistent ? 'p' : 'o'}`);
      const r = runCli(['validate', '--profile', P, '--exec-timeout', String(TIMEOUT_MS), ...mode.args(log), files.load, files.hang, files.reject, '--format', 'json'], { timeoutMs: 120_000 });
      expect(r.status, r.stderr).toBe(1);
      type F = { file: string; findings: { code: string; message: string; exec?: { outcome: string; timeoutMs?: number } }[]; consumers: { profile: string; outcome: string; real?: boolean }[] };
      const out = (JSON.parse(r.stdout) as { files: F[] }).files;
      const byFile = new Map(out.map((f) => [f.file, f]));
      const real = (f: string) => byFile.get(f)!.consumers.find((c) => c.real === true)!.outcome;
      const hangs = (f: string) => byFile.get(f)!.findings.filter((x) => x.code === 'EXEC_HANG');
      expect(hangs(files.hang)).toHaveLength(1);
      expect(hangs(files.hang)[0]!.message).toBe(`the real consumer gave no answer within ${TIMEOUT_MS.toLocaleString('en-US')} ms and was killed`);
      expect(hangs(files.hang)[0]!.exec).toMatchObject({ outcome: 'hang', timeoutMs: TIMEOUT_MS });
      expect(real(files.hang)).toBe('crash'); // a hang is not a load
      expect(hangs(files.load)).toEqual([]);
      expect(hangs(files.reject)).toEqual([]);
      expect(real(files.load)).toBe('load');
      expect(real(files.reject)).toBe('reject');

      const lines = readLog(log);
      const spun = spinners(lines);
      expect(spun).toHaveLength(1);
      expect(alive(spun[0]!)).toBe(false);
      // The spinning process answered nothing after the spin (persistent: it may have answered the file before).
      expect(lines.slice(lines.findIndex((l) => l.what === 'spin') + 1).filter((l) => l.pid === spun[0])).toEqual([]);
      expect(lines.filter((l) => l.what === 'load' || l.what === 'reject').map((l) => l.what).sort()).toEqual(['load', 'reject']);
    }, 180_000);

    it(`a fuzz campaign with --exec, ${mode.name}: one EXEC_HANG bucket holding exactly that input, and the campaign runs on`, async () => {
      const log = newLog(`campaign-${mode.persistent ? 'p' : 'o'}`);
      const schemaFile = join(ROOT, 'schemas', 'ccf-v1.yaml');
      const consumers = resolveConsumers(schemaFile, loadSchema(schemaFile), [join(ROOT, P)], [])!;
      const seeds = Object.values(files).map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(f)) }));
      const argv = [process.execPath, SCRIPT, log, ...(mode.persistent ? ['--persistent'] : ['@@'])];
      const runs = 12;
      const result = await runCampaign({
        schemaFile, modelFile: consumers.model.source, fleet: consumers.profiles, seed: 5, seeds, runs, workers: 1, shrink: false, batchSize: 4,
        exec: { argv, persistent: mode.persistent, timeoutMs: TIMEOUT_MS, name: 'exec' },
      });
      expect(result.runs).toBe(runs);
      const hang = result.buckets.filter((b) => b.profile === 'exec' && b.fault === 'EXEC_HANG');
      expect(hang.map((b) => b.location)).toEqual(['timeout']);
      expect(Buffer.from(hang[0]!.first.input.bytes).toString('latin1')).toBe(MARKER);
      expect(hang[0]!.hits).toBe(1);

      const lines = readLog(log);
      const spun = spinners(lines);
      expect(spun).toHaveLength(1);
      expect(alive(spun[0]!)).toBe(false);
      // After the spin, the other seeds and every run still got an answer from a process that is not the killed one.
      const after = lines.slice(lines.findIndex((l) => l.what === 'spin') + 1).filter((l) => l.what === 'load' || l.what === 'reject');
      expect(after.length).toBeGreaterThanOrEqual(runs);
      expect(after.every((l) => l.pid !== spun[0])).toBe(true);
    }, 180_000);
  }
});
