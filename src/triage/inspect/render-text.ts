import pc from 'picocolors';
import { findingsShown } from './findings-shown.js';
import type { Finding } from '../../findings/index.js';
import { escapeControls, formatCount, formatLocation } from '../../report/format.js';
import { nodeByPath, type FileView, type ViewNode } from '../view/index.js';
import { consumerLines, findingLines } from './findings-text.js';
import { hexRows, ROW, type Span } from './hex-rows.js';
import { hexLines, offsetDigits, type Colors } from './hex-text.js';
import { subtreeSpans } from './subtree.js';
import { treeLines, type Marks } from './tree-text.js';
import { treeRows } from './tree-rows.js';
import type { ByteInfo, Inspection, ShowLimits } from './types.js';

/**
 * The text of `inspect`: a head line (format, size, verdict, where reading stopped), then the
 * field tree, the hex dump coloured by region, the findings marked at their bytes and the
 * consumers. With --path, one subtree and its bytes; with --at, the byte's chain of fields.
 */
export function renderInspectText(ins: Inspection, limits: ShowLimits, color: boolean): string {
  const c = pc.createColors(color);
  const { view, bytes, report } = ins;
  const digits = offsetDigits(view.size);
  const findings = findingsShown(ins);
  const out = [...headLines(ins, c)];
  if (ins.at) out.push('', c.bold(`byte ${ins.at.offset} (0x${ins.at.offset.toString(16)}) = 0x${ins.at.byte.toString(16).padStart(2, '0')}`), ...atLines(ins.at, view, bytes, c, digits));
  else {
    const top = ins.subtree ?? view.nodes[0]!;
    const forced = forcedNodes(view, top, findings);
    out.push('', c.bold(ins.subtree ? `field tree of ${ins.subtree.path}` : 'field tree'));
    out.push(...treeLines(treeRows(view, top, forced, limits.maxNodes), top.depth, marksOf(findings), c, digits));
    const spans: Span[] = ins.subtree ? subtreeSpans(view, ins.subtree) : [[0, view.size]];
    const focus = [...findings.map((f) => f.offset), ...(view.stopped ? [view.stopped.offset] : [])].filter((o) => o >= 0);
    out.push('', c.bold(ins.subtree ? `hex dump of ${ins.subtree.path}` : 'hex dump') + c.dim(`  (regions: ${regionLegend(view, c)})`));
    out.push(...(spans.length ? hexLines(bytes, hexRows(spans, focus, limits.maxBytes), { c, regions: view.regions, spans, digits }) : ['  (no bytes in the file)']));
  }
  out.push('', c.bold(ins.subtree || ins.at ? 'findings here' : 'findings'), ...findingLines(findings, view, bytes, c, digits, limits.maxFindings));
  if (report.consumers.length > 0) out.push('', c.bold('consumers'), ...consumerLines(report.consumers, c));
  return out.join('\n') + '\n';
}

function headLines(ins: Inspection, c: Colors): string[] {
  const { view, report } = ins;
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const verdict = report.verdict === 'fail' ? c.red('FAIL') : report.verdict === 'warn' ? c.yellow('WARN') : c.green(report.verdict.toUpperCase());
  const lines = [`${c.bold(escapeControls(ins.file))}: ${escapeControls(view.format)}, ${formatCount(view.size)} bytes, ${verdict} (${errors} error(s), ${report.findings.length - errors} warning(s))`];
  const kept = `${formatCount(view.nodes.length)} nodes${view.truncatedNodes > 0 ? ` (${formatCount(view.truncatedNodes)} more not kept)` : ''}`;
  if (!view.stopped) lines.push(`read completely: ${kept}`);
  else lines.push(c.yellow(`reading stopped at ${escapeControls(formatLocation(view.stopped.path || '(file)', view.stopped.offset))}: ${escapeControls(view.stopped.reason, 400)}`), `read before it stopped: ${kept}`);
  if (view.truncatedNodes > 0) lines.push(c.yellow(truncationNote(view)));
  return lines;
}

function atLines(at: ByteInfo, view: FileView, bytes: Uint8Array, c: Colors, digits: number): string[] {
  const lines: string[] = [];
  const name = (n: ViewNode | undefined) => (n ? escapeControls(n.path || '(file)') : '—');
  if (at.field) lines.push(`  field    ${name(at.field)}`);
  else {
    const b = at.between;
    lines.push(`  field    none: no field covers this byte${b?.before ? `; after ${name(b.before)}` : ''}${b?.after ? `, before ${name(b.after)}` : ''}`);
  }
  lines.push(`  record   ${name(at.record)}`, `  element  ${name(at.element)}`);
  lines.push(...treeLines(at.chain.map((node) => ({ node })), 0, new Map(), c, digits));
  if (at.alsoIn.length) lines.push(`  also inside ${at.alsoIn.slice(0, 8).map((n) => escapeControls(n.path)).join(', ')}`);
  const mark: Span = at.field ? [at.field.offset, at.field.offset + at.field.size] : [at.offset, at.offset + 1];
  const row = Math.floor(at.offset / ROW) * ROW;
  const rows = [row - ROW, row, row + ROW].filter((s) => s >= 0 && s < view.size).map((start) => ({ start }));
  lines.push(...hexLines(bytes, rows, { c, regions: view.regions, spans: [[0, view.size]], marked: clip(mark, row - ROW, row + 2 * ROW), digits }));
  return lines;
}

const clip = (s: Span, lo: number, hi: number): Span => [Math.max(s[0], lo), Math.min(s[1], hi)];

/** Where findings and the stop are, and every ancestor: always shown in the tree. */
function forcedNodes(view: FileView, top: ViewNode, findings: readonly Finding[]): Set<number> {
  const out = new Set<number>();
  const paths = [...findings.map((f) => f.path), ...(view.stopped ? [view.stopped.path] : [])];
  for (const p of paths.slice(0, 200)) {
    let node = nodeByPath(view, p);
    for (let prefix = p; !node && prefix !== ''; ) {
      prefix = prefix.replace(/(\[\d*\]|\.?[^.[\]]*)$/, '');
      node = nodeByPath(view, prefix);
    }
    for (let n = node; n && n.depth > top.depth; n = view.nodes[n.parent]) out.add(n.id);
  }
  return out;
}

function marksOf(findings: readonly Finding[]): Marks {
  const marks = new Map<string, string[]>();
  for (const f of findings) {
    const list = marks.get(f.path) ?? [];
    if (!list.includes(f.code)) list.push(f.code);
    marks.set(f.path, list);
  }
  return marks;
}

function regionLegend(view: FileView, c: Colors): string {
  const seen = new Map<string, number>();
  for (const r of view.regions) if (!seen.has(r.name)) seen.set(r.name, r.index);
  const palette = ['cyan', 'yellow', 'green', 'magenta', 'blue', 'white'] as const;
  return [...seen].map(([name, i]) => c[palette[i % palette.length]!](escapeControls(name))).join(', ') || 'none';
}

/** The tree's bound, said where a person looks first: which fields are missing from it, and why. */
export function truncationNote(view: FileView): string {
  return `tree truncated at ${formatCount(view.nodes.length)} fields: ${formatCount(view.truncatedNodes)} more (elements of long arrays and what they hold) are counted, not kept, to bound memory`;
}
