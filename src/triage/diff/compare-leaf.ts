import { formatPath, type FieldPath } from '../../findings/index.js';
import type { FieldDef } from '../../schema/index.js';
import { alignByPosition } from './align.js';
import { located, offsetIn, type DiffContext, type StructAt } from './diff-context.js';
import { displayScalar, displayValue } from './display-value.js';
import { fingerprint } from './fingerprint.js';
import { derivedValue, layoutKind } from './layout-fields.js';
import { sameValue } from './same-value.js';
import type { FieldSlot } from './struct-fields.js';
import type { FieldChange } from './types.js';

/** Elements of one array of plain values listed before the rest is only counted. */
const MAX_ELEMENT_CHANGES = 8;

const absent = (v: unknown): boolean => v === undefined || v === null;

/**
 * The changes of one plain field (a value or an array of values) of a struct both files have.
 * A layout field whose new value is what the schema derives from the new file is counted, not
 * listed; a pool waits until the end (ChangeSink.settle); any other difference is listed.
 */
export function compareLeaf(ctx: DiffContext, slot: FieldSlot, ov: unknown, nv: unknown, o: StructAt, n: StructAt, fields: FieldChange[], emit: () => void): FieldChange[] {
  if (sameValue(ov, nv)) return [];
  const { field } = slot;
  const kind = layoutKind(slot.struct, field);
  const nPath = [...n.path, field.id];
  if (kind !== undefined && (absent(ov) || absent(nv))) {
    ctx.sink.followLayout(); // it came or went with its case or element
    return [];
  }
  if (kind === 'pool') {
    ctx.sink.deferPool(plain(ctx, field, ov, nv, field.id, offsetIn(ctx.new, nPath)), fields, emit);
    return [];
  }
  if (kind !== undefined) {
    const note = layoutNote(ctx, kind, slot, n, nv, nPath);
    if (note === undefined) {
      ctx.sink.followLayout();
      return [];
    }
    return [{ ...plain(ctx, field, ov, nv, field.id, offsetIn(ctx.new, nPath)), note }]; // the layout note says more than where bytes differ
  }
  if (field.repeat !== undefined && (Array.isArray(ov) || Array.isArray(nv))) return elementChanges(ctx, field, ov, nv, [...o.path, field.id], nPath);
  const at = absent(nv) ? offsetIn(ctx.old, [...o.path, field.id]) : offsetIn(ctx.new, nPath);
  return [plain(ctx, field, ov, nv, field.id, at)];
}

function plain(ctx: DiffContext, field: FieldDef, ov: unknown, nv: unknown, name: string, offset: number | undefined): FieldChange {
  const where = firstDifference(ov, nv);
  return {
    field: name,
    ...(absent(ov) ? {} : { old: displayValue(ctx.schema, field, ov) }),
    ...(absent(nv) ? {} : { new: displayValue(ctx.schema, field, nv) }),
    ...located('offset', offset),
    ...(where !== undefined ? { note: where } : {}),
  };
}

/** Values shorter than this are shown whole, so where they differ is plain to see. */
const SHOWN_WHOLE = 24;

/** For long bytes or text, where the two first differ: shown values are cut, and the change may lie past the cut. */
function firstDifference(a: unknown, b: unknown): string | undefined {
  const bytes = a instanceof Uint8Array && b instanceof Uint8Array;
  if (!bytes && !(typeof a === 'string' && typeof b === 'string')) return undefined;
  const x = a as Uint8Array | string;
  const y = b as Uint8Array | string;
  if (Math.max(x.length, y.length) <= SHOWN_WHOLE) return undefined;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  const unit = bytes ? 'byte' : 'character';
  return `first differs at ${unit} ${i} (${x.length} → ${y.length} ${unit}s)`;
}

/** Why a changed layout field is listed, or undefined when the new file's layout explains its value. */
function layoutNote(ctx: DiffContext, kind: 'derived' | 'checksum', slot: FieldSlot, n: StructAt, nv: unknown, path: FieldPath): string | undefined {
  if (kind === 'checksum') {
    const code = slot.field.checksum!.code;
    const at = formatPath(path);
    return ctx.new.report.findings.some((f) => f.code === code && f.path === at) ? `${code}: not the checksum of the new file` : undefined;
  }
  const want = derivedValue(slot.struct, slot.field, n.scope, nv);
  if (want === undefined) return 'a layout field the schema derives, and the new file could not be measured to check it';
  return sameValue(want, nv) ? undefined : `not what the schema derives from the new file (${displayValue(ctx.schema, slot.field, want)})`;
}

/** An array of plain values: elements aligned (by position, or around an insertion), each difference one entry. */
function elementChanges(ctx: DiffContext, field: FieldDef, ov: unknown, nv: unknown, oPath: FieldPath, nPath: FieldPath): FieldChange[] {
  const oa = Array.isArray(ov) ? ov : [];
  const na = Array.isArray(nv) ? nv : [];
  const out: FieldChange[] = [];
  let more = 0;
  for (const p of alignByPosition(oa.map(fingerprint), na.map(fingerprint), (i, j) => (sameValue(oa[i], na[j]) ? 1 : 0))) {
    const a = p.old === undefined ? undefined : oa[p.old];
    const b = p.new === undefined ? undefined : na[p.new];
    if (p.old !== undefined && p.new !== undefined && sameValue(a, b)) continue;
    if (out.length >= MAX_ELEMENT_CHANGES) {
      more++;
      continue;
    }
    const index = p.new ?? p.old!;
    const at = p.new !== undefined ? offsetIn(ctx.new, [...nPath, p.new]) : offsetIn(ctx.old, [...oPath, p.old!]);
    out.push({
      field: `${field.id}[${index}]`,
      ...(p.old === undefined ? {} : { old: displayScalar(ctx.schema, field, a) }),
      ...(p.new === undefined ? {} : { new: displayScalar(ctx.schema, field, b) }),
      ...located('offset', at),
    });
  }
  if (more > 0) out.push({ field: `${field.id}[…]`, note: `and ${more} more element${more === 1 ? '' : 's'} differ (${oa.length} → ${na.length} elements)` });
  return out;
}
