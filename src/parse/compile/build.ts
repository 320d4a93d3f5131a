import { Parser } from 'binary-parser/dist/binary_parser.js';
import { INT_WIDTH, type FieldDef, type FormatSchema, type IntType, type StructDef } from '../../schema/index.js';
import { StaticSizes, Unsupported, assertSafeId, fieldKind, structOf, type FieldPlan, type Frame, type StructPlan } from './plan.js';
import { refuseField, refuseStruct } from './refuse.js';
import type { DecodeState } from './runtime.js';

/** The same bound as the plan's node count (plan.ts): nothing compiled nests deeper. */
const MAX_COMPILED_NESTING = 64;
import { Sites, decodeStr, decodeStrStrict, unwrap } from './sites.js';

type Primitive = 'uint8' | 'int8' | 'uint16le' | 'uint16be' | 'int16le' | 'int16be' | 'uint32le' | 'uint32be' | 'int32le' | 'int32be' | 'uint64le' | 'uint64be' | 'int64le' | 'int64be';
type PrimitiveMethod = (this: Parser, varName: string) => Parser;

/** Integer types map to binary-parser primitives chosen from this fixed table (u8/s8 read as bigint, like the interpreter). */
const PRIMITIVE: Readonly<Record<IntType, readonly [le: Primitive, be: Primitive]>> = {
  u1: ['uint8', 'uint8'], s1: ['int8', 'int8'],
  u2: ['uint16le', 'uint16be'], s2: ['int16le', 'int16be'],
  u4: ['uint32le', 'uint32be'], s4: ['int32le', 'int32be'],
  u8: ['uint64le', 'uint64be'], s8: ['int64le', 'int64be'],
};

/** Generated code grows with every place a type is used; past this the schema is left to the interpreter. */
const MAX_FIELDS = 20_000;

export interface Built {
  readonly parser: Parser;
  readonly plan: StructPlan;
  readonly rootNodes: number;
  readonly sites: number;
  readonly frames: number;
}

/** Walks the schema once and emits one binary-parser chain per place a struct is used. */
export function buildParser(schema: FormatSchema, state: DecodeState): Built {
  const b = new Builder(schema, state);
  const root = structOf(schema, schema.root);
  const parser = new Parser();
  const plan = b.struct(parser, root.name, () => b.frame(null, root, false), [], { array: undefined, bump: false });
  return { parser, plan, rootNodes: b.sizes.fixedNodes(root.name, 0), sites: b.sites.count, frames: b.frameCount };
}

/** How a struct object's repeat index is known: from the counter of `array`, bumped by its `enter` or earlier. */
interface Entry { readonly array: number | undefined; readonly bump: boolean }
const SINGLE: Entry = { array: undefined, bump: false };
type Cases = { cases?: ReadonlyMap<number, StructPlan> };

class Builder {
  readonly sizes: StaticSizes;
  readonly sites: Sites;
  frameCount = 0;
  private fieldCount = 0;

  constructor(private readonly schema: FormatSchema, state: DecodeState) {
    this.sizes = new StaticSizes(schema);
    this.sites = new Sites(state);
  }

  frame(parent: Frame | null, def: StructDef, indexed: boolean): Frame {
    return { id: this.frameCount++, parent, lets: def.lets, indexed };
  }

  /** Appends the fields of struct `name` to `p`, filling one object; types reached again through repeat/at are not compiled. */
  struct(p: Parser, name: string, frame: (def: StructDef) => Frame, stack: readonly string[], entry: Entry): StructPlan {
    if (stack.includes(name)) throw new Unsupported(`type ${name} contains itself`);
    // Deeper schemas are left to the interpreter (which has its own limit): building them here
    // would cost time quadratic in the depth, then overflow the stack.
    if (stack.length >= MAX_COMPILED_NESTING) throw new Unsupported(`type ${name} nests more than ${MAX_COMPILED_NESTING} deep`);
    const def = structOf(this.schema, name);
    refuseStruct(def);
    const f = frame(def);
    if (this.sizes.needsScope(name)) p.seek(this.sites.enter(f, entry.array, entry.bump));
    return this.fields(p, def, f, [...stack, name]);
  }

  private fields(p: Parser, def: StructDef, frame: Frame, stack: readonly string[]): StructPlan {
    return { fields: def.fields.map((f) => this.field(p, f, frame, stack)), lets: def.lets };
  }

