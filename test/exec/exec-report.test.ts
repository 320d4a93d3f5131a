import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExecRunner, type ExecSetup } from '../../src/exec/runner.js';
import { addResult } from '../../src/exec/validate-exec.js';
import { blastRadius, renderReport, runBlastRadius, type FileReport, type JsonReport, type ValidationReport } from '../../src/report/index.js';
import { runCli } from '../cli/run-cli.js';
import { buildConsumers, CCF, ROOT } from './build.js';

beforeAll(buildConsumers, 180_000);

const P = 'profiles/default/agent-7.11.yaml';
const JULY = 'corpus/ccf/story/2024-07-19-0409-channel-291.bin';
const FLEET = [
  { name: 'agent-7.11', population: 8_500_000, source: P },
  { name: 'agent-7.16', population: 1_200_000, source: 'profiles/default/agent-7.16.yaml' },
];

/** The July file's report as validate gives it, with the real CCF consumer's result added (--exec). */
function julyWithRealConsumer(): ValidationReport {
  const exec: ExecSetup = { argv: [CCF, join(ROOT, P), '@@'], persistent: false, timeoutMs: 20_000, name: 'exec' };
  const runner = new ExecRunner(exec);
  const r = runner.run(readFileSync(join(ROOT, JULY)));
  runner.close();
  const file: FileReport = {
    file: JULY, verdict: 'fail', findings: [], totals: {},
    consumers: [
      { profile: 'agent-7.11', outcome: 'crash', population: 8_500_000, fault: { code: 'OOB_INPUT_READ', path: 'instances[5].criteria[20]', offset: 358, message: 'reads inputs[20]' } },
      { profile: 'agent-7.16', outcome: 'load', population: 1_200_000, fault: null },
    ],
  };
  const withReal = addResult(file, r, exec, new Map());
  return { tool: { name: 'preflight', version: '0.0.0' }, schema: { name: 'ccf', source: 'schemas/ccf-v1.yaml' }, fleet: FLEET, files: [withReal] };
}

describe("the real consumer's sanitizer report in the JSON and SARIF reports", () => {
  it('EXEC_CRASH carries the fault kind, access, first frames and SUMMARY line as data; the text keeps the SUMMARY line', () => {
    const report = julyWithRealConsumer();
    const json = JSON.parse(renderReport(report, 'json', { color: false })) as JsonReport;
    const crash = json.files[0]!.findings.find((f) => f.code === 'EXEC_CRASH')!;
    expect(crash.exec).toMatchObject({ consumer: 'exec', outcome: 'crash', tool: 'AddressSanitizer', kind: 'heap-buffer-overflow', access: 'READ', size: 8 });
    expect(crash.exec!.frames!.slice(0, 2)).toEqual(['evaluate_instance', 'consume']);
    expect(crash.exec!.places![0]).toMatch(/^ccf_consumer\.c:\d+(:\d+)?$/); // file:line, with the column when preflight symbolises
    expect(crash.exec!.summary).toMatch(/^SUMMARY: AddressSanitizer: heap-buffer-overflow \S*ccf_consumer\.c:\d+(?::\d+)? in evaluate_instance$/);
    // Findings of other codes get no exec key.
    expect(json.files[0]!.findings.filter((f) => f.exec !== undefined).map((f) => f.code)).toEqual(['EXEC_CRASH']);

    const text = renderReport(report, 'text', { color: false, width: 200 });
    expect(text).toMatch(/EXEC_CRASH[^\n]*\n\s+the real consumer crashed: SUMMARY: AddressSanitizer: heap-buffer-overflow \S*ccf_consumer\.c:\d+(?::\d+)? in evaluate_instance \(READ of size 8\)/);

    const sarif = JSON.parse(renderReport(report, 'sarif', { color: false })) as { runs: { results: { ruleId: string; properties?: Record<string, unknown> }[] }[] };
    const result = sarif.runs[0]!.results.find((x) => x.ruleId === 'EXEC_CRASH')!;
    expect(result.properties).toMatchObject({ profile: 'exec', exec: { kind: 'heap-buffer-overflow', access: 'READ', size: 8, frames: expect.arrayContaining(['evaluate_instance']) } });
  }, 60_000);

  it('bounds and escapes what the consumer wrote, and gives a signal or exit code without a sanitizer', () => {
    const exec: ExecSetup = { argv: ['x'], persistent: false, timeoutMs: 1000, name: 'exec' };
    const file: FileReport = { file: 'a.bin', verdict: 'pass', findings: [], totals: {}, consumers: [] };
    const hostile = { outcome: 'crash' as const, exitCode: 1, signal: null, stderr: '', ms: 1, sanitizer: { tool: 'AddressSanitizer', kind: 'SEGV', frames: [`f\u001b[31m${'x'.repeat(5000)}`], places: [], summary: `SUMMARY: AddressSanitizer: SEGV \u202e${'y'.repeat(5000)}` } };
    const signal = { outcome: 'crash' as const, exitCode: null, signal: 'SIGSEGV', stderr: '', ms: 1 };
    const files = [addResult(file, hostile, exec, new Map()), addResult({ ...file, file: 'b.bin' }, signal, exec, new Map())];
    const json = JSON.parse(renderReport({ tool: { name: 'preflight', version: '0' }, schema: { name: 'x', source: 'x' }, fleet: [], files }, 'json', { color: false })) as JsonReport;
    const a = json.files[0]!.findings[0]!.exec!;
    expect(a.summary.length).toBeLessThan(500);
    expect(a.summary).toContain('\\u202e');
    expect(a.frames![0]).toContain('\\x1b');
    expect(a.frames![0]!.length).toBeLessThan(500);
    expect(json.files[1]!.findings[0]!.exec).toEqual({ consumer: 'exec', outcome: 'crash', summary: 'killed by SIGSEGV', signal: 'SIGSEGV' });
  });
});

