import { readdirSync, readFileSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExecRunner } from '../../src/exec/runner.js';
import { splitCommand } from '../../src/exec/argv.js';
import { crashLocation, realOutcome } from '../../src/exec/hits.js';
import { addResult } from '../../src/exec/validate-exec.js';
import { loadModel, loadModelProfile, modelBeside } from '../../src/model/index.js';
import { loadSchema } from '../../src/schema/index.js';
import { simulateBounded } from '../../src/fuzz/engine/_internals/bounded.js';
import { runCli } from '../cli/run-cli.js';
import { buildConsumers, CCF, ROOT, SIGPACK } from './build.js';

beforeAll(buildConsumers, 180_000);

const FORMATS = [
  { schema: 'schemas/ccf-v1.yaml', program: CCF, corpus: 'corpus/ccf', profiles: ['profiles/default/agent-7.11.yaml', 'profiles/default/agent-7.16.yaml'] },
  { schema: 'schemas/sigpack-v1.yaml', program: SIGPACK, corpus: 'corpus/sigpack', profiles: ['profiles/sigpack-v1/scanner-2.3.yaml', 'profiles/sigpack-v1/scanner-2.4.yaml'] },
];

function binFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.bin')).sort().map((f) => join(ROOT, dir, f));
}

describe('the C examples do what the documented consumers do (examples/consumer-c)', () => {
  for (const f of FORMATS) {
    for (const profileFile of f.profiles) {
      it(`every ${f.corpus} file: the C consumer's outcome on ${profileFile} is the model's, one process per file and persistent`, () => {
        const schema = loadSchema(join(ROOT, f.schema));
        const model = loadModel(modelBeside(join(ROOT, f.schema))!, schema);
        const profile = loadModelProfile(join(ROOT, profileFile), model);
        const once = new ExecRunner({ argv: splitCommand(`${f.program} ${join(ROOT, profileFile)} @@`), persistent: false, timeoutMs: 20_000, name: 'exec' });
        const kept = new ExecRunner({ argv: [f.program, join(ROOT, profileFile), '--persistent'], persistent: true, timeoutMs: 20_000, name: 'exec' });
        const files = binFiles(f.corpus);
        try {
          for (const file of files) {
            const bytes = readFileSync(file);
            const sim = simulateBounded(bytes, model, profile, undefined, 10_000);
            const a = once.run(bytes);
            const b = kept.run(bytes);
            expect({ file, real: realOutcome(a) }).toEqual({ file, real: sim.outcome });
            // Persistent mode: the same answer, and a crash attributed to this file with the same fault.
            expect({ file, real: realOutcome(b), where: realOutcome(b) === 'crash' ? crashLocation(b) : '' })
              .toEqual({ file, real: sim.outcome, where: sim.outcome === 'crash' ? crashLocation(a) : '' });
          }
        } finally {
          once.close();
          kept.close();
        }
        expect(files.length).toBeGreaterThan(20);
      }, 240_000);
    }
  }

  it('the July file: ASan reports a read of inputs[20] past a 20-element array', () => {
    const r = new ExecRunner({ argv: [CCF, join(ROOT, 'profiles/default/agent-7.11.yaml'), '@@'], persistent: false, timeoutMs: 20_000, name: 'exec' });
    try {
      const x = r.run(readFileSync(join(ROOT, 'corpus/ccf/story/2024-07-19-0409-channel-291.bin')));
      expect(x.outcome).toBe('crash');
      expect(x.sanitizer).toMatchObject({ tool: 'AddressSanitizer', kind: 'heap-buffer-overflow', access: 'READ', size: 8 });
      expect(x.sanitizer!.frames[0]).toBe('evaluate_instance');
      // 20 pointers of 8 bytes: the read is at the first byte past the array.
      expect(x.stderr).toContain('0 bytes to the right of 160-byte region');
      // The same file on the 21-input version loads.
      const fixed = new ExecRunner({ argv: [CCF, join(ROOT, 'profiles/default/agent-7.16.yaml')], persistent: false, timeoutMs: 20_000, name: 'exec' });
      expect(fixed.run(readFileSync(join(ROOT, 'corpus/ccf/story/2024-07-19-0409-channel-291.bin'))).outcome).toBe('load');
      fixed.close();
    } finally {
      r.close();
    }
  }, 60_000);

  it('persistent mode survives crashes: each answer belongs to its own input, the process restarts after a crash', () => {
    const kept = new ExecRunner({ argv: [CCF, join(ROOT, 'profiles/default/agent-7.11.yaml'), '--persistent'], persistent: true, timeoutMs: 20_000, name: 'exec' });
    const july = readFileSync(join(ROOT, 'corpus/ccf/story/2024-07-19-0409-channel-291.bin'));
    const spring = readFileSync(join(ROOT, 'corpus/ccf/story/2024-04-24-spring.bin'));
    const magic = readFileSync(join(ROOT, 'corpus/ccf/codes/bad-magic.bin'));
    try {
      const seq = [spring, july, spring, magic, july, july, spring].map((b) => kept.run(b).outcome);
      expect(seq).toEqual(['load', 'crash', 'load', 'reject', 'crash', 'crash', 'load']);
    } finally {
      kept.close();
    }
  }, 60_000);
});

