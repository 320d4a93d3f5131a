import { createHash } from 'node:crypto';
import type { FileReport } from '../report/model.js';
import { validateBytes, type ValidateOptions } from '../validate/index.js';
import { boundValue, oneLine } from './bound-text.js';
import { CliError } from './cli-error.js';
import { displayName, type InputEntry } from './io.js';
import type { FileProgress } from './progress.js';
import { ReadBuffer, readBounded } from './read-bounded.js';

export interface ValidateFilesOptions {
  readonly validate: ValidateOptions;
  readonly maxFileSize: number;
  readonly progress?: FileProgress;
}

/**
 * Validates every input on its own (contract C): a file that cannot be read, or whose
 * validation throws, becomes a report with verdict 'error' and one line saying why, and the
 * other files still get their reports.
 */
export function validateFiles(entries: readonly InputEntry[], options: ValidateFilesOptions): FileReport[] {
  const reports: FileReport[] = [];
  for (const [i, entry] of entries.entries()) {
    options.progress?.update(i, displayName(entry.file));
    reports.push(validateEntry(entry, options));
  }
  options.progress?.end();
  return reports;
}

/** Every file of this thread is read into this one buffer (the worker threads have their own). */
const readBuffer = new ReadBuffer();

/** One input's report (also run by the worker threads of validate-pool.ts). */
export function validateEntry(entry: InputEntry, options: Pick<ValidateFilesOptions, 'validate' | 'maxFileSize'>): FileReport {
  const name = displayName(entry.file);
  if (entry.error !== undefined) return errorReport(name, entry.error);
  let bytes: Uint8Array;
  try {
    bytes = readBounded(entry.file, options.maxFileSize, readBuffer);
  } catch (e) {
    if (e instanceof CliError) return errorReport(name, e.message);
    throw e;
  }
  try {
    const report = validateBytes(name, bytes, options.validate);
    // The next file is read into the same buffer: a report that kept a view of these bytes keeps the buffer.
    if (readBuffer.holds(bytes) && keepsBytes(report, bytes.buffer)) readBuffer.handOver();
    return report.sha256 !== undefined || options.validate.hash === false ? report : { ...report, sha256: createHash('sha256').update(bytes).digest('hex') };
  } catch (e) {
    // validateBytes promises never to throw on any bytes: if it does, it is a bug, and this file
    // alone pays for it.
    if (process.env.PREFLIGHT_DEBUG) process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    const why = e instanceof Error ? e.message : String(e);
    return errorReport(name, `internal error while validating ${boundValue(name)} (please report it): ${oneLine(why)}`);
  }
}

/**
 * Whether anything in the report (a finding's details, at any depth) is a view of `buffer`. Past
 * the depth or size looked at, it answers yes: handing the buffer over is always safe.
 */
export function keepsBytes(report: FileReport, buffer: ArrayBufferLike): boolean {
  let budget = 100_000;
  const seen = new Set<object>();
  const visit = (v: unknown, depth: number): boolean => {
    if (typeof v !== 'object' || v === null) return false;
    if (ArrayBuffer.isView(v)) return v.buffer === buffer;
    if (v === buffer) return true;
    if (--budget < 0 || depth > 32) return true;
    if (seen.has(v)) return false;
    seen.add(v);
    const values = v instanceof Map ? [...v.keys(), ...v.values()] : v instanceof Set ? [...v] : Object.values(v);
    return values.some((x) => visit(x, depth + 1));
  };
  return visit(report.findings, 0) || visit(report.consumers, 0);
}

export function errorReport(file: string, error: string): FileReport {
  return { file, verdict: 'error', findings: [], consumers: [], totals: {}, error: oneLine(error) };
}
