import { fingerprint } from './fingerprint.js';

/** Equal decoded values: integers whatever their JavaScript type (u8 is a bigint), bytes by content, trees deeply. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
    const ia = typeof a === 'bigint' || Number.isSafeInteger(a);
    const ib = typeof b === 'bigint' || Number.isSafeInteger(b);
    return ia && ib ? BigInt(a) === BigInt(b) : Object.is(Number(a), Number(b));
  }
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && a.length === b.length && Buffer.compare(a, b) === 0;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (fingerprint(a) !== fingerprint(b)) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (!sameValue(ra[k], rb[k])) return false;
  return true;
}

/** Leaves (relative path → fingerprint) of a value, at most `max`: what `similarity` compares. */
function leaves(v: unknown, max: number): Map<string, number> {
  const out = new Map<string, number>();
  const stack: Array<[string, unknown]> = [['', v]];
  while (stack.length > 0 && out.size < max) {
    const [path, x] = stack.pop()!;
    if (Array.isArray(x)) for (let i = x.length - 1; i >= 0; i--) stack.push([`${path}[${i}]`, x[i]]);
    else if (typeof x === 'object' && x !== null && !(x instanceof Uint8Array)) {
      const keys = Object.keys(x);
      for (let i = keys.length - 1; i >= 0; i--) stack.push([`${path}.${keys[i]!}`, (x as Record<string, unknown>)[keys[i]!]]);
    } else out.set(path, fingerprint(x));
  }
  return out;
}

const MAX_LEAVES = 256;

/** How alike two elements are, 0..1: the share of their leaves that are equal at the same place. */
export function similarity(a: unknown, b: unknown): number {
  const la = leaves(a, MAX_LEAVES);
  const lb = leaves(b, MAX_LEAVES);
  const most = Math.max(la.size, lb.size);
  if (most === 0) return 1;
  let shared = 0;
  for (const [k, h] of la) if (lb.get(k) === h) shared++;
  return shared / most;
}
