import pc from 'picocolors';
import type { Finding } from '../findings/index.js';
import type { Outcome } from '../simulate/outcome.js';
import { blastRadius, type AffectedConsumers } from './blast-radius.js';
import { escapeControls, formatCount, formatLocation, formatShare, plural, wrap } from './format.js';
import { countBySeverity, groupFindings } from './group.js';
import type { ConsumerReport, FileReport, ValidationReport, Verdict } from './model.js';

/** CI logs and terminals alike stay readable at this width. */
const WIDTH = 100;
const MESSAGE_INDENT = ' '.repeat(6);

type Colors = ReturnType<typeof pc.createColors>;

const VERDICT_LABEL: Record<Verdict, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' };

/** Human-readable report: one block per file, then a one-line summary. */
export function renderText(report: ValidationReport, options: { color: boolean }): string {
  // createColors(false) rather than the default export: the caller decides, not the environment.
  const c = pc.createColors(options.color);
  const blocks = report.files.map((file) => renderFile(file, report, c));
  return [...blocks, renderSummary(report, c)].join('\n\n') + '\n';
}

function renderFile(file: FileReport, report: ValidationReport, c: Colors): string {
  const lines = [`${verdictLabel(file.verdict, c)} ${escapeControls(file.file)}`];
  const groups = groupFindings(file);
  if (file.findings.length === 0) lines.push('  no findings');
  if (groups.structure.length > 0) {
    lines.push(`  ${c.bold('structure')}`);
    for (const f of groups.structure) lines.push(...renderFinding(f, c));
  }
  for (const [profile, findings] of groups.byProfile) {
    if (findings.length === 0) continue;
    lines.push(`  ${c.bold(`consumer ${escapeControls(profile)}`)}`);
    for (const f of findings) lines.push(...renderFinding(f, c));
  }
  if (file.consumers.length > 0) {
    lines.push(`  ${c.bold('consumers')}`);
    lines.push(...renderConsumers(file.consumers, c));
    lines.push(...renderBlastRadius(file, report, c));
  }
  return lines.join('\n');
}

function renderFinding(f: Finding, c: Colors): string[] {
  const severity = f.severity === 'error' ? c.red('error  ') : c.yellow('warning');
  const head = `    ${severity}  ${c.bold(f.code)}  ${escapeControls(formatLocation(f.path, f.offset))}`;
  const body = wrap(escapeControls(f.message), WIDTH - MESSAGE_INDENT.length).map((l) => MESSAGE_INDENT + l);
  return [head, ...body];
}

function renderConsumers(consumers: readonly ConsumerReport[], c: Colors): string[] {
  const nameWidth = Math.max(...consumers.map((r) => escapeControls(r.profile).length));
  const popWidth = Math.max(...consumers.map((r) => formatCount(r.population).length));
  return consumers.map((r) => {
    const name = escapeControls(r.profile).padEnd(nameWidth);
    const outcome = colorOutcome(r.outcome, r.outcome.padEnd(6), c);
    const population = formatCount(r.population).padStart(popWidth);
    const fault = r.fault && r.outcome !== 'load' ? `  ${r.fault.code} at ${escapeControls(formatLocation(r.fault.path, r.fault.offset))}` : '';
    return `    ${name}  ${outcome}  ${population}${fault}`;
  });
}

function renderBlastRadius(file: FileReport, report: ValidationReport, c: Colors): string[] {
  const radius = blastRadius(file, report.fleet);
  const line = (outcome: 'crash' | 'reject', hit: AffectedConsumers): string => {
    const who = hit.profiles.map(escapeControls).join(', ');
    const share = `${formatCount(hit.population)} of ${plural(radius.total, 'endpoint')} (${formatShare(hit.population, radius.total)})`;
    return `  blast radius: ${colorOutcome(outcome, `${outcome} on ${who}`, c)} — ${share}`;
  };
  const lines: string[] = [];
  if (radius.crash.profiles.length > 0) lines.push(line('crash', radius.crash));
  if (radius.reject.profiles.length > 0) lines.push(line('reject', radius.reject));
  if (lines.length === 0) lines.push(`  blast radius: ${c.green('none')} — every consumer loads the file`);
  return lines;
}

function renderSummary(report: ValidationReport, c: Colors): string {
  const verdicts = { pass: 0, warn: 0, fail: 0 };
  for (const file of report.files) verdicts[file.verdict] += 1;
  const { errors, warnings } = countBySeverity(report.files.flatMap((f) => f.findings));
  const files = `${plural(report.files.length, 'file')}: ${c.green(`${verdicts.pass} pass`)}, ${c.yellow(`${verdicts.warn} warn`)}, ${c.red(`${verdicts.fail} fail`)}`;
  return `${c.bold('summary')} ${files}; ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

function verdictLabel(verdict: Verdict, c: Colors): string {
  const label = VERDICT_LABEL[verdict];
  const paint = verdict === 'pass' ? c.green : verdict === 'warn' ? c.yellow : c.red;
  return c.bold(paint(label));
}

function colorOutcome(outcome: Outcome, text: string, c: Colors): string {
  return outcome === 'crash' ? c.red(text) : outcome === 'reject' ? c.yellow(text) : c.green(text);
}
