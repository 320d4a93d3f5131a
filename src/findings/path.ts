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
 * `instances[3].type_id` → `instances[*].type_id`. Only an index that ends the path is kept
 * (a criterion's position is its input field; which instance holds it is not what went wrong).
 */
export function normalisePath(path: FieldPath, keepLastIndex = true): string {
  const last = path.length - 1;
  let out = '';
  for (let i = 0; i <= last; i++) {
    const seg = path[i]!;
    if (typeof seg === 'number') out += keepLastIndex && i === last ? `[${seg}]` : '[*]';
    else out += out === '' ? seg : `.${seg}`;
  }
  return out === '' ? '(file)' : out;
}
