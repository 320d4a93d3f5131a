import type { Rng } from '../_internals/rng.js';
import type { FuzzInput } from '../input.js';
import type { MutationContext } from './context.js';
import { armEdge, edgeElements } from './field-edge.js';
import { encodedMutant } from './field.js';
import type { Node } from './nodes.js';
import { nodesOf, rebase } from './rebase.js';
import { sourceOf } from './source-value.js';

/** One step of the edge pass: arm edge element `edge` of seed `seed`. */
export interface EdgeStep {
  readonly seed: number;
  readonly edge: number;
}

/** The pass stops here, however many edge elements the seeds have: it comes before all else. */
export const MAX_EDGE_STEPS = 256;

/**
 * The deterministic first pass over the user's seed files (AFL runs deterministic stages on a
 * new queue entry before random havoc): each element just past a consumer's supplied count is
 * armed once, seeds taken in turn (smallest first) so that every seed's first edges come early.
 * A seed file from before July 2024 holds a wildcard at criteria[20]; arming it is the July defect.
 */
export function edgePass(seeds: readonly FuzzInput[], ctx: MutationContext): EdgeStep[] {
  const orders = seeds.map((s) => deepestFirst(edgesOf(s, ctx)));
  // Smallest seeds first (AFL favours small, fast queue entries): their mutants cost least to run.
  const bySize = seeds.map((_, i) => i).sort((a, b) => seeds[a]!.bytes.length - seeds[b]!.bytes.length || a - b);
  const steps: EdgeStep[] = [];
  for (let k = 0; steps.length < MAX_EDGE_STEPS && orders.some((o) => k < o.length); k++) {
    for (const seed of bySize) {
      const edge = orders[seed]![k];
      if (edge !== undefined && steps.length < MAX_EDGE_STEPS) steps.push({ seed, edge });
    }
  }
  return steps;
}

/**
 * Edge indexes, the most deeply nested first: a nested element (a criterion) is one decision,
 * while arming an outer one (a whole instance) mostly copies elements that already have theirs.
 */
function deepestFirst(edges: readonly Node[]): number[] {
  return edges.map((_, i) => i).sort((a, b) => edges[b]!.path.length - edges[a]!.path.length || a - b);
}

/** The mutant of one step: the seed re-encoded with its edge element armed. Undefined when it does not encode. */
export function edgeMutant(seed: FuzzInput, step: EdgeStep, rng: Rng, ctx: MutationContext): FuzzInput | undefined {
  const sourced = sourceOf(seed, ctx.schema);
  if (!sourced) return undefined;
  const edge = edgeElements(nodesOf(ctx.schema, sourced.source).elements, ctx.hints)[step.edge];
  if (!edge) return undefined;
  const { root: value, node } = rebase(sourced.source, edge);
  return encodedMutant(ctx, value, `edge:${armEdge(node, rng, ctx, true)}`);
}

function edgesOf(seed: FuzzInput, ctx: MutationContext): readonly Node[] {
  const sourced = sourceOf(seed, ctx.schema);
  return sourced ? edgeElements(nodesOf(ctx.schema, sourced.source).elements, ctx.hints) : [];
}
