import type { ConsumerProfile } from '../../consumer/index.js';

/** What one key of a lookup table (e.g. a template type id) means to the deployed consumers. */
export interface KeyHint {
  /** How many elements consumers supply for this key (e.g. input counts), one per distinct count. */
  readonly counts: readonly number[];
  /** Enum names of the elements supplied, in order (the longest list any consumer supplies). */
  readonly names: readonly string[];
}

export interface EdgeHints {
  /** Integers that matter to the deployed consumers: supplied-input counts and each ±1, limits and ±1, 0, 1, field-count bounds. */
  readonly ints: readonly number[];
  /**
   * For `repeat` arrays keyed by a lookup (e.g. criteria per template type): the per-key counts
   * consumers supply. Optional use: the generator draws unique keys from these keys and sizes
   * the enum arrays inside such elements from `counts` (and fills them from `names`).
   */
  readonly keyed?: ReadonlyMap<number, KeyHint>;
}

/** Edge integers and per-key input shapes of a fleet of consumer profiles. */
export function edgeHintsFromFleet(fleet: readonly ConsumerProfile[]): EdgeHints {
  const ints = new Set<number>([0, 1, 2]);
  const around = (n: number): void => {
    for (const d of [-1, 0, 1]) if (n + d >= 0) ints.add(n + d);
  };
  const counts = new Map<number, Set<number>>();
  const names = new Map<number, readonly string[]>();
  for (const p of fleet) {
    for (const [key, t] of p.templates) {
      ints.add(key);
      around(t.inputs.length);
      let c = counts.get(key);
      if (!c) counts.set(key, (c = new Set()));
      c.add(t.inputs.length);
      if ((names.get(key)?.length ?? -1) < t.inputs.length) names.set(key, t.inputs);
    }
    around(p.limits.max_instances);
    around(p.limits.max_file_size);
    around(p.limits.regex_max_length);
  }
  const keyed = new Map<number, KeyHint>();
  for (const key of [...counts.keys()].sort((a, b) => a - b)) {
    keyed.set(key, { counts: [...counts.get(key)!].sort((a, b) => a - b), names: names.get(key) ?? [] });
  }
  return { ints: [...ints].sort((a, b) => a - b), keyed };
}
