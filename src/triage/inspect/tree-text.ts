import { escapeControls, formatCount } from '../../report/format.js';
import type { ViewNode } from '../view/index.js';
import { hexOffset, type Colors } from './hex-text.js';
import type { TreeRow } from './tree-rows.js';

/** What to say after a node: the codes of the findings at it. */
export type Marks = ReadonlyMap<string, readonly string[]>;

/**
 * `0x0166       7        [20]  criterion  ◀ OOB_INPUT_READ`: offset, size, the name indented
 * by depth (below `baseDepth`), type, value, meaning, and notes (partial, placed by a pointer).
 */
export function treeLines(rows: readonly TreeRow[], baseDepth: number, marks: Marks, c: Colors, digits: number): string[] {
  const sizeWidth = Math.max(4, ...rows.map((r) => ('node' in r ? formatCount(r.node.size).length : 0)));
  const head = c.dim(`  ${'offset'.padEnd(digits + 2)} ${'size'.padStart(sizeWidth)}  field`);
  const lines = [head];
  for (const row of rows) {
    if ('elided' in row) {
      const indent = '  '.repeat(row.depth - baseDepth);
      const what = row.of === 'elements' ? `${formatCount(row.elided)} more element(s) not shown` : `${formatCount(row.elided)} more node(s) not shown (--max-nodes, or --path for one subtree)`;
      lines.push(c.dim(`  ${' '.repeat(digits + 2)} ${' '.repeat(sizeWidth)}  ${indent}… ${what}`));
      continue;
    }
    const n = row.node;
    const indent = '  '.repeat(n.depth - baseDepth);
    const name = n.depth === 0 ? '(file)' : n.name;
    const codes = marks.get(n.path);
    const mark = codes ? `  ${c.red(`◀ ${codes.slice(0, 3).join(', ')}${codes.length > 3 ? ` +${codes.length - 3}` : ''}`)}` : '';
    lines.push(`  ${hexOffset(n.offset, digits)} ${formatCount(n.size).padStart(sizeWidth)}  ${indent}${c.bold(escapeControls(name))}${describe(n, c)}${mark}`);
  }
  return lines;
}

/** Type, value and meaning after a node's name. */
export function describe(n: ViewNode, c: Colors): string {
  const parts: string[] = [];
  if (n.type !== undefined && n.kind !== 'array') parts.push(c.dim(escapeControls(n.type)));
  // A string's bytes are its text: the decoded text (its meaning) says it better than their hex.
  if (n.value !== undefined && !(n.kind === 'str' && n.meaning !== undefined)) parts.push(intWithHex(n));
  if (n.meaning !== undefined) parts.push(c.cyan(escapeControls(n.meaning, 200)));
  if (n.partial) parts.push(c.yellow('(partial: reading stopped inside)'));
  if (n.scattered) parts.push(c.dim('(elements placed by pointers)'));
  if (n.placedBy !== undefined && !(n.meaning ?? '').includes(n.placedBy)) parts.push(c.dim(`← ${escapeControls(n.placedBy)}`));
  if (n.innerOffset !== undefined) parts.push(c.dim(`(decompressed, at ${n.innerOffset} inside)`));
  return parts.length ? `  ${parts.join('  ')}` : '';
}

/** `365 (0x16d)` for an integer of two digits or more; any other value as it is. */
function intWithHex(n: ViewNode): string {
  const v = n.value!;
  if ((n.kind === 'int' || n.kind === 'bits') && /^\d{2,}$/.test(v)) return `${v} (0x${BigInt(v).toString(16)})`;
  return escapeControls(v, 200);
}
