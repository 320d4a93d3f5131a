import { encodeText } from '../../codec/encode-text.js';
import { INT_WIDTH, type FieldDef, type Scope } from '../../schema/index.js';
import { tryCount } from './eval.js';
import type { FieldPlan } from './plan.js';

/**
 * The bytes the fields before `f` (all of them: undefined) take in the struct's stream, from what was drawn; undefined
 * when one of them has no size known before encoding (a derived array, a nested struct, a
 * compressed field). Enough to fill a fixed-size substream with `size_eos` or `repeat: eos`.
 */
export function widthBefore(fields: readonly FieldPlan[], obj: Record<string, unknown>, f: FieldDef | undefined, scope: Scope): number | undefined {
  let bytes = 0;
  let bits = 0;
  for (const p of fields) {
    const d = p.def;
    if (d === f) break;
    if (d.type.kind === 'switch' && d.inline) return undefined;
    const v = obj[d.id];
    if (d.at || d.view || (v === null && d.cond)) continue;
    if (d.type.kind === 'bits') {
      if (d.repeat) return undefined;
      bits += d.type.bits;
      continue;
    }
    // A byte-aligned field starts at the next whole byte after bit fields.
    bytes += Math.ceil(bits / 8);
    bits = 0;
    const w = widthOf(d, v, scope);
    if (w === undefined) return undefined;
    bytes += w;
  }
  return bytes + Math.ceil(bits / 8);
}

function widthOf(d: FieldDef, v: unknown, scope: Scope): number | undefined {
  const t = d.type;
  if (d.repeat) {
    if (!Array.isArray(v)) return undefined;
    return t.kind === 'int' ? v.length * INT_WIDTH[t.int] : undefined;
  }
  if (t.kind === 'int') return INT_WIDTH[t.int];
  if (d.contents) return d.contents.bytes.length;
  if (d.process) return undefined;
  if (d.checksum?.algo === 'sha256') return 32;
  const size = d.size ? tryCount(d.size, scope) : undefined;
  if (size !== undefined) return size;
  if (t.kind !== 'bytes' && t.kind !== 'str') return undefined;
  let n: number | undefined;
  if (v instanceof Uint8Array) n = v.length;
  else if (typeof v === 'string') n = encodeText(v, t.kind === 'str' ? t.encoding : undefined)?.length;
  if (n === undefined) return undefined;
  const term = d.terminator;
  if (term === undefined || d.consume === false) return n;
  const ends = d.include && n > 0 && endsWith(v, term);
  return ends ? n : n + 1;
}

const endsWith = (v: unknown, term: number): boolean =>
  v instanceof Uint8Array ? v[v.length - 1] === term : typeof v === 'string' && v.charCodeAt(v.length - 1) === term;