  private field(p: Parser, f: FieldDef, frame: Frame, stack: readonly string[]): FieldPlan {
    const id = assertSafeId(f.id);
    if (++this.fieldCount > MAX_FIELDS) throw new Unsupported('the schema expands to too much code');
    if (f.repeatBytes) throw new Unsupported('arrays sized in bytes (repeat_bytes) are read by the interpreter');
    refuseField(f);
    const kind = fieldKind(f);
    const plan: { -readonly [K in keyof FieldPlan]: FieldPlan[K] } = {
      def: f, id, kind, width: f.type.kind === 'int' ? INT_WIDTH[f.type.int] : 0,
      repeat: f.repeat !== undefined, placed: f.at !== undefined, inline: f.inline, struct: undefined, cases: undefined,
    };
    const t = f.type;
    const child = (indexed: boolean) => (def: StructDef) => this.frame(frame, def, indexed);
    if (kind === 'view') {
      p.seek(this.sites.view(frame, f));
    } else if (!f.repeat && f.at) {
      const { offset, length } = this.sites.place(frame, f, undefined, this.sizes.elementNodes(f));
      if (t.kind === 'int') p.pointer(id, { offset, type: this.primitive(f) });
      else if (t.kind === 'bytes' || t.kind === 'str') p.pointer(id, { offset, type: this.buffer('', length, f) });
      else if (t.kind === 'struct') p.pointer(id, { offset, type: this.nested(plan, t.struct, stack, child(false), SINGLE) });
      else p.pointer(id, { offset, type: new Parser().choice({ tag: this.sites.tag(frame, f, undefined), choices: this.cases(plan, f, stack, child(false), SINGLE) }) });
    } else if (!f.repeat) {
      if (t.kind === 'int') (p[this.primitive(f)] as PrimitiveMethod).call(p, id);
      else if (t.kind === 'bytes' || t.kind === 'str') this.buffer(id, this.sites.inlineSize(frame, f), f, p.saveOffset('$o'));
      else if (t.kind === 'struct') p.nest(id, { type: this.nested(plan, t.struct, stack, child(false), SINGLE) });
      else {
        // An inline switch merges its case's fields into this object, in this object's scope (no varName).
        const tag = this.sites.tag(frame, f, undefined);
        const choices = this.cases(plan, f, stack, f.inline ? () => frame : child(false), f.inline ? undefined : SINGLE);
        if (f.inline) p.choice({ tag, choices });
        else p.choice(id, { tag, choices });
      }
    } else {
      this.repeat(p, f, plan, frame, stack);
    }
    return plan;
  }

  private repeat(p: Parser, f: FieldDef, plan: { struct?: StructPlan } & Cases, frame: Frame, stack: readonly string[]): void {
    const id = f.id;
    const t = f.type;
    const { site, hook, length } = this.sites.repeat(frame, f, this.sizes.minElement(f), this.sizes.elementNodes(f));
    const child = (def: StructDef) => this.frame(frame, def, true);
    p.saveOffset('$o').seek(hook);
    if (t.kind === 'int' && !f.at) {
      p.array(id, { length, type: this.primitive(f) });
    } else if (t.kind === 'int' || t.kind === 'bytes' || t.kind === 'str') {
      // binary-parser reads these into a property: items are {v} wrappers, unwrapped by the formatter.
      let item: Parser;
      if (!f.at) item = this.buffer('v', this.sites.elementSize(frame, f, site), f, new Parser().saveOffset('o'));
      else {
        const s = this.sites.place(frame, f, site, 0);
        item = new Parser().pointer('v', { offset: s.offset, type: t.kind === 'int' ? this.primitive(f) : this.buffer('', s.length, f) });
      }
      p.array(id, { length, type: item, formatter: unwrap });
    } else if (!f.at) {
      const item = t.kind === 'struct'
        ? this.nested(plan, t.struct, stack, child, { array: site, bump: true })
        : new Parser().choice({ tag: this.sites.tag(frame, f, site), choices: this.cases(plan, f, stack, child, { array: site, bump: false }) });
      p.array(id, { length, type: item });
    } else {
      // Placed records: each item seeks to its record and back, so the item is the record itself.
      const { to, back } = this.sites.seekEach(frame, f, site);
      const item = new Parser().seek(to);
      const entry = { array: site, bump: false };
      if (t.kind === 'struct') plan.struct = this.struct(item, t.struct, child, stack, entry);
      else item.choice({ tag: this.sites.tag(frame, f, undefined), choices: this.cases(plan, f, stack, child, entry) });
      p.array(id, { length, type: item.saveOffset('$e').seek(back) });
    }
  }

  private nested(plan: { struct?: StructPlan }, name: string, stack: readonly string[], frame: (def: StructDef) => Frame, entry: Entry): Parser {
    const inner = new Parser();
    plan.struct = this.struct(inner, name, frame, stack, entry);
    return inner;
  }

  /** The case parsers of a switch; `entry` undefined: inline, the case fields fill the enclosing object. */
  private cases(plan: Cases, f: FieldDef, stack: readonly string[], frame: (def: StructDef) => Frame, entry: Entry | undefined): Record<number, Parser> {
    if (f.type.kind !== 'switch') throw new Error('not a switch');
    const choices: Record<number, Parser> = {};
    const cases = new Map<number, StructPlan>();
    for (const [key, name] of f.type.cases) {
      // Case keys are pasted into `case N:` by binary-parser: only plain integers may get there.
      if (!Number.isSafeInteger(key)) throw new Unsupported(`switch case ${String(key)} is not an integer`);
      const inner = new Parser();
      if (entry) cases.set(key, this.struct(inner, name, frame, stack, entry));
      else {
        if (stack.includes(name)) throw new Unsupported(`type ${name} contains itself`);
        refuseStruct(structOf(this.schema, name));
        cases.set(key, this.fields(inner, structOf(this.schema, name), frame(structOf(this.schema, name)), [...stack, name]));
      }
      choices[key] = inner;
    }
    plan.cases = cases;
    return choices;
  }

  private primitive(f: FieldDef): Primitive {
    if (f.type.kind !== 'int') throw new Error('not an integer');
    const pair = PRIMITIVE[f.type.int];
    return f.type.endian === 'be' ? pair[1] : pair[0];
  }

  /** A buffer whose length comes from a checked site; str is decoded by a formatter, never by an encoding option. */
  private buffer(name: string, length: () => number, f: FieldDef, into = new Parser()): Parser {
    if (f.type.kind !== 'str') return into.buffer(name, { length });
    return into.buffer(name, { length, formatter: f.utf8Code ? decodeStrStrict : decodeStr });
  }
}