describe('validate --exec', () => {
  const P = 'profiles/default/agent-7.11.yaml';
  it('adds the real consumer: a crash with the sanitizer SUMMARY line, JSON details, the exit code', () => {
    const args = ['validate', '--profile', P, '--differential', '--exec', `${CCF} ${P} @@`, 'corpus/ccf/story/2024-07-19-0409-channel-291.bin', 'corpus/ccf/codes/clean.bin'];
    const text = runCli([...args, '--no-color']);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('EXEC_CRASH');
    expect(text.stdout).toContain('SUMMARY: AddressSanitizer: heap-buffer-overflow');
    expect(text.stdout).not.toContain('EXEC_DISAGREE');
    // The JSON report carries messages, not details (for every code); the details are in-process (below).
    const json = JSON.parse(runCli([...args, '--format', 'json']).stdout) as { files: { file: string; findings: { code: string; message: string }[]; consumers: { profile: string; outcome: string }[] }[] };
    const july = json.files[0]!;
    expect(july.consumers.find((c) => c.profile === 'exec')?.outcome).toBe('crash');
    expect(july.findings.find((x) => x.code === 'EXEC_CRASH')?.message).toMatch(/^the real consumer crashed: SUMMARY: AddressSanitizer: heap-buffer-overflow \S*ccf_consumer\.c:\d+(:\d+)? in evaluate_instance \(READ of size 8\)$/);
    expect(json.files[1]!.consumers.find((c) => c.profile === 'exec')?.outcome).toBe('load');
  }, 120_000);

  it("puts the sanitizer's fault kind, access and frames into the finding's details", () => {
    const exec = { argv: [CCF, join(ROOT, P), '@@'], persistent: false, timeoutMs: 20_000, name: 'exec' };
    const runner = new ExecRunner(exec);
    const r = runner.run(readFileSync(join(ROOT, 'corpus/ccf/story/2024-07-19-0409-channel-291.bin')));
    runner.close();
    const file = { file: 'july.bin', verdict: 'fail' as const, findings: [], consumers: [], totals: {} };
    const f = addResult(file, r, exec, new Map()).findings[0]!;
    expect(f.code).toBe('EXEC_CRASH');
    expect(f.details).toMatchObject({ outcome: 'crash', tool: 'AddressSanitizer', kind: 'heap-buffer-overflow', access: 'READ', size: 8, frames: expect.arrayContaining(['evaluate_instance', 'consume']) });
  });

  it('reports a disagreement with the model as EXEC_DISAGREE (the 7.16 binary against the 7.11 model)', () => {
    const r = runCli(['validate', '--profile', P, '--differential', '--exec', `${CCF} profiles/default/agent-7.16.yaml @@`, 'corpus/ccf/story/2024-07-19-0409-channel-291.bin', '--format', 'json']);
    const f = (JSON.parse(r.stdout) as { files: { findings: { code: string; message: string }[] }[] }).files[0]!;
    expect(f.findings.find((x) => x.code === 'EXEC_DISAGREE')?.message).toBe('the model of agent-7.11 says crash (OOB_INPUT_READ), the real consumer load');
  }, 60_000);

  it('refuses what it cannot run, in one line (exit 2)', () => {
    for (const [args, msg] of [
      [['--exec', './no-such-consumer @@'], 'no such executable'],
      [['--exec', `${CCF} '@@`], 'unterminated'],
      [['--persistent', '--exec', `${CCF} ${P} @@`], 'drop the @@'],
      [['--differential'], '--differential needs --exec'],
      [['--exec', `${CCF} ${P} @@`, '--differential'], '--exec-profile'],
    ] as const) {
      const r = runCli(['validate', ...args, 'corpus/ccf/codes/clean.bin']);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(msg);
    }
  }, 60_000);
});

describe('fuzz --exec and replay --exec', () => {
  it('a campaign on the real consumer buckets its crashes by fault kind and frames, saves reproducers that replay', () => {
    const out = mkdtempSync(join(tmpdir(), 'preflight-exec-fuzz-'));
    const P = 'profiles/default/agent-7.11.yaml';
    const exec = ['--exec', `${CCF} ${P} --persistent`, '--persistent', '--differential'];
    try {
      const r = runCli(['fuzz', '--profile', P, '--corpus', 'corpus/ccf/story', '--runs', '24', '--seed', '3', '--workers', '1', '--out', out, '--format', 'json', ...exec], { timeoutMs: 300_000 });
      expect(r.status, r.stderr).toBe(1);
      type Entry = { profile: string; fault: string; location: string; reproducer: string; detail?: string };
      const doc = JSON.parse(r.stdout) as { buckets: Entry[]; soundness: Entry[] };
      const real = doc.buckets.filter((b) => b.profile === 'exec' && b.fault === 'EXEC_CRASH');
      // The July seed alone: ASan's read past the 20 inputs, in evaluate_instance.
      const july = real.find((b) => b.location === 'heap-buffer-overflow READ in evaluate_instance < consume');
      expect(july, JSON.stringify(real.map((b) => b.location))).toBeDefined();
      expect(july!.detail).toContain('SUMMARY: AddressSanitizer: heap-buffer-overflow');
      expect([...doc.buckets, ...doc.soundness].filter((b) => b.fault === 'EXEC_DISAGREE')).toEqual([]);
      const bin = resolve(ROOT, july!.reproducer);
      expect(existsSync(bin)).toBe(true);
      const again = runCli(['replay', bin, '--profile', P, ...exec]);
      expect(again.status, again.stderr + again.stdout).toBe(1);
      expect(again.stdout).toContain('still fails the same way');
      // Against the fixed binary the reproducer no longer crashes.
      const fixed = runCli(['replay', bin, '--profile', P, '--exec', `${CCF} profiles/default/agent-7.16.yaml @@`]);
      expect(fixed.stdout).toContain('no longer fails that way');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 400_000);
});
