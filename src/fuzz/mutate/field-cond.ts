import { formatPath } from '../../findings/index.js';
import type { Rng } from '../_internals/rng.js';
import type { MutationContext } from './context.js';
import { freshElement } from './field-arrays.js';
import type { Node } from './nodes.js';

/** Most elements a flipped-on repeated field gets. */
const FLIP_ELEMENTS = 3;

/**
 * Flips an `if` field: a present one becomes null (not written: the decoder, whose condition
 * still holds, reads the next field in its place), a null one gets a value (written although
 * its condition is false). Both are near misses of a well-formed file.
 */
export function flipCond(node: Node, rng: Rng, ctx: MutationContext): string {
  const holder = node.holder as Record<string, unknown>;
  const f = node.field;
  const where = formatPath(node.path);
  if (holder[f.id] !== null) {
    holder[f.id] = null;
    return `${where}.if=off`;
  }
  const scope = node.slot.scope;
  holder[f.id] = f.repeat
    ? Array.from({ length: rng.int(1, FLIP_ELEMENTS) }, (_, i) => freshElement(f, scope, i, rng, ctx))
    : freshElement(f, scope, 0, rng, ctx);
  return `${where}.if=on`;
}
