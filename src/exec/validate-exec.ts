import { readFileSync } from 'node:fs';
import { toFinding, type CodeCatalog, type Finding, type Issue } from '../findings/index.js';
import type { ConsumerReport, FileReport } from '../report/model.js';
import { describeResult, execCode, realOutcome, runnerFor } from './hits.js';
import type { ExecResult, ExecSetup } from './runner.js';

/**
 * `validate --exec`: each file that was validated also goes to the real consumer. Its outcome is
 * one more row of the file's consumers (named `exec.name`, population 0: it is not a fleet
 * member), a crash, hang or missing answer is a finding, and with --differential a different
 * outcome from the model's profile is EXEC_DISAGREE. The verdict is worked out again.
 */
export function withRealConsumer(files: readonly FileReport[], exec: ExecSetup, catalog: CodeCatalog): FileReport[] {
  return files.map((f) => {
    if (f.verdict === 'error') return f;
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(f.file);
    } catch (e) {
      return { ...f, verdict: 'error', error: `${f.file}: could not read it again for --exec: ${(e as Error).message}` };
    }
    return addResult(f, runnerFor(exec).run(bytes), exec, catalog);
  });
}

/**
 * Details of a result, as data: what the process did and what its sanitizer said (`summary` is the
 * one line of the message, `sanitizerSummary` the SUMMARY line as printed). The JSON and SARIF
 * reports carry them (src/report/exec-details.ts).
 */
export function resultDetails(r: ExecResult, exec: ExecSetup): Record<string, unknown> {
  const s = r.sanitizer;
  return {
    consumer: exec.name, outcome: r.outcome, summary: describeResult(r),
    ...(r.signal !== null ? { signal: r.signal } : {}),
    ...(r.exitCode !== null ? { exitCode: r.exitCode } : {}),
    ...(r.outcome === 'hang' ? { timeoutMs: exec.timeoutMs } : {}),
    ...(s !== undefined ? { tool: s.tool, kind: s.kind, ...(s.access ? { access: s.access, size: s.size } : {}), frames: s.frames.slice(0, 5), places: s.places.slice(0, 5), sanitizerSummary: s.summary } : {}),
  };
}

export function addResult(f: FileReport, r: ExecResult, exec: ExecSetup, catalog: CodeCatalog): FileReport {
  const issues: Issue[] = [];
  const code = execCode(r);
  const details = resultDetails(r, exec);
  if (code !== undefined) issues.push({ code, path: [], offset: -1, profile: exec.name, details });
  if (exec.differential !== undefined) {
    const model = f.consumers.find((c) => c.profile === exec.differential);
    const real = realOutcome(r);
    if (model !== undefined && model.outcome !== 'undecided' && model.outcome !== real) {
      issues.push({
        code: 'EXEC_DISAGREE', path: [], offset: -1, profile: exec.name,
        details: { profile: exec.differential, model: `${model.outcome}${model.fault ? ` (${model.fault.code})` : ''}`, real: real === 'crash' ? `crash: ${describeResult(r)}` : real, modelOutcome: model.outcome, realOutcome: real },
      });
    }
  }
  const added: Finding[] = issues.map((i) => toFinding(i, catalog));
  const row: ConsumerReport = {
    profile: exec.name, outcome: realOutcome(r), population: 0, real: true,
    fault: code === undefined ? null : { code, path: '(file)', offset: -1, message: added[0]!.message },
  };
  const findings = [...added, ...f.findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const totals = { ...f.totals };
  for (const a of added) totals[a.code] = (totals[a.code] ?? 0) + 1;
  const verdict = findings.some((x) => x.severity === 'error') ? 'fail' : f.verdict;
  return { ...f, verdict, findings, consumers: [...f.consumers, row], totals };
}
