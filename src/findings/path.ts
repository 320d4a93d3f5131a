/** A path into a decoded value, zod-style: keys and array indexes, rendered later. */
export type PathSegment = string | number;
export type FieldPath = readonly PathSegment[];

/** Renders `['instances', 8, 'criteria', 20]` as `instances[8].criteria[20]`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out === '' ? '(file)' : out;
}

/** A child check reports paths relative to itself; its parent prefixes them. */
export function prefixPath(prefix: FieldPath, path: FieldPath): FieldPath {
  return prefix.length === 0 ? path : [...prefix, ...path];
}

/** `instances[8].criteria[20]` → `instances[*].criteria[20]`: the bucket key of a location. */
export function normalisePath(path: FieldPath, keepLastIndex = true): string {
  const lastIndexAt = keepLastIndex ? findLastIndex(path) : -1;
  return formatPath(path.map((seg, i) => (typeof seg === 'number' && i !== lastIndexAt ? '*' : seg)))
    .replace(/\["\*"\]|\[\*\]/g, '[*]');
}

function findLastIndex(path: FieldPath): number {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'number') return i;
  return -1;
}
