import { bucketKey, parseBucketKey, type Hit } from './bucket.js';
import type { Executor } from './executor.js';
import { minimiseBytes } from './minimise-bytes.js';
import { reduceValue } from './reduce-value.js';
import { sourceOfBytes } from './_internals/source-of-bytes.js';
import { bytesReproducible, reproduce } from './reproduce.js';
import { shrinkWords } from './shrink-value.js';
import type { CarriedInput } from './wire.js';

export interface ShrinkJob {
  readonly key: string;
  /** The bucket's smallest reproducer so far, and its first (when it is a different input). */
  readonly smallest: CarriedInput;
  readonly first?: CarriedInput;
}

export interface ShrinkResult {
  readonly key: string;
  readonly bytes: Uint8Array;
  readonly value?: Readonly<Record<string, unknown>>;
  /** fast-check's counterexample path, when its shrinking produced the value the bytes come from. */
  readonly counterexamplePath?: string;
  /** Predicate calls spent on the value (fast-check shrinking, then structural reduction). */
  readonly valueCalls: number;
  readonly byteAttempts: number;
}

/** Predicate-call budgets: a simulation costs microseconds, a validation a third of a millisecond, an encode more. */
const VALUE_BUDGET = 24;
const REDUCE_BUDGET = 64;
const BYTE_BUDGET_SIM = 20_000;
const BYTE_BUDGET_VALIDATE = 1_500;
const BYTE_BUDGET_EXEC = 64;
const BYTE_BUDGET_EXEC_PERSISTENT = 256;

/**
 * The smallest reproducer of a bucket: fast-check shrinking of the structured value when
 * the input was generated, then byte-level minimisation. Every candidate kept still falls
 * in the same bucket, and the result is never larger than the input it started from.
 */
export function shrinkReproducer(job: ShrinkJob, executor: Executor): ShrinkResult {
  const { key } = job;
  const setup = executor.setup;
  const stillBytes = (b: Uint8Array): boolean => reproduce(b, key, setup) !== undefined;
  let best: { bytes: Uint8Array; value?: Readonly<Record<string, unknown>>; counterexamplePath?: string } = {
    bytes: job.smallest.bytes, ...(job.smallest.value !== undefined ? { value: job.smallest.value } : {}),
  };
  // A source value leaves derived fields out (the encoder recomputes them); a corpus file's decoded value pins them all.
  let source = job.smallest.how.startsWith('corpus:') ? undefined : job.smallest.value;
  let valueCalls = 0;
  const generated = [job.smallest, job.first].find((i) => i?.words !== undefined);
  if (generated?.words !== undefined) {
    const stillValue = valueStill(key, executor, stillBytes);
    const shrunk = shrinkWords(generated.words, (w) => stillValue(executor.deriver.valueFrom(w)), VALUE_BUDGET);
    if (shrunk !== undefined) {
      valueCalls = shrunk.calls;
      const value = executor.deriver.valueFrom(shrunk.words);
      const bytes = executor.deriver.encode(value);
      if (bytes !== undefined && bytes.length <= best.bytes.length && stillValue(value)) {
        best = { bytes, value, counterexamplePath: shrunk.path };
        source = value;
      }
    }
  }
  source ??= sourceOfBytes(setup.schema, best.bytes);
  if (source !== undefined) {
    const stillValue = valueStill(key, executor, stillBytes);
    const reduced = reduceValue(source, stillValue, REDUCE_BUDGET);
    valueCalls += reduced.calls;
    const bytes = executor.deriver.encode(reduced.value);
    if (bytes !== undefined && bytes.length < best.bytes.length && stillValue(reduced.value)) {
      best = { bytes, value: reduced.value };
    }
  }
  let byteAttempts = 0;
  if (bytesReproducible(key) && stillBytes(best.bytes)) {
    const k = parseBucketKey(key);
    // A real consumer (--exec) costs a process start per attempt, or a round trip in persistent mode.
    const exec = setup.exec !== undefined && k?.profile === setup.exec.name ? (setup.exec.persistent ? BYTE_BUDGET_EXEC_PERSISTENT : BYTE_BUDGET_EXEC) : undefined;
    const budget = exec ?? (k?.kind === 'crash' ? BYTE_BUDGET_SIM : BYTE_BUDGET_VALIDATE);
    const m = minimiseBytes(best.bytes, stillBytes, budget);
    byteAttempts = m.attempts;
    if (m.bytes !== best.bytes) best = { bytes: m.bytes };
  }
  return { key, ...best, valueCalls, byteAttempts };
}

/** The value-level predicate: a round-trip bucket re-checks the round trip, the others the encoded bytes. */
function valueStill(key: string, executor: Executor, stillBytes: (b: Uint8Array) => boolean): (v: Record<string, unknown>) => boolean {
  const k = parseBucketKey(key);
  if (k?.fault === 'ROUND_TRIP') {
    return (v) => {
      const hits: Hit[] = [];
      executor.checker.roundTrip(v, hits);
      return hits.some((h) => bucketKey(h) === key);
    };
  }
  return (v) => {
    const bytes = executor.deriver.encode(v);
    return bytes !== undefined && stillBytes(bytes);
  };
}
