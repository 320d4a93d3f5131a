/**
 * `preflight validate ...` as one whole process, as a CI job runs it: the bin itself
 * (package.json's, run as a program, so with the V8 flags its first lines give node), with the JSON
 * report written beside it so the bench can check what validate did: every file reported, and
 * which were cut short by a budget (DECODE_BUDGET) or could not be validated (verdict error).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { timedProgram, type TimedRun } from './timed-run.js';

export interface ValidateRun extends TimedRun {
  readonly files: number;
  readonly budgetCut: number;
  readonly errors: number;
  /** Codes found, with the number of files that have each. */
  readonly codes: ReadonlyMap<string, number>;
}

interface JsonReport {
  readonly files: ReadonlyArray<{ readonly verdict: string; readonly findings: ReadonlyArray<{ readonly code: string }>; readonly totals?: Record<string, number> }>;
}

/** Budgets raised so a large trusted file is validated whole (the series measures all of the work). */
export const NO_BUDGETS = ['--node-budget', '4000000000', '--time-budget', '86400000', '--max-file-size', '1GiB'];

/** The checkout's bin (package.json), the program `preflight` is to a user. */
export function binOf(root: string): string {
  const bin = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin?: Record<string, string> }).bin?.['preflight'];
  return join(root, bin ?? 'dist/cli/main.js');
}

/**
 * With `json` false, only the text report (to /dev/null): the run a CI gate makes by default,
 * which has no use for each file's sha256; files, budgetCut and errors are then unknown (NaN).
 */
export function validateRun(root: string, inputs: readonly string[], extra: readonly string[] = [], json = true): ValidateRun {
  const dir = mkdtempSync(join(tmpdir(), 'preflight-validate-'));
  const jsonFile = join(dir, 'report.json');
  try {
    const run = timedProgram(binOf(root), ['validate', ...inputs, '--no-progress', ...(json ? ['--json', jsonFile] : []), ...extra], root);
    if (!json) return { ...run, files: NaN, budgetCut: NaN, errors: NaN, codes: new Map() };
    let report: JsonReport = { files: [] };
    try {
      report = JSON.parse(readFileSync(jsonFile, 'utf8')) as JsonReport;
    } catch {
      // no report: the process died (run.failure says how)
    }
    const codes = new Map<string, number>();
    for (const f of report.files) {
      for (const c of new Set([...f.findings.map((x) => x.code), ...Object.keys(f.totals ?? {})])) codes.set(c, (codes.get(c) ?? 0) + 1);
    }
    return {
      ...run,
      files: report.files.length,
      budgetCut: codes.get('DECODE_BUDGET') ?? 0,
      errors: report.files.filter((f) => f.verdict === 'error').length,
      codes,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
