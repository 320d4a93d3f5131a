import type { Finding } from '../../findings/index.js';
import { escapeControls, formatCount, formatLocation } from '../../report/format.js';
import type { ConsumerReport } from '../../report/model.js';
import { nodeByPath, type FileView } from '../view/index.js';
import { ROW, type Span } from './hex-rows.js';
import { hexLines, type Colors } from './hex-text.js';

/** Lines of a finding's bytes shown under it. */
const FINDING_ROWS = 2;

/**
 * Each finding with its message and its bytes marked: the node at its path when that node holds
 * its offset, else the one byte at its offset (a finding about the file as a whole has none).
 */
export function findingLines(findings: readonly Finding[], view: FileView, bytes: Uint8Array, c: Colors, digits: number, max: number): string[] {
  if (findings.length === 0) return ['  no findings'];
  const lines: string[] = [];
  for (const f of findings.slice(0, max)) {
    const severity = f.severity === 'error' ? c.red('error  ') : c.yellow('warning');
    const on = f.profile !== undefined ? `  on ${escapeControls(f.profile, 80)}` : '';
    lines.push(`  ${severity}  ${c.bold(f.code)}  ${escapeControls(formatLocation(f.path, f.offset))}${on}`);
    lines.push(`      ${escapeControls(f.message, 400)}`);
    const mark = markOf(f, view);
    if (!mark) continue;
    const first = Math.floor(mark[0] / ROW) * ROW;
    const rows = [];
    for (let s = first; s < mark[1] && rows.length < FINDING_ROWS; s += ROW) rows.push({ start: s });
    lines.push(...hexLines(bytes, rows, { c, regions: view.regions, spans: [[0, bytes.length]], marked: mark, digits }).map((l) => `    ${l}`));
  }
  if (findings.length > max) lines.push(c.dim(`  … ${formatCount(findings.length - max)} more finding(s) not shown (--format json lists them all)`));
  return lines;
}

/** The bytes a finding is about, or undefined when its offset is not in the file. */
export function markOf(f: Finding, view: FileView): Span | undefined {
  if (f.offset < 0 || f.offset >= view.size) return undefined;
  const node = nodeByPath(view, f.path);
  if (node && node.size > 0 && node.innerOffset === undefined && node.offset <= f.offset && f.offset < node.offset + node.size) {
    return [node.offset, node.offset + node.size];
  }
  return [f.offset, f.offset + 1];
}

/** `agent-7.11  crash  8,500,000  OOB_INPUT_READ at instances[5].criteria[20] @ 358 (0x166)`. */
export function consumerLines(consumers: readonly ConsumerReport[], c: Colors): string[] {
  const width = Math.max(...consumers.map((x) => x.profile.length), 4);
  return consumers.map((x) => {
    const outcome = x.outcome === 'crash' ? c.red('crash ') : x.outcome === 'reject' ? c.yellow('reject') : c.green(x.outcome.padEnd(6));
    const fault = x.fault ? `  ${x.fault.code} at ${escapeControls(formatLocation(x.fault.path, x.fault.offset))}` : '';
    return `  ${escapeControls(x.profile, 80).padEnd(width)}  ${outcome}  ${formatCount(x.population).padStart(11)}${fault}`;
  });
}
