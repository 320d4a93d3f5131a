import { formatPath } from '../../findings/index.js';
import { decode } from '../../parse/index.js';
import { bucketKey, faultLocation, inputReadOf, parseBucketKey, type Hit } from './bucket.js';
import type { CheckSetup } from './checks.js';
import { DEFAULT_BUDGET_MS } from './options.js';
import { simulateBounded, validateBounded, VALIDATE_BUDGET_FACTOR } from './_internals/bounded.js';
import { throwHit, type Stage } from './_internals/error-hit.js';
import { disagreementHit, execHit, runnerFor } from '../../exec/hits.js';
import type { ExecSetup } from '../../exec/runner.js';

/** Whether a bucket can be re-checked from bytes alone (not timing, not a value round trip). */
export function bytesReproducible(key: string): boolean {
  const k = parseBucketKey(key);
  if (k === undefined) return false;
  if (k.kind === 'robustness') return k.fault === 'THROW' && /^(simulate|validate|decode):/.test(k.location);
  return true;
}

/**
 * Re-runs only the check that produced the bucket and says whether `bytes` still falls in
 * it: the predicate of shrinking, of `preflight replay` and of the failure-database rerun.
 * Returns the hit it finds (same key), or undefined. Never throws.
 */
export function reproduce(bytes: Uint8Array, key: string, setup: CheckSetup): Hit | undefined {
  const k = parseBucketKey(key);
  if (k === undefined) return undefined;
  if (k.kind === 'robustness') return reproduceThrow(bytes, key, k.location, setup);
  if (setup.exec !== undefined && k.profile === setup.exec.name) return reproduceExec(bytes, key, k.kind, setup, setup.exec);
  const sim = simulateNamed(bytes, setup, k.profile);
  if (sim === undefined) return undefined;
  const f = sim.fault;
  if (f === null || sim.outcome === 'load') return undefined;
  if (k.kind === 'crash' && sim.outcome !== 'crash') return undefined;
  if (f.code !== k.fault || faultLocation(f.code, f.path, inputReadOf(setup.model, f)) !== k.location) return undefined;
  const hit: Hit = { kind: k.kind, profile: k.profile, fault: f.code, location: k.location, path: formatPath(f.path), offset: f.offset };
  if (k.kind === 'crash') return hit;
  try {
    const verdict = validateBounded('replay', bytes, setup, VALIDATE_BUDGET_FACTOR * (setup.budgetMs ?? DEFAULT_BUDGET_MS)).verdict;
    return verdict === 'fail' ? undefined : { ...hit, detail: `validate verdict ${verdict}, consumer outcome ${sim.outcome}` };
  } catch {
    return undefined;
  }
}

/** A bucket of the real consumer (--exec): run it again; a soundness bucket also needs validate not to fail the file. */
function reproduceExec(bytes: Uint8Array, key: string, kind: string, setup: CheckSetup, exec: ExecSetup): Hit | undefined {
  let r;
  try {
    r = runnerFor(exec).run(bytes);
  } catch {
    return undefined;
  }
  if (key.split('|')[2] === 'EXEC_DISAGREE') {
    const sim = simulateNamed(bytes, setup, exec.differential);
    if (sim === undefined) return undefined;
    const hit = disagreementHit(sim, r, exec);
    return hit !== undefined && bucketKey(hit) === key ? hit : undefined;
  }
  const hit = execHit(r, exec);
  if (hit === undefined) return undefined;
  if (kind === 'crash') return bucketKey(hit) === key ? hit : undefined;
  const soundness = { ...hit, kind: 'soundness' as const };
  if (bucketKey(soundness) !== key) return undefined;
  try {
    const verdict = validateBounded('replay', bytes, setup, VALIDATE_BUDGET_FACTOR * (setup.budgetMs ?? DEFAULT_BUDGET_MS)).verdict;
    return verdict === 'fail' ? undefined : { ...soundness, detail: `validate verdict ${verdict}, the real consumer: ${hit.detail ?? ''}` };
  } catch {
    return undefined;
  }
}

function reproduceThrow(bytes: Uint8Array, key: string, location: string, setup: CheckSetup): Hit | undefined {
  const stage = location.split(':', 1)[0] as Stage;
  const budgetMs = setup.budgetMs ?? DEFAULT_BUDGET_MS;
  const attempt = (fn: () => void, profile = ''): Hit | undefined => {
    try {
      fn();
      return undefined;
    } catch (e) {
      const hit = throwHit(stage, e, profile);
      return bucketKey(hit) === key ? hit : undefined;
    }
  };
  if (stage === 'simulate') {
    for (const p of setup.fleet) {
      const hit = attempt(() => simulateBounded(bytes, setup.model, p, undefined, budgetMs), p.name);
      if (hit !== undefined) return hit;
    }
    return undefined;
  }
  if (stage === 'validate') return attempt(() => validateBounded('replay', bytes, setup, VALIDATE_BUDGET_FACTOR * budgetMs));
  if (stage === 'decode') return attempt(() => decode(setup.schema, bytes));
  return undefined;
}

/** The named profile's bounded simulation of `bytes`; undefined when the fleet has no such profile or the run throws. */
function simulateNamed(bytes: Uint8Array, setup: CheckSetup, name: string | undefined): ReturnType<typeof simulateBounded> | undefined {
  const profile = setup.fleet.find((p) => p.name === name);
  if (profile === undefined) return undefined;
  try {
    return simulateBounded(bytes, setup.model, profile, undefined, setup.budgetMs ?? DEFAULT_BUDGET_MS);
  } catch {
    return undefined;
  }
}
