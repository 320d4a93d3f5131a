/**
 * A 52-bit structural hash of a decoded value, to align arrays whose elements have no key:
 * equal values hash equal; a collision only makes an alignment worse, never hides a change (the
 * aligned elements are compared value by value). Memoised per object, so hashing nested arrays
 * at every level costs one pass over the tree.
 */
const MEMO = new WeakMap<object, number>();

export function fingerprint(v: unknown): number {
  if (v === null || typeof v !== 'object') return scalarHash(v);
  const known = MEMO.get(v);
  if (known !== undefined) return known;
  let h: number;
  if (v instanceof Uint8Array) {
    h = mix(0x2f1, v.length);
    for (let i = 0; i < v.length; i++) h = mix(h, v[i]!);
  } else if (Array.isArray(v)) {
    h = mix(0x3a7, v.length);
    for (const x of v) h = mix(h, fingerprint(x));
  } else {
    h = 0x4c1;
    for (const k of Object.keys(v)) h = mix(mix(h, stringHash(k)), fingerprint((v as Record<string, unknown>)[k]));
  }
  MEMO.set(v, h);
  return h;
}

function scalarHash(v: unknown): number {
  if (v === undefined || v === null) return 0x11;
  if (typeof v === 'number' || typeof v === 'bigint') return mix(0x5d, stringHash(String(v)));
  if (typeof v === 'string') return mix(0x7b, stringHash(v));
  if (typeof v === 'boolean') return v ? 0x13 : 0x17;
  return 0x19;
}

function stringHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Two 32-bit lanes folded into a number below 2^52, so equal inputs give equal numbers. */
function mix(h: number, x: number): number {
  const lo = Math.imul((h ^ x) >>> 0, 0x9e3779b1) >>> 0;
  const hi = (Math.imul(Math.floor(h / 0x100000000) ^ lo ^ (x >>> 3), 0x85ebca6b) >>> 0) & 0xfffff;
  return hi * 0x100000000 + lo;
}
