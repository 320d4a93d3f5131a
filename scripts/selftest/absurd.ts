import type { Rng } from '../../src/fuzz/_internals/rng.js';
import { decode } from '../../src/parse/index.js';
import type { CompiledExpr, Expr, FieldDef, FormatSchema } from '../../src/schema/index.js';

/**
 * Absurd headers, generated from the schema rather than written per format: every integer field
 * that a count, size, offset, placement or checksum range of the schema refers to (directly or
 * through a `let`) is a *layout field*; its bytes in a real file are found with the diagnostic
 * decoder and overwritten with extreme values (0xFF…, 0x7F…, 0, 0x80…), with offsets pointing
 * anywhere (the file's end, past it, a random byte) and with loops (a field pointing at itself, or
 * two offsets pointing at each other's records).
 */
export interface LayoutSlot {
  readonly name: string;
  readonly offset: number;
  readonly width: number;
  readonly littleEndian: boolean;
}

const MAX_SLOTS = 400;

/** The names a schema's layout expressions read, through lets, for each schema (cached). */
const namesOf = new WeakMap<FormatSchema, Set<string>>();

export function layoutNames(schema: FormatSchema): Set<string> {
  const cached = namesOf.get(schema);
  if (cached) return cached;
  const lets = new Map<string, CompiledExpr>();
  for (const t of schema.types.values()) for (const [k, v] of Object.entries(t.lets ?? {})) lets.set(k, v);
  const names = new Set<string>();
  const pending: Expr[] = [];
  const add = (e: CompiledExpr | undefined): void => {
    if (e !== undefined) pending.push(e.ast);
  };
  for (const t of schema.types.values()) {
    for (const f of t.fields) layoutExprs(f).forEach(add);
  }
  const seenLets = new Set<string>();
  while (pending.length > 0) {
    const e = pending.pop()!;
    walkExpr(e, (name) => {
      names.add(name);
      const l = lets.get(name);
      if (l !== undefined && !seenLets.has(name)) {
        seenLets.add(name);
        pending.push(l.ast);
      }
    });
  }
  namesOf.set(schema, names);
  return names;
}

function layoutExprs(f: FieldDef): (CompiledExpr | undefined)[] {
  const out = [f.repeat, f.repeatBytes, f.size, f.at, f.view, f.placement?.start, f.placement?.end, f.checksum?.from, f.checksum?.to];
  if (f.type.kind === 'struct') out.push(...(f.type.args ?? []));
  return out;
}

function walkExpr(e: Expr, onName: (name: string) => void): void {
  switch (e.kind) {
    case 'name': onName(e.name); return;
    case 'member': onName(e.name); walkExpr(e.object, onName); return;
    case 'index': walkExpr(e.object, onName); walkExpr(e.index, onName); return;
    case 'call': e.args.forEach((a) => walkExpr(a, onName)); return;
    case 'unary': walkExpr(e.operand, onName); return;
    case 'binary': walkExpr(e.left, onName); walkExpr(e.right, onName); return;
    case 'cond': walkExpr(e.test, onName); walkExpr(e.then, onName); walkExpr(e.else, onName); return;
    default: return;
  }
}

/** Where the layout fields of one file sit (from the diagnostic decoder), at most MAX_SLOTS of them. */
export function layoutSlots(schema: FormatSchema, bytes: Uint8Array): LayoutSlot[] {
  const names = layoutNames(schema);
  const d = decode(schema, bytes);
  const slots: LayoutSlot[] = [];
  const little = schema.endian === 'le';
  const visit = (node: unknown, path: (string | number)[], name: string | undefined, depth: number): void => {
    if (slots.length >= MAX_SLOTS || depth > 40) return;
    if (typeof node === 'number' || typeof node === 'bigint') {
      if (name === undefined || !names.has(name)) return;
      const loc = d.locate(path);
      if (loc === undefined || ![1, 2, 4, 8].includes(loc.size) || loc.offset + loc.size > bytes.length) return;
      slots.push({ name, offset: loc.offset, width: loc.size, littleEndian: little });
      return;
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length && i < 64; i++) visit(node[i], [...path, i], name, depth + 1);
      return;
    }
    if (node !== null && typeof node === 'object' && !(node instanceof Uint8Array)) {
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) visit(v, [...path, k], k, depth + 1);
    }
  };
  visit(d.value, [], undefined, 0);
  return slots;
}

/** Writes `value` (truncated to the slot's width) into the slot's bytes. */
export function writeSlot(out: Uint8Array, slot: LayoutSlot, value: bigint): void {
  let v = BigInt.asUintN(slot.width * 8, value);
  for (let i = 0; i < slot.width; i++) {
    const at = slot.littleEndian ? slot.offset + i : slot.offset + slot.width - 1 - i;
    out[at] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/** One absurd value for `slot` in a file of `size` bytes (`other`: another layout slot, for loops). */
export function absurdValue(rng: Rng, slot: LayoutSlot, size: number, other: LayoutSlot | undefined): { value: bigint; what: string } {
  const bits = BigInt(slot.width * 8);
  const all = (1n << bits) - 1n;
  switch (rng.below(12)) {
    case 0: return { value: all, what: 'all ones' };
    case 1: return { value: all >> 1n, what: 'max signed' };
    case 2: return { value: 1n << (bits - 1n), what: 'min signed' };
    case 3: return { value: 0n, what: 'zero' };
    case 4: return { value: 0xffffffffn, what: '0xFFFFFFFF' };
    case 5: return { value: BigInt(size), what: 'file size' };
    case 6: return { value: BigInt(size + 1 + rng.below(1 << 20)), what: 'past the end' };
    case 7: return { value: BigInt(rng.below(Math.max(1, size))), what: 'anywhere' };
    case 8: return { value: BigInt(slot.offset), what: 'loop to itself' };
    case 9: return { value: BigInt(other?.offset ?? 0), what: 'loop to another layout field' };
    case 10: return { value: BigInt(Math.max(0, size - rng.below(9))), what: 'near the end' };
    default: return { value: all - BigInt(rng.below(16)), what: 'near the top' };
  }
}

/**
 * A mutant of `bytes` with 1-4 layout fields set absurdly (sometimes all of them at once to
 * all-ones or to each other's offsets); undefined when the file has no layout field the decoder found.
 */
export function absurdHeaders(schema: FormatSchema, bytes: Uint8Array, rng: Rng, slotsOf: (b: Uint8Array) => LayoutSlot[] = (b) => layoutSlots(schema, b)): { bytes: Uint8Array; how: string } | undefined {
  const slots = slotsOf(bytes);
  if (slots.length === 0) return undefined;
  const out = bytes.slice();
  if (rng.chance(0.1)) {
    const loop = rng.chance(0.5);
    slots.forEach((s, i) => writeSlot(out, s, loop ? BigInt(slots[(i + 1) % slots.length]!.offset) : (1n << BigInt(s.width * 8)) - 1n));
    return { bytes: out, how: loop ? 'absurd: every layout field points at the next one (a loop)' : 'absurd: every layout field all ones' };
  }
  const n = rng.int(1, Math.min(4, slots.length));
  const hows: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = rng.pick(slots);
    const { value, what } = absurdValue(rng, s, bytes.length, rng.pick(slots));
    writeSlot(out, s, value);
    hows.push(`${s.name}@${s.offset}=${what}`);
  }
  return { bytes: out, how: `absurd: ${hows.join(', ')}` };
}