describe('the blast radius leaves the real consumer out', () => {
  it('counts only deployed versions, and shows the real consumer on a line of its own', () => {
    const report = julyWithRealConsumer();
    const file = report.files[0]!;
    expect(file.consumers.map((c) => [c.profile, c.outcome, c.real === true])).toEqual([['agent-7.11', 'crash', false], ['agent-7.16', 'load', false], ['exec', 'crash', true]]);
    const radius = blastRadius(file, report.fleet);
    expect(radius.crash).toEqual({ profiles: ['agent-7.11'], population: 8_500_000 });
    expect(radius.total).toBe(9_700_000);
    expect(runBlastRadius(report).crash.profiles).toEqual(['agent-7.11']);

    const text = renderReport(report, 'text', { color: false, width: 120 });
    expect(text).toContain('blast radius: crash on agent-7.11 — 8,500,000 of 9,700,000 endpoints (87.6%)');
    expect(text).toContain('real consumer: exec crash (--exec; not a deployed version, not counted above)');
    expect(text).toMatch(/\n {4}exec +crash +real +EXEC_CRASH/);

    const json = JSON.parse(renderReport(report, 'json', { color: false })) as JsonReport;
    expect(json.files[0]!.blastRadius.crash).toEqual({ profiles: ['agent-7.11'], population: 8_500_000 });
    expect(json.summary.blastRadius.crash.profiles).toEqual(['agent-7.11']);
    expect(json.files[0]!.consumers.find((c) => c.profile === 'exec')).toMatchObject({ outcome: 'crash', population: 0, real: true });
    expect(json.files[0]!.consumers.filter((c) => c.real === true)).toHaveLength(1);
  }, 60_000);

  it('JUnit names the real consumer as such, with no population, and fails it on its crash', () => {
    const junit = renderReport(julyWithRealConsumer(), 'junit', { color: false });
    const cases = [...junit.matchAll(/<testcase classname="[^"]*" name="([^"]*)"/g)].map((m) => m[1]);
    expect(cases).toEqual(['structure', 'consumer:agent-7.11', 'consumer:agent-7.16', 'real consumer:exec']);
    const real = /<testcase [^>]*name="real consumer:exec">([\s\S]*?)<\/testcase>/.exec(junit)![1]!;
    expect(real).toMatch(/<failure message="crash: EXEC_CRASH[^"]*" type="EXEC_CRASH">/);
    expect(real).toContain('<system-out>outcome: crash, real consumer (--exec; not a deployed version, no population)');
    expect(real).not.toContain('population: 0');
    expect(junit).toContain('outcome: crash, population: 8,500,000');
  }, 60_000);

  it('a file only the real consumer crashes: no deployed version is hit, and the text does not say every consumer loads it', () => {
    const report = julyWithRealConsumer();
    const only = { ...report, files: report.files.map((f) => ({ ...f, consumers: f.consumers.map((c) => (c.real === true ? c : { ...c, outcome: 'load' as const, fault: null })) })) };
    const radius = blastRadius(only.files[0]!, only.fleet);
    expect(radius.crash.profiles).toEqual([]);
    const text = renderReport(only, 'text', { color: false, width: 120 });
    expect(text).toContain('blast radius: none — every deployed version loads the file');
    expect(text).toContain('real consumer: exec crash');
  }, 60_000);

  it('validate --exec, end to end: the real consumer is not in the blast radius line', () => {
    const r = runCli(['validate', '--profile', P, '--exec', `${CCF} ${P} @@`, JULY, '--no-color']);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toContain('blast radius: crash on agent-7.11 — 8,500,000 of 8,500,000 endpoints');
    expect(r.stdout).not.toMatch(/blast radius: crash on [^\n]*exec/);
    expect(r.stdout).toContain('real consumer: exec crash');
  }, 120_000);
});
