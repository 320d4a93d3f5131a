import type { FuzzInput } from '../input.js';

/** An input as carried between threads and kept in reproducer records. */
export interface CarriedInput extends FuzzInput {
  /** For a generated input: the generator's decision words, from which fast-check shrinks it. */
  readonly words?: Uint32Array;
  /** Every profile loaded it (set when it joins the working corpus): mutants of a crasher mostly crash the same way. */
  readonly loads?: boolean;
  /** A file the user gave (--corpus): seeds lead the working corpus, in the order given. */
  readonly seed?: boolean;
}

/** One hit of a run, as sent to the main thread; the key is the bucket key. */
export interface WireHit {
  readonly key: string;
  readonly path: string;
  readonly offset: number;
  readonly detail?: string;
}

/**
 * What a worker reports for one run. Runs that found nothing new and nothing at all are
 * left out of a chunk's answer (only counted), so the common case costs no message space.
 */
export interface RunReport {
  /** Global run index (negative for the seed files run before the campaign). */
  readonly r: number;
  readonly size: number;
  /** Wall-clock time the run finished (ms since the epoch; timing only, never used to decide). */
  readonly at: number;
  /** Features this run reached that the epoch-start map had not seen. */
  readonly novel?: readonly number[];
  readonly hits?: readonly WireHit[];
  /** Present when the main thread may need the input: new coverage, or a new or smaller bucket entry. */
  readonly input?: CarriedInput;
}

/** Everything that changed in the shared campaign state during an epoch, applied in order everywhere. */
export interface EpochSync {
  readonly corpusAdds: readonly CarriedInput[];
  readonly features: readonly number[];
  readonly bucketSizes: readonly (readonly [string, number])[];
}

export const EMPTY_SYNC: EpochSync = { corpusAdds: [], features: [], bucketSizes: [] };
