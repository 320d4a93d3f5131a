type Value = unknown;

/** lookup() is called once per record against the same table: index each (array, key) once, first entry wins. */
const KEY_INDEXES = new WeakMap<readonly unknown[], Map<string, Map<string, unknown>>>();
const INDEXED_LENGTH = new WeakMap<Map<string, unknown>, number>();

export function indexKey(v: Value): string {
  return typeof v === 'number' || typeof v === 'bigint' ? `n${v}` : `${typeof v}:${String(v)}`;
}

export function keyIndex(arr: readonly unknown[], key: string): Map<string, unknown> {
  let byKey = KEY_INDEXES.get(arr);
  if (!byKey) KEY_INDEXES.set(arr, (byKey = new Map()));
  let idx = byKey.get(key);
  // Arrays grow while they are being decoded: an index built on a shorter array is stale.
  if (!idx || INDEXED_LENGTH.get(idx) !== arr.length) {
    idx = new Map();
    for (const el of arr) {
      if (typeof el !== 'object' || el === null) continue;
      const k = indexKey((el as Record<string, unknown>)[key]);
      if (!idx.has(k)) idx.set(k, el);
    }
    byKey.set(key, idx);
    INDEXED_LENGTH.set(idx, arr.length);
  }
  return idx;
}
