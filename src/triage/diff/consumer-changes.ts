import type { ConsumerReport } from '../../report/model.js';
import type { IdentityMap } from './identity.js';
import { OUTCOME_RANK, type ConsumerChange } from './types.js';

/**
 * Each profile's outcome on the old and the new file (both reports simulate the same fleet, in
 * the same order). A fault that only moved is matched by identity: the same criterion of the same
 * instance after an insertion elsewhere has not moved.
 */
export function consumerChanges(old: readonly ConsumerReport[], now: readonly ConsumerReport[], oldIds: IdentityMap, newIds: IdentityMap): ConsumerChange[] {
  const before = new Map(old.map((c) => [c.profile, c]));
  const out: ConsumerChange[] = [];
  for (const n of now) {
    const o = before.get(n.profile);
    if (o === undefined) continue;
    out.push({ profile: n.profile, population: n.population, old: o, new: n, change: changeOf(o, n, oldIds, newIds) });
  }
  return out;
}

function changeOf(o: ConsumerReport, n: ConsumerReport, oldIds: IdentityMap, newIds: IdentityMap): ConsumerChange['change'] {
  const d = OUTCOME_RANK[n.outcome] - OUTCOME_RANK[o.outcome];
  if (d > 0) return 'worse';
  if (d < 0) return 'better';
  if (o.fault === null || n.fault === null) return o.fault === n.fault ? 'same' : 'moved';
  return o.fault.code === n.fault.code && oldIds.identify(o.fault.path) === newIds.identify(n.fault.path) ? 'same' : 'moved';
}
