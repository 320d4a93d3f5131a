import type { FieldDef, IntType, StructDef } from '../../schema/index.js';

/** A model (or its schema) uses something the compiler does not reproduce: it runs on the interpreter. */
export class Unsupported extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Unsupported';
  }
}

/**
 * The generated source is built only from identifiers made here, fixed keywords and operators,
 * and integers checked with Number.isSafeInteger: no text of the model or the schema (names,
 * codes, strings) is ever pasted into it. Such values go into `K`, a constants array the generated
 * function receives, and are referenced by their index.
 */
export class Gen {
  private readonly lines: string[] = [];
  readonly consts: unknown[] = [];
  private readonly constIndex = new Map<unknown, number>();
  readonly locals: string[] = [];
  private n = 0;

  /** A fresh local variable (declared at the top of the generated function). */
  local(prefix: string, init = '0'): string {
    const name = `${prefix}${this.n++}`;
    this.locals.push(`${name} = ${init}`);
    return name;
  }

  label(): string {
    return `L${this.n++}`;
  }

  /** A constant from the model or schema, referenced by index. */
  k(value: unknown): string {
    let i = this.constIndex.get(value);
    if (i === undefined) {
      i = this.consts.push(value) - 1;
      this.constIndex.set(value, i);
    }
    return `K[${i}]`;
  }

  emit(line: string): void {
    this.lines.push(line);
  }

  body(): string {
    return this.lines.join('\n');
  }
}

/** An integer that may appear in generated source. */
export function num(v: number | bigint): string {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || BigInt(n) !== BigInt(v)) throw new Unsupported(`the integer ${String(v)} is not a safe integer`);
  return n < 0 ? `(${n})` : String(n);
}

/**
 * What is known, while code is generated, about a field of a struct being read: whether it holds
 * a value at this point of the read (set), certainly not (unset), only at run time (dyn: a local
 * flag says), or cannot be told (unknown: an expression reading it is not compiled).
 */
export type SlotState = 'set' | 'unset' | 'dyn' | 'unknown';

export interface Slot {
  readonly field: FieldDef;
  state: SlotState;
  /** For dyn: a local that is true once the field holds a value. */
  flag?: string;
  /** Where the field starts (a local), when it was read. */
  off?: string;
  value?: SlotValue;
}

export type SlotValue =
  | { readonly k: 'int'; readonly code: string; readonly lo: bigint; readonly hi: bigint }
  | { readonly k: 'obj'; readonly frame: Frame }
  | { readonly k: 'intarr'; readonly start: string; readonly count: string; readonly type: IntType; readonly le: boolean }
  | { readonly k: 'refarr'; readonly store: number; readonly count: string }
  | { readonly k: 'opaque' };

/** The scope of a struct being read: its fields so far, its parent, its repeat index. */
export class Frame {
  readonly root: Frame;

  constructor(readonly def: StructDef, readonly parent: Frame | null, readonly index: string | undefined, readonly path: readonly string[], readonly fields = new Map<string, Slot>(), root?: Frame) {
    this.root = root ?? (parent ? parent.root : this);
  }

  /** The same scope seen from one element of an array (the evaluator's elementScope). */
  withIndex(index: string): Frame {
    return new Frame(this.def, this.parent, index, this.path, this.fields, this.root);
  }

  slot(field: FieldDef): Slot {
    let s = this.fields.get(field.id);
    if (!s) this.fields.set(field.id, (s = { field, state: 'unset' }));
    return s;
  }
}

export const pathCode = (segs: readonly string[]): string => `[${segs.join(', ')}]`;
