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

/**
 * The bucket key of a location: `instances[8].criteria[20]` → `instances[*].criteria[20]`,
 * `instances[3].type_id` → `instances[*].type_id`, `types[5]` → `types[*]`. A trailing index is
 * kept only inside a record (an index follows another): a criterion's position is its input
 * field, while which instance or table entry it sits in is not what went wrong.
 */
export function normalisePath(path: FieldPath, keepLastIndex = true): string {
  const last = path.length - 1;
  let indexes = 0;
  for (const seg of path) if (typeof seg === 'number') indexes++;
  const keep = keepLastIndex && indexes >= 2 && typeof path[last] === 'number';
  let out = '';
  for (let i = 0; i <= last; i++) {
    const seg = path[i]!;
    if (typeof seg === 'number') out += keep && i === last ? `[${seg}]` : '[*]';
    else out += out === '' ? seg : `.${seg}`;
  }
  return out === '' ? '(file)' : out;
}
