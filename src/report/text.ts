import pc from 'picocolors';
import type { Outcome } from '../consumer/outcome.js';
import { baselinedFault, baselinedOf, untilText } from './baselined.js';
import { blastRadius, realConsumers, type AffectedConsumers } from './blast-radius.js';
import { escapeControls, formatCount, formatLocation, formatShare, omittedSentence, plural } from './format.js';
import { groupFindings, groupRepeated, omittedCounts, severityTotals, type FindingEntry } from './group.js';
import type { ConsumerReport, FileReport, ValidationReport, Verdict } from './model.js';
import { clampWidth, fit, truncateStart, visibleLength, wrap } from './text-layout.js';

const MESSAGE_INDENT = ' '.repeat(6);

type Colors = ReturnType<typeof pc.createColors>;

export interface TextOptions {
  readonly color: boolean;
  /** Columns to fit (the terminal's, from the CLI); default 80, at least 40. */
  readonly width?: number;
}

interface Layout {
  readonly c: Colors;
  readonly width: number;
}

const VERDICT_LABEL: Record<Verdict, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', error: 'ERROR' };

/** Human-readable report: one block per file, then a one-line summary; every line fits `width`. */
export function renderText(report: ValidationReport, options: TextOptions): string {
  // createColors(false) rather than the default export: the caller decides, not the environment.
  const layout: Layout = { c: pc.createColors(options.color), width: clampWidth(options.width) };
  const blocks = report.files.map((file) => renderFile(file, report, layout));
  return [...blocks, fit(renderSummary(report, layout.c), layout.width, 8).join('\n')].join('\n\n') + '\n';
}

function renderFile(file: FileReport, report: ValidationReport, layout: Layout): string {
  const { c, width } = layout;
  const label = VERDICT_LABEL[file.verdict];
  const name = truncateStart(escapeControls(file.file), width - label.length - 1);
  if (file.verdict === 'error') {
    // Contract C: one line, which names the file.
    // Contract C: the error names the file; say it once.
    const error = file.error ?? `${file.file}: the file could not be validated`;
    const line = error.includes(file.file) ? escapeControls(error) : `${name}: ${escapeControls(error)}`;
    return fit(`${verdictLabel(file.verdict, c)} ${line}`, width, 6).join('\n');
  }
  const lines = [`${verdictLabel(file.verdict, c)} ${name}`];
  const groups = groupFindings(file);
  const accepted = baselinedOf(file);
  if (file.findings.length === 0 && omittedCounts(file).length === 0) lines.push(accepted.length > 0 ? '  no new findings' : '  no findings');
  if (groups.structure.length > 0) {
    lines.push(`  ${c.bold('structure')}`);
    for (const entry of groupRepeated(groups.structure)) lines.push(...renderEntry(entry, layout));
  }
  const perConsumer = [...groups.byProfile.values()].flat();
  if (perConsumer.length > 0) {
    lines.push(`  ${c.bold('consumer findings')}`);
    for (const entry of groupRepeated(perConsumer)) lines.push(...renderEntry(entry, layout));
  }
  for (const [code, n] of omittedCounts(file)) lines.push(...fit(`  ${omittedSentence(code, n, file.totals?.[code])}`, width, 4));
  if (accepted.length > 0) lines.push(...renderBaselined(file, layout));
  if (file.consumers.length > 0) {
    lines.push(`  ${c.bold('consumers')}`);
    lines.push(...renderConsumers(file, layout));
    lines.push(...renderBlastRadius(file, report, layout));
  }
  return lines.join('\n');
}

/** Places named after a grouped entry's first; the rest are counted. */
const MAX_ALSO = 4;

function renderEntry({ finding: f, profiles, alsoAt, sameMessage }: FindingEntry, { c, width }: Layout): string[] {
  const severity = f.severity === 'error' ? c.red('error  ') : c.yellow('warning');
  const head = fit(`    ${severity}  ${c.bold(f.code)}  ${escapeControls(formatLocation(f.path, f.offset))}`, width, 9);
  const bodyWidth = width - MESSAGE_INDENT.length;
  const body = wrap(escapeControls(f.message), bodyWidth).map((l) => MESSAGE_INDENT + l);
  const on = profiles.length === 0 ? [] : wrap(`on ${profiles.map((p) => escapeControls(p, 80)).join(', ')}`, bodyWidth).map((l) => MESSAGE_INDENT + l);
  const places = alsoAt.slice(0, MAX_ALSO).map((a) => escapeControls(a.path));
  const more = alsoAt.length > MAX_ALSO ? ` and ${formatCount(alsoAt.length - MAX_ALSO)} more` : '';
  // "also at": the very same message there; "likewise at": the same with other numbers.
  const lead = sameMessage ? 'also at' : 'likewise at';
  const also = alsoAt.length === 0 ? [] : wrap(`${lead} ${places.join(', ')}${more}`, bodyWidth).map((l) => MESSAGE_INDENT + l);
  return [...head, ...body, ...on, ...also];
}

/** Accepted findings named one by one; the rest of them are counted. */
const MAX_BASELINED = 3;

/**
 * What the baseline accepted: a count, then the first few with their reasons, so a reader sees
 * what is known and why without the list drowning the new findings.
 */
