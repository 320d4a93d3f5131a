import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, stderrLines } from '../../cli/run-cli.js';
import type { CodeExplanation, FileExplanation } from '../../../src/triage/explain/index.js';
import { JULY, ROOT, SPRING } from './helpers.js';

describe('preflight explain FILE', () => {
  it('prints the July chain for agent-7.11, says agent-7.16 loads, and exits 1', () => {
    const r = runCli(['explain', JULY]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const out = r.stdout;
    expect(out).toContain('agent-7.11  crash  8,500,000 endpoints');
    expect(out).toContain('OOB_INPUT_READ at instances[5].criteria[20] @ 358 (0x166)');
    expect(out).toContain('1. instances[5] is of type 1 (type_id = 1)');
    expect(out).toContain('instances[5].type_id @ 322 (0x142)');
    expect(out).toMatch(/5\. so inputs\[20\] is read out of bounds/);
    expect(out).toMatch(/agent-7\.16 +load +1,200,000 endpoints\n +loads/);
    expect(out).not.toMatch(/\u001b\[/); // NO_COLOR in the test environment
  });

  it('exits 0 when every consumer loads, and shows the hazard', () => {
    const r = runCli(['explain', SPRING]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('hazard INPUT_COUNT_MISMATCH at types[0].field_count @ 42 (0x2a)');
  });

  it('--format json is the FileExplanation; --profile narrows the fleet', () => {
    const r = runCli(['explain', JULY, '--format', 'json', '--profile', 'profiles/default/agent-7.16.yaml']);
    expect(r.status).toBe(0);
    const x = JSON.parse(r.stdout) as FileExplanation;
    // The verdict is validate's with the same fleet: agent-7.16 alone has nothing to object to.
    expect(x.file).toMatchObject({ name: JULY, verdict: 'pass' });
    expect(x.consumers.map((k) => [k.profile, k.outcome])).toEqual([['agent-7.16', 'load']]);
  });

  it('works for another format (--schema) and reads stdin', () => {
    const r = runCli(['explain', '-', '--schema', 'schemas/sigpack-v1.yaml', '--format', 'json'], { input: readFileSync(join(ROOT, 'corpus/sigpack/story/2026-06-09-pack-0341.bin')) });
    expect(r.status).toBe(1);
    const x = JSON.parse(r.stdout) as FileExplanation;
    expect(x.consumers[0]).toMatchObject({ profile: 'scanner-2.3', outcome: 'crash', clause: 'dispatch.switch record.body', fault: { code: 'SIG_NO_HANDLER' } });
  });

  it('a folder, a missing file or a format without a model: one clear line', () => {
    const folder = runCli(['explain', 'corpus/ccf/story']);
    expect(folder.status).toBe(2);
    expect(stderrLines(folder)).toEqual([expect.stringContaining('is a folder; explain takes one file')]);
    const missing = runCli(['explain', 'corpus/nope.bin']);
    expect(missing.status).toBe(2);
    expect(stderrLines(missing)).toEqual([expect.stringContaining('no such file, and not a finding code')]);
    const dir = mkdtempSync(join(tmpdir(), 'explain-'));
    writeFileSync(join(dir, 'x.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    const png = runCli(['explain', join(dir, 'x.png'), '--schema', 'schemas/examples/png.yaml']);
    expect(png.status).toBe(0);
    expect(png.stderr).toContain('has no consumer model');
    expect(png.stdout).toContain('no consumer model for this format');
  });
});

describe('preflight explain CODE', () => {
  it('explains a built-in code, and a code a bundled model defines without naming its schema', () => {
    const r = runCli(['explain', 'OOB_INPUT_READ']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^OOB_INPUT_READ {2}error, consumer; built-in\n/);
    for (const h of ['What it means', 'Why it matters to a consumer', 'How to fix the content']) expect(r.stdout).toContain(h);
    const sig = runCli(['explain', 'sig_no_handler', '--format', 'json']);
    expect(sig.status).toBe(0);
    expect(JSON.parse(sig.stdout) as CodeExplanation & { format: string }).toMatchObject({ code: 'SIG_NO_HANDLER', origin: 'model', format: 'sigpack-v1' });
  });

  it('an unknown code exits 2 and lists the near ones', () => {
    const r = runCli(['explain', 'OOB_INPUT']);
    expect(r.status).toBe(2);
    expect(stderrLines(r)).toEqual([expect.stringMatching(/^preflight: OOB_INPUT is not a finding code .*did you mean OOB_INPUT_READ\?/)]);
  });
});

describe('explain --help', () => {
  it('documents the exit codes, and every example runs (exit 0 or 1)', () => {
    const help = runCli(['explain', '--help']).stdout;
    expect(help).toContain('Exit codes:');
    const examples = help.split('\n').filter((l) => l.trim().startsWith('$ preflight ')).map((l) => l.trim().slice('$ preflight '.length).replace(/#.*$/, '').trim());
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const e of examples) {
      const r = runCli(e.split(/\s+/));
      expect([0, 1], `${e}: ${r.stderr}`).toContain(r.status);
      expect(r.stdout.length, e).toBeGreaterThan(0);
    }
  });
});
