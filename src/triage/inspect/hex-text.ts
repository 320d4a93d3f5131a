import type pc from 'picocolors';
import { formatCount } from '../../report/format.js';
import type { Region } from '../view/index.js';
import { ROW, type HexRow, type Span } from './hex-rows.js';

export type Colors = ReturnType<typeof pc.createColors>;

/** Region colours by slot (red is kept for findings). */
const PALETTE = ['cyan', 'yellow', 'green', 'magenta', 'blue', 'white'] as const;

export interface HexStyle {
  readonly c: Colors;
  readonly regions: readonly Region[];
  /** Only these bytes are printed (a subtree's); others are blank. */
  readonly spans: readonly Span[];
  /** Bytes to mark (a finding's, the byte asked about): reversed in colour, carets below without. */
  readonly marked?: Span | undefined;
  /** Hex digits of the offset column. */
  readonly digits: number;
}

/** Hex digits that hold every offset of a file of `size` bytes (at least 4). */
export const offsetDigits = (size: number): number => Math.max(4, Math.max(0, size - 1).toString(16).length);

export const hexOffset = (n: number, digits: number): string => `0x${n.toString(16).padStart(digits, '0')}`;

/**
 * `0x0160  00 00 00 00 00 00 03 92  00 00 00 09 00 00 00 00  |................|  instances, pool`:
 * bytes coloured by region, the regions of the line named at its end (so the dump reads without
 * colour too), and a caret line under marked bytes.
 */
export function hexLines(bytes: Uint8Array, rows: readonly HexRow[], style: HexStyle): string[] {
  const lines: string[] = [];
  for (const row of rows) {
    if ('skipped' in row) {
      // Lines with none of the shown bytes between two that have some.
      if (row.skipped === 0) lines.push(style.c.dim('  …'));
      else lines.push(style.c.dim(`  … ${formatCount(row.skipped)} byte(s) not shown (${hexOffset(row.from, style.digits)}–${hexOffset(row.to, style.digits)})`));
      continue;
    }
    lines.push(...hexLine(bytes, row.start, style));
  }
  return lines;
}

function hexLine(bytes: Uint8Array, start: number, { c, regions, spans, marked, digits }: HexStyle): string[] {
  let hex = '';
  let ascii = '';
  let carets = '';
  const names: string[] = [];
  for (let i = 0; i < ROW; i++) {
    const off = start + i;
    const gap = i === 8 ? ' ' : '';
    const shown = off < bytes.length && inSpans(spans, off);
    const isMarked = marked !== undefined && off >= marked[0] && off < marked[1];
    if (!shown) {
      hex += `${gap}   `;
      ascii += ' ';
      carets += `${gap}   `;
      continue;
    }
    const b = bytes[off]!;
    const region = regionAt(regions, off);
    if (region && !names.includes(region.name)) names.push(region.name);
    const paint = isMarked ? (s: string) => c.inverse(c.red(s)) : region ? c[PALETTE[region.index % PALETTE.length]!] : c.dim;
    hex += `${gap} ${paint(b.toString(16).padStart(2, '0'))}`;
    ascii += paint(b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.');
    carets += `${gap} ${isMarked ? '^^' : '  '}`;
  }
  const line = `  ${hexOffset(start, digits)} ${hex}  |${ascii}|${names.length ? `  ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''}` : ''}`;
  if (!carets.includes('^')) return [line];
  return [line, `  ${' '.repeat(digits + 2)} ${carets.trimEnd()}`];
}

function inSpans(spans: readonly Span[], off: number): boolean {
  for (const [a, b] of spans) if (off >= a && off < b) return true;
  return false;
}

/** The region holding `off` (regions are sorted and disjoint). */
export function regionAt(regions: readonly Region[], off: number): Region | undefined {
  let lo = 0;
  let hi = regions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const r = regions[mid]!;
    if (off < r.offset) hi = mid;
    else if (off >= r.offset + r.size) lo = mid + 1;
    else return r;
  }
  return undefined;
}
