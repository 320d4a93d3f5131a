import type { ConsumerModel, ModelProfile } from '../../model/index.js';

/** What one key of a lookup table (e.g. a template type id) means to the deployed consumers. */
export interface KeyHint {
  /** How many elements consumers supply for this key (e.g. input counts), one per distinct count. */
  readonly counts: readonly number[];
  /** Enum names of the elements supplied, in order (the longest list any consumer supplies). */
  readonly names: readonly string[];
}

export interface EdgeHints {
  /**
   * Integers that matter to the deployed consumers: 0, 1, 2, every supplied-input count and key,
   * every limit, each ±1, and the tags each consumer implements with their neighbours (a tag one
   * past the implemented set is the dispatch fault of an older version).
   */
  readonly ints: readonly number[];
  /**
   * For `repeat` arrays keyed by a lookup (e.g. criteria per template type): the per-key counts
   * consumers supply. Optional use: the generator draws unique keys from these keys and sizes
   * the enum arrays inside such elements from `counts` (and fills them from `names`).
   */
  readonly keyed?: ReadonlyMap<number, KeyHint>;
}

/**
 * Edge integers and per-key input shapes of a fleet, read through its consumer model: what each
 * profile supplies (`profile.inputs`), implements (`profile.tags`) and allows (`profile.limits`).
 * Nothing here knows a format: the model's declarations say which numbers matter.
 */
export function edgeHintsFromFleet(model: ConsumerModel, fleet: readonly ModelProfile[]): EdgeHints {
  const ints = new Set<number>([0, 1, 2]);
  const around = (n: number): void => {
    for (const d of [-1, 0, 1]) if (n + d >= 0 && Number.isSafeInteger(n + d)) ints.add(n + d);
  };
  const kinds = model.profile.inputs ? model.schema.enums.get(model.profile.inputs.kinds)?.byValue : undefined;
  const counts = new Map<number, Set<number>>();
  const names = new Map<number, readonly string[]>();
  for (const p of fleet) {
    for (const [key, supplied] of p.inputs) {
      ints.add(key);
      around(supplied.length);
      let c = counts.get(key);
      if (!c) counts.set(key, (c = new Set()));
      c.add(supplied.length);
      if ((names.get(key)?.length ?? -1) < supplied.length) names.set(key, supplied.map((k) => kinds?.get(k) ?? String(k)));
    }
    for (const tags of p.tags.values()) for (const t of tags) around(t);
    for (const limit of p.limits.values()) around(limit);
  }
  const keyed = new Map<number, KeyHint>();
  for (const key of [...counts.keys()].sort((a, b) => a - b)) {
    keyed.set(key, { counts: [...counts.get(key)!].sort((a, b) => a - b), names: names.get(key) ?? [] });
  }
  return { ints: [...ints].sort((a, b) => a - b), keyed };
}
