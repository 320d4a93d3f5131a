import { applyBaseline, parseBaseline, todayUtc, writeBaseline, type Baseline, type BaselinedFileReport } from '../baseline/index.js';
import type { CodeCatalog } from '../findings/index.js';
import type { FileReport } from '../report/model.js';
import { boundValue } from './bound-text.js';
import { readText } from './io.js';
import { writeOutput } from './output.js';

/** Baselines are small text files: a tighter limit than content files. */
const MAX_BASELINE_SIZE = 64 * 1024 * 1024;

/** A baseline file; its entries may name the built-in codes and those of `codes` (the consumer model's). */
export function loadBaseline(file: string, codes?: CodeCatalog): Baseline {
  return parseBaseline(readText(file, MAX_BASELINE_SIZE), file, codes);
}

/**
 * Applies `--baseline` and says on stderr what it did: how many findings it accepted, which
 * entries expired (they no longer suppress anything), and how many matched nothing.
 */
export function gateWithBaseline(files: readonly FileReport[], baseline: Baseline, note: (line: string) => void, today = todayUtc()): readonly BaselinedFileReport[] {
  const outcome = applyBaseline(files, baseline, today);
  const accepted = outcome.files.reduce((n, f) => n + (f.baselined?.length ?? 0), 0);
  if (accepted > 0) note(`${boundValue(baseline.source)}: ${accepted} known finding(s) accepted by the baseline (reported as baselined; they do not fail the gate)`);
  for (const e of outcome.expired) {
    note(`${boundValue(baseline.source)}:${e.line}: the entry for ${e.code} at ${boundValue(e.path)}${e.file !== undefined ? ` in ${boundValue(e.file)}` : ''} expired on ${e.expires}; it no longer suppresses that finding`);
  }
  if (outcome.unused.length > 0) {
    note(`${boundValue(baseline.source)}: ${outcome.unused.length} entr${outcome.unused.length === 1 ? 'y' : 'ies'} matched no finding in this run (fixed, or the file changed), first at line ${outcome.unused[0]!.line}`);
  }
  return outcome.files;
}

/** `--write-baseline FILE`: JSON for a `.json` name, else YAML with a header that explains it. */
export function saveBaseline(file: string, files: readonly BaselinedFileReport[], note: (line: string) => void): void {
  const written = writeBaseline(files, /\.json$/i.test(file) ? 'json' : 'yaml');
  writeOutput(file, written.text);
  if (file === '-') return;
  note(`${boundValue(file)}: wrote ${written.entries} baseline entr${written.entries === 1 ? 'y' : 'ies'}; replace each placeholder reason before using it with --baseline`);
  if (written.leftOut > 0) {
    note(`${boundValue(file)}: ${written.leftOut} finding(s) left out by --max-findings-per-code are not in the baseline (raise the limit to list them)`);
  }
}
