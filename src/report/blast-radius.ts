import type { FileReport, FleetMember } from './model.js';

export interface AffectedConsumers {
  readonly profiles: readonly string[];
  readonly population: number;
}

/** Who a file would take down (crash) or leave unprotected (reject), against the whole fleet. */
export interface BlastRadius {
  readonly crash: AffectedConsumers;
  readonly reject: AffectedConsumers;
  /** Endpoints in the fleet: the denominator of every share. */
  readonly total: number;
}

export function blastRadius(file: FileReport, fleet: readonly FleetMember[]): BlastRadius {
  const pick = (outcome: 'crash' | 'reject'): AffectedConsumers => {
    const hit = file.consumers.filter((c) => c.outcome === outcome);
    return { profiles: hit.map((c) => c.profile), population: sum(hit.map((c) => c.population)) };
  };
  // The fleet is the denominator when known; a report built without one still gets a share
  // relative to the consumers it simulated.
  const total = fleet.length > 0 ? sum(fleet.map((m) => m.population)) : sum(file.consumers.map((c) => c.population));
  return { crash: pick('crash'), reject: pick('reject'), total };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
