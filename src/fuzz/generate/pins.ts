import type { FieldDef } from '../../schema/index.js';
import { chance, pick } from './choice.js';
import type { Gen } from './context.js';
import { asValue, drawInt, edgeInt } from './ints.js';

/**
 * Once per file (with the level's chance): pins one derived integer the encoder would compute
 * (a count, an offset, a length, a constant, a checksum) to a wrong value, written as given.
 * This is how well-formed values still reach the consumer's trust-the-count faults.
 */
export function applyPin(g: Gen): void {
  if (g.pins.length === 0 || !chance(g.src, g.pinChance)) return;
  const defs: FieldDef[] = [];
  for (const s of g.pins) if (!defs.includes(s.field)) defs.push(s.field);
  const field = pick(g.src, defs);
  const slot = pick(g.src, g.pins.filter((s) => s.field === field));
  if (field.type.kind !== 'int') return;
  const t = field.type.int;
  const v = chance(g.src, 0.3) && field.valid.length ? drawInt(g.src, field, t, undefined, g.ints, 1) : edgeInt(g.src, t, g.ints);
  slot.obj[field.id] = asValue(v, t);
}
