import type { ConsumerReport, FileReport, FleetMember, ValidationReport } from './model.js';

export interface AffectedConsumers {
  readonly profiles: readonly string[];
  readonly population: number;
}

/** Who a file would take down (crash) or leave unprotected (reject), against the whole fleet. */
export interface BlastRadius {
  readonly crash: AffectedConsumers;
  readonly reject: AffectedConsumers;
  /** Runs a work budget cut short: not known to load (never counted as loading). */
  readonly undecided: AffectedConsumers;
  /** Endpoints in the fleet: the denominator of every share. */
  readonly total: number;
}

/** The fleet's rows of a file: the real consumer of `--exec` is not a deployed version. */
export function deployedConsumers(file: FileReport): readonly ConsumerReport[] {
  return file.consumers.filter((c) => c.real !== true);
}

/** The rows of the real consumer (`--exec`), shown apart from the blast radius. */
export function realConsumers(file: FileReport): readonly ConsumerReport[] {
  return file.consumers.filter((c) => c.real === true);
}

export function blastRadius(file: FileReport, fleet: readonly FleetMember[]): BlastRadius {
  const deployed = deployedConsumers(file);
  const pick = (outcome: 'crash' | 'reject' | 'undecided'): AffectedConsumers => {
    const hit = deployed.filter((c) => c.outcome === outcome);
    return { profiles: hit.map((c) => c.profile), population: sum(hit.map((c) => c.population)) };
  };
  // The fleet is the denominator when known; a report built without one still gets a share
  // relative to the consumers it simulated.
  const total = fleet.length > 0 ? sum(fleet.map((m) => m.population)) : sum(deployed.map((c) => c.population));
  return { crash: pick('crash'), reject: pick('reject'), undecided: pick('undecided'), total };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/**
 * Over every file of a run: a consumer counts once however many files crash it (or it rejects).
 * Populations come from the fleet; a profile missing from it counts with the population its
 * consumer report gave.
 */
export function runBlastRadius(report: ValidationReport): BlastRadius {
  const population = new Map<string, number>(report.fleet.map((m) => [m.name, m.population]));
  const pick = (outcome: 'crash' | 'reject' | 'undecided'): AffectedConsumers => {
    const hit = new Map<string, number>();
    for (const file of report.files) {
      for (const c of deployedConsumers(file)) if (c.outcome === outcome && !hit.has(c.profile)) hit.set(c.profile, population.get(c.profile) ?? c.population);
    }
    return { profiles: [...hit.keys()], population: sum([...hit.values()]) };
  };
  return { crash: pick('crash'), reject: pick('reject'), undecided: pick('undecided'), total: sum(report.fleet.map((m) => m.population)) };
}