function renderBaselined(file: FileReport, { c, width }: Layout): string[] {
  const accepted = baselinedOf(file);
  const lines = fit(`  ${c.bold('baselined')}: ${plural(accepted.length, 'known finding')}, not counted by the gate`, width, 4);
  const bodyWidth = width - MESSAGE_INDENT.length;
  for (const entry of accepted.slice(0, MAX_BASELINED)) {
    const f = entry.finding;
    lines.push(...fit(`    ${c.dim(f.severity === 'error' ? 'error  ' : 'warning')}  ${f.code}  ${escapeControls(formatLocation(f.path, f.offset))}`, width, 9));
    const on = f.profile !== undefined ? wrap(`on ${escapeControls(f.profile, 80)}`, bodyWidth) : [];
    const why = wrap(`reason: ${escapeControls(entry.reason)}${untilText(entry)}`, bodyWidth);
    lines.push(...[...on, ...why].map((l) => MESSAGE_INDENT + l));
  }
  if (accepted.length > MAX_BASELINED) lines.push(...fit(`    … and ${plural(accepted.length - MAX_BASELINED, 'more baselined finding')}`, width, 4));
  return lines;
}

function renderConsumers(file: FileReport, { c, width }: Layout): string[] {
  const consumers = file.consumers;
  const names = consumers.map((r) => escapeControls(r.profile, 40));
  const nameWidth = Math.max(...names.map((n) => n.length));
  // The real consumer (--exec) has no population: it is the binary under test, not a deployed version.
  const populations = consumers.map((r) => (r.real === true ? 'real' : formatCount(r.population)));
  const popWidth = Math.max(...populations.map((p) => p.length));
  return consumers.flatMap((r, i) => {
    const name = names[i]!.padEnd(nameWidth);
    const outcome = colorOutcome(r.outcome, r.outcome.padEnd(consumers.some((x) => x.outcome === 'undecided') ? 9 : 6), c);
    const population = populations[i]!.padStart(popWidth);
    const row = `    ${name}  ${outcome}  ${population}`;
    if (!r.fault || r.outcome === 'load') return fit(row, width, 4);
    // A fault the baseline accepted is known: marked, so the row does not read as a new crash.
    const known = baselinedFault(file, r) !== undefined ? ' (baselined)' : '';
    const fault = `${r.fault.code} at ${escapeControls(formatLocation(r.fault.path, r.fault.offset))}${known}`;
    // The fault goes on its own line, indented, when it does not fit beside the row.
    const oneLine = `${row}  ${fault}`;
    return visibleLength(oneLine) <= width ? [oneLine] : [...fit(row, width, 4), ...fit(`      ${fault}`, width, 2)];
  });
}

function renderBlastRadius(file: FileReport, report: ValidationReport, { c, width }: Layout): string[] {
  const radius = blastRadius(file, report.fleet);
  const line = (outcome: 'crash' | 'reject', hit: AffectedConsumers): string => {
    const who = hit.profiles.map((p) => escapeControls(p, 80)).join(', ');
    const share = `${formatCount(hit.population)} of ${plural(radius.total, 'endpoint')} (${formatShare(hit.population, radius.total)})`;
    return `  blast radius: ${colorOutcome(outcome, outcome, c)} on ${who} — ${share}`;
  };
  const lines: string[] = [];
  if (radius.crash.profiles.length > 0) lines.push(line('crash', radius.crash));
  if (radius.reject.profiles.length > 0) lines.push(line('reject', radius.reject));
  if (radius.undecided.profiles.length > 0) {
    const who = radius.undecided.profiles.map((p) => escapeControls(p, 80)).join(', ');
    lines.push(`  blast radius: ${colorOutcome('undecided', 'undecided', c)} on ${who} — a work budget cut the run short`);
  }
  const real = realConsumers(file);
  const fleetOnly = real.some((r) => r.outcome !== 'load') ? 'every deployed version loads the file' : 'every consumer loads the file';
  if (lines.length === 0) lines.push(`  blast radius: ${c.green('none')} — ${fleetOnly}`);
  // The binary run by --exec: beside the blast radius, never in it (it has no endpoints).
  for (const r of real) lines.push(`  real consumer: ${escapeControls(r.profile, 80)} ${colorOutcome(r.outcome, r.outcome, c)} (--exec; not a deployed version, not counted above)`);
  return lines.flatMap((l) => fit(l, width, 4));
}

function renderSummary(report: ValidationReport, c: Colors): string {
  const verdicts: Record<Verdict, number> = { pass: 0, warn: 0, fail: 0, error: 0 };
  let errors = 0;
  let warnings = 0;
  let baselined = 0;
  for (const file of report.files) {
    verdicts[file.verdict] += 1;
    baselined += baselinedOf(file).length;
    const totals = severityTotals(file);
    errors += totals.errors;
    warnings += totals.warnings;
  }
  const notValidated = verdicts.error > 0 ? `, ${c.red(`${formatCount(verdicts.error)} could not be validated`)}` : '';
  const files = `${plural(report.files.length, 'file')}: ${c.green(`${formatCount(verdicts.pass)} pass`)}, ${c.yellow(`${formatCount(verdicts.warn)} warn`)}, ${c.red(`${formatCount(verdicts.fail)} fail`)}${notValidated}`;
  const known = baselined > 0 ? `; ${formatCount(baselined)} baselined` : '';
  return `${c.bold('summary')} ${files}; ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${known}`;
}

function verdictLabel(verdict: Verdict, c: Colors): string {
  const label = VERDICT_LABEL[verdict];
  const paint = verdict === 'pass' ? c.green : verdict === 'warn' ? c.yellow : c.red;
  return c.bold(paint(label));
}

function colorOutcome(outcome: Outcome, text: string, c: Colors): string {
  return outcome === 'crash' ? c.red(text) : outcome === 'reject' || outcome === 'undecided' ? c.yellow(text) : c.green(text);
}
