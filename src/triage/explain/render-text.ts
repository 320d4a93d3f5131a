import pc from 'picocolors';
import type { Outcome } from '../../consumer/outcome.js';
import { escapeControls, formatCount, formatOffset, formatShare, plural } from '../../report/format.js';
import { clampWidth, fit } from '../../report/text-layout.js';
import type { ChainStep, ConsumerExplanation, FileExplanation, HazardExplanation } from './types.js';

type Colors = ReturnType<typeof pc.createColors>;

export interface RenderOptions {
  readonly color: boolean;
  /** Columns (default 80); long steps wrap. */
  readonly width?: number;
}

/**
 * `explain FILE` for a person: the file's verdict, then per consumer its outcome and population,
 * the fault, and the numbered chain with each step's path and offset. Every value from the file or
 * a profile is escaped (controls, bidi) and bounded before it is printed.
 */
export function renderExplanation(name: string, x: FileExplanation, options: RenderOptions): string {
  const c = pc.createColors(options.color);
  const width = clampWidth(options.width);
  const f = x.file;
  const verdict = f.verdict === 'pass' ? c.green('PASS') : f.verdict === 'warn' ? c.yellow('WARN') : c.red(f.verdict.toUpperCase());
  const lines = [
    c.bold(escapeControls(name, 200)),
    ...fit(`  ${escapeControls(f.format, 80)}, ${plural(f.size, 'byte')}: ${verdict} (${plural(f.errors, 'error')}, ${plural(f.warnings, 'warning')}; \`preflight validate\` lists them)`, width, 4),
  ];
  if (x.consumer === undefined) {
    lines.push('  no consumer model for this format: no consumers to explain');
    lines.push(...findingLines(f, width, c));
    return `${lines.join('\n')}\n`;
  }
  lines.push(...fit(`  consumer model ${escapeControls(x.consumer, 80)}, ${plural(x.consumers.length, 'profile')}: ${outcomeCounts(x.consumers)}`, width, 4));
  lines.push(...fit(`  blast radius: ${blastRadius(x.consumers)}`, width, 4));
  const nameWidth = Math.max(0, ...x.consumers.map((k) => escapeControls(k.profile, 40).length));
  for (const k of x.consumers) lines.push('', ...consumerLines(k, nameWidth, width, c));
  return `${lines.join('\n')}\n`;
}

const ORDER: readonly Outcome[] = ['crash', 'reject', 'undecided', 'load'];

function outcomeCounts(consumers: readonly ConsumerExplanation[]): string {
  const parts = ORDER.map((o) => {
    const n = consumers.filter((k) => k.outcome === o).length;
    return n === 0 ? '' : `${formatCount(n)} ${o}`;
  }).filter((p) => p !== '');
  return parts.length === 0 ? 'none' : parts.join(', ');
}

/** `crash on 8,500,000 of 9,700,000 endpoints (87.6%)`, per outcome other than load. */
function blastRadius(consumers: readonly ConsumerExplanation[]): string {
  const total = consumers.reduce((n, k) => n + k.population, 0);
  const parts = ORDER.filter((o) => o !== 'load').map((o) => {
    const hit = consumers.filter((k) => k.outcome === o);
    const n = hit.reduce((m, k) => m + k.population, 0);
    return hit.length === 0 ? '' : `${o} on ${formatCount(n)} of ${plural(total, 'endpoint')} (${formatShare(n, total)})`;
  }).filter((p) => p !== '');
  return parts.length === 0 ? 'none: every consumer loads the file' : parts.join('; ');
}

function consumerLines(k: ConsumerExplanation, nameWidth: number, width: number, c: Colors): string[] {
  const name = c.bold(escapeControls(k.profile, 40).padEnd(nameWidth));
  const lines = [`${name}  ${paint(k.outcome, k.outcome, c)}  ${plural(k.population, 'endpoint')}`];
  if (k.fault) {
    lines.push(...fit(`  ${c.bold(k.fault.code)} at ${escapeControls(k.fault.path, 200)} ${formatOffset(k.fault.offset)}`, width, 4));
    lines.push(...fit(`  ${escapeControls(k.fault.message, 400)}`, width, 4));
  }
  if (k.chain.length > 0) {
    lines.push(`  why${k.clause ? ` (model clause: ${escapeControls(k.clause, 80)})` : ''}:`);
    k.chain.forEach((s, i) => lines.push(...stepLines(`${i + 1}.`, s, width, c)));
  } else if (k.outcome === 'load') lines.push('  loads');
  for (const h of k.hazards) lines.push(...hazardLines(h, width, c));
  if (k.moreHazards > 0) lines.push(`  … and ${plural(k.moreHazards, 'more hazard')}`);
  return lines;
}

function stepLines(label: string, s: ChainStep, width: number, c: Colors): string[] {
  const pad = ' '.repeat(4 + label.length + 1);
  const out = fit(`    ${label} ${escapeControls(s.text, 600)}`, width, label.length + 1);
  if (s.path !== undefined || s.offset !== undefined) {
    const at = [s.path !== undefined ? escapeControls(s.path, 200) : '', s.offset !== undefined ? formatOffset(s.offset) : ''].filter((t) => t !== '').join(' ');
    out.push(...fit(`${pad}${c.dim(at)}`, width, 2));
  }
  return out;
}

function hazardLines(h: HazardExplanation, width: number, c: Colors): string[] {
  const lines = fit(`  ${c.yellow('hazard')} ${c.bold(h.code)} at ${escapeControls(h.path, 200)} ${formatOffset(h.offset)}`, width, 4);
  h.chain.forEach((s) => lines.push(...stepLines('-', s, width, c)));
  if (h.chain.length === 0) lines.push(...fit(`    ${escapeControls(h.message, 400)}`, width, 2));
  return lines;
}

function paint(outcome: Outcome, text: string, c: Colors): string {
  return outcome === 'crash' ? c.red(text) : outcome === 'reject' || outcome === 'undecided' ? c.yellow(text) : c.green(text);
}

/** The file's findings (a budget cut first, then errors), and how many are not shown. */
function findingLines(f: FileExplanation['file'], width: number, c: Colors): string[] {
  if (f.findings.length === 0) return [];
  const lines = ['', `  findings${f.notShown > 0 ? ` (the first ${formatCount(f.findings.length)}: budget cuts, then errors, then warnings)` : ''}:`];
  for (const g of f.findings) {
    const sev = g.code === 'DECODE_BUDGET' || g.severity === 'error' ? c.red(g.severity) : c.yellow(g.severity);
    lines.push(...fit(`    ${sev} ${c.bold(escapeControls(g.code, 80))} at ${escapeControls(g.path || '(file)', 200)} ${formatOffset(g.offset)}: ${escapeControls(g.message, 300)}`, width, 6));
  }
  if (f.notShown > 0) lines.push(`    ${plural(f.notShown, 'more finding')} not shown (\`preflight validate\` lists them)`);
  return lines;
}
