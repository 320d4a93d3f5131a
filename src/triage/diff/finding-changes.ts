import type { Finding } from '../../findings/index.js';
import type { IdentityMap } from './identity.js';
import type { FindingChanges } from './types.js';

/**
 * Findings that appeared and went away. Two findings are the same when they have the same code,
 * profile and identity path: a finding that only moved because an element was inserted before it
 * neither appears nor goes away. Lists are capped at `max`; the totals are true.
 */
export function findingChanges(old: readonly Finding[], now: readonly Finding[], oldIds: IdentityMap, newIds: IdentityMap, max: number): FindingChanges {
  const keyOf = (f: Finding, ids: IdentityMap): string => `${f.code}\u0000${f.profile ?? ''}\u0000${ids.identify(f.path)}`;
  const oldKeys = old.map((f) => keyOf(f, oldIds));
  const newKeys = now.map((f) => keyOf(f, newIds));
  const left = counts(oldKeys);
  const appeared: Finding[] = [];
  let appearedTotal = 0;
  newKeys.forEach((k, i) => {
    const c = left.get(k) ?? 0;
    if (c > 0) left.set(k, c - 1);
    else if (++appearedTotal <= max) appeared.push(now[i]!);
  });
  const resolved: Finding[] = [];
  let resolvedTotal = 0;
  oldKeys.forEach((k, i) => {
    const c = left.get(k) ?? 0;
    if (c <= 0) return;
    left.set(k, c - 1);
    if (++resolvedTotal <= max) resolved.push(old[i]!);
  });
  return { appeared, resolved, appearedTotal, resolvedTotal };
}

function counts(keys: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}
