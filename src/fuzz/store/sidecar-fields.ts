/** A field of a sidecar that does not have the type the schema gives it. Rendered by sidecarProblemText. */
export interface SidecarProblem {
  /** Dotted field name ('' for the document itself). */
  readonly field: string;
  /** What the field must be, in words. */
  readonly expected: string;
  /** What it is (a short, quoted rendering; long values are cut). */
  readonly got: string;
}

/** Strings in a sidecar are names, paths and short texts: longer ones are hostile or broken. */
const MAX_TEXT = 4096;

/** Typed reads of one JSON object's fields; every mismatch is collected as a problem (never thrown). */
export interface FieldReader {
  readonly problems: SidecarProblem[];
  problem(field: string, expected: string, value: unknown): void;
  literal<T extends string>(field: string, value: T): T | undefined;
  text(field: string, allowEmpty?: boolean): string | undefined;
  optionalText(field: string): string | undefined;
  integer(field: string, min: number, max?: number): number | undefined;
  oneOf<T extends string>(field: string, values: readonly T[]): T | undefined;
  nullable<T>(field: string, read: () => T | undefined): T | null | undefined;
  object<T>(field: string, read: (inner: FieldReader) => T): T | undefined;
}

export function fieldReader(o: Record<string, unknown>, problems: SidecarProblem[] = [], prefix = ''): FieldReader {
  // Own properties only: a key such as "__proto__" or "constructor" must not reach inherited values.
  const get = (field: string): unknown => {
    const own = field.startsWith(prefix) ? field.slice(prefix.length) : field;
    return Object.prototype.hasOwnProperty.call(o, own) ? o[own] : undefined;
  };
  const reader: FieldReader = {
    problems,
    problem(field, expected, value) {
      problems.push({ field, expected, got: value === undefined ? 'nothing (the field is missing)' : render(value) });
    },
    literal(field, value) {
      const v = get(field);
      if (v === value) return value;
      reader.problem(field, JSON.stringify(value), v);
      return undefined;
    },
    text(field, allowEmpty = false) {
      const v = get(field);
      if (typeof v === 'string' && v.length <= MAX_TEXT && (allowEmpty || v.length > 0)) return v;
      reader.problem(field, `a${allowEmpty ? '' : ' non-empty'} string of at most ${MAX_TEXT} characters`, v);
      return undefined;
    },
    optionalText(field) {
      return get(field) === undefined ? undefined : reader.text(field, true);
    },
    integer(field, min, max = Number.MAX_SAFE_INTEGER) {
      const v = get(field);
      if (typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max) return v;
      reader.problem(field, max === Number.MAX_SAFE_INTEGER ? `a whole number >= ${min}` : `a whole number ${min}..${max}`, v);
      return undefined;
    },
    oneOf(field, values) {
      const v = get(field);
      if (typeof v === 'string' && (values as readonly string[]).includes(v)) return v as (typeof values)[number];
      reader.problem(field, `one of ${values.join(', ')}`, v);
      return undefined;
    },
    nullable(field, read) {
      return get(field) === null ? null : read();
    },
    object(field, read) {
      const v = get(field);
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        reader.problem(field, 'an object', v);
        return undefined;
      }
      const inner = fieldReader(v as Record<string, unknown>, problems, `${field}.`);
      const before = problems.length;
      const out = read(inner);
      return problems.length === before ? out : undefined;
    },
  };
  return reader;
}

/** A short rendering of a JSON value for a message: strings quoted and cut, containers named. */
export function render(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number') return String(v);
  return typeof v;
}
