import { INT_WIDTH, type FieldDef, type FormatSchema, type StructDef } from '../../schema/index.js';

/**
 * The only schema text that may reach generated code is a field id, as a property name.
 * The loader already enforces this pattern; the compiler checks again because a
 * FormatSchema can also be built by hand, and generated code is where a slip would hurt.
 */
export const SAFE_ID = /^[a-z][a-z0-9_]*$/;

/** The schema uses something the fast path does not compile; every decode then bails. */
export class Unsupported extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Unsupported';
  }
}

/**
 * A place in the compiled layout where a struct object is filled, seen statically: its lets,
 * its enclosing frame, and whether it is an array element. At run time a frame holds the one
 * object in progress there (see DecodeState.enter), which is how scopes find their parents.
 */
export interface Frame {
  readonly id: number;
  readonly parent: Frame | null;
  readonly lets: StructDef['lets'];
  readonly indexed: boolean;
}

/**
 * The compiled layout, mirrored by the location walk. A struct type used in two places
 * has two plans (and two generated parsers), because each place has its own frames.
 */
export interface StructPlan {
  readonly fields: readonly FieldPlan[];
  /** The struct's lets, for scopes rebuilt after the decode (pointerOf). */
  readonly lets: StructDef['lets'];
}

/** 'bits' never reaches a plan: the compiler refuses bit fields (refuse.ts). */
export type FieldKind = 'int' | 'bits' | 'bytes' | 'str' | 'struct' | 'switch' | 'view';

export interface FieldPlan {
  readonly def: FieldDef;
  readonly id: string;
  readonly kind: FieldKind;
  readonly width: number;
  readonly repeat: boolean;
  readonly placed: boolean;
  readonly inline: boolean;
  /** struct: the element's fields. */
  readonly struct: StructPlan | undefined;
  /** switch: the fields of each case (merged into the holder when inline). */
  readonly cases: ReadonlyMap<number, StructPlan> | undefined;
}

export function fieldKind(f: FieldDef): FieldKind {
  return f.view ? 'view' : f.type.kind;
}

export function assertSafeId(id: string): string {
  if (!SAFE_ID.test(id)) throw new Unsupported(`field id ${JSON.stringify(id)} is not a plain identifier`);
  return id;
}

export function structOf(schema: FormatSchema, name: string): StructDef {
  const s = schema.types.get(name);
  if (!s) throw new Unsupported(`type ${name} is not defined`);
  return s;
}

function caseNames(f: FieldDef): string[] {
  return f.type.kind === 'switch' ? [...f.type.cases.values()] : [];
}

const minOf = (xs: number[]): number => (xs.length ? Math.min(...xs) : 0);
const maxOf = (xs: number[]): number => (xs.length ? Math.max(...xs) : 0);

/**
 * Static facts used by the run-time guards. `minSize` is a lower bound on one element's
 * bytes (a count × minSize beyond the file bails before the loop runs); `nodes` is an
 * upper bound on how many nodes the interpreter counts for one element, so the fast path
 * can refuse files that would exceed the interpreter's node budget instead of disagreeing.
 */
export class StaticSizes {
  private readonly minMemo = new Map<string, number>();
  private readonly nodeMemo = new Map<string, number>();
  private readonly scopeMemo = new Map<string, boolean>();

  constructor(private readonly schema: FormatSchema) {}

  /** Bytes one element of `f` needs at least (0 when unknown). */
  minElement(f: FieldDef): number {
    const t = f.type;
    if (t.kind === 'int') return INT_WIDTH[t.int];
    if (t.kind === 'struct') return this.minStruct(t.struct, 0);
    if (t.kind === 'switch') return minOf(caseNames(f).map((c) => this.minStruct(c, 0)));
    return 0;
  }

  private minStruct(name: string, depth: number): number {
    const memo = this.minMemo.get(name);
    if (memo !== undefined) return memo;
    if (depth > 16) return 0;
    let n = 0;
    for (const f of structOf(this.schema, name).fields) {
      if (f.at || f.view || f.repeat) continue;
      if (f.type.kind === 'int') n += INT_WIDTH[f.type.int];
      else if (f.type.kind === 'struct') n += this.minStruct(f.type.struct, depth + 1);
      else if (f.type.kind === 'switch') n += minOf(caseNames(f).map((c) => this.minStruct(c, depth + 1)));
    }
    this.minMemo.set(name, n);
    return n;
  }

  /** Nodes for one element of `f` (the element itself plus the fixed part of its struct). */
  elementNodes(f: FieldDef): number {
    const t = f.type;
    if (t.kind === 'struct') return 1 + this.fixedNodes(t.struct, 0);
    if (t.kind === 'switch') return 1 + maxOf(caseNames(f).map((c) => this.fixedNodes(c, 0)));
    return 1;
  }

  /** Nodes of a struct's plain fields; repeats and placed fields are counted when they run. */
  fixedNodes(name: string, depth: number): number {
    const memo = this.nodeMemo.get(name);
    if (memo !== undefined) return memo;
    if (depth > 64) throw new Unsupported(`type ${name} nests too deeply`);
    let n = 0;
    for (const f of structOf(this.schema, name).fields) {
      if (f.view || f.repeat || f.at) continue;
      const t = f.type;
      if (t.kind === 'struct') n += 1 + this.fixedNodes(t.struct, depth + 1);
      else if (t.kind === 'switch') n += 1 + maxOf(caseNames(f).map((c) => this.fixedNodes(c, depth + 1)));
      else n += 1;
    }
    this.nodeMemo.set(name, n);
    return n;
  }

  /**
   * Whether filling a struct of this type calls any compiled function (everything but a
   * plain integer does, and so does a struct containing one): such a struct registers its
   * object in its frame first, so the functions can build scopes.
   */
  needsScope(name: string, visiting: ReadonlySet<string> = new Set()): boolean {
    const memo = this.scopeMemo.get(name);
    if (memo !== undefined) return memo;
    if (visiting.has(name)) return true;
    // The compiled path refuses deeper nesting anyway; bounding it here keeps this walk linear and off the stack's limit.
    if (visiting.size > 64) throw new Unsupported(`type ${name} nests too deeply`);
    const inner = new Set(visiting).add(name);
    const needs = structOf(this.schema, name).fields.some((f) =>
      f.repeat || f.at || f.view || f.type.kind === 'bytes' || f.type.kind === 'str' || f.type.kind === 'switch'
      || (f.type.kind === 'struct' && this.needsScope(f.type.struct, inner)));
    this.scopeMemo.set(name, needs);
    return needs;
  }
}
