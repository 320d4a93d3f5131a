/**
 * A bounded cache that keeps what was used recently, in two generations of at most half the
 * capacity each. A hit in the young generation is one Map lookup, which matters because the
 * fuzzer asks for a verdict millions of times; a hit in the old generation moves the entry to
 * the young one; when the young generation is full it becomes the old one and the old one is
 * dropped. So at most `capacity` entries are held, and an entry used since the last turnover
 * survives the next one (an exact LRU would cost a delete and a set on every hit).
 */
export class BoundedLru<K, V> {
  #young = new Map<K, V>();
  #old = new Map<K, V>();
  readonly #half: number;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 2) throw new RangeError(`capacity must be an integer of at least 2, got ${capacity}`);
    this.#half = Math.floor(capacity / 2);
  }

  get size(): number {
    return this.#young.size + this.#old.size;
  }

  get(key: K): V | undefined {
    const young = this.#young.get(key);
    if (young !== undefined || this.#young.has(key)) return young;
    if (!this.#old.has(key)) return undefined;
    const value = this.#old.get(key) as V;
    this.#old.delete(key);
    this.#store(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.#old.delete(key);
    this.#store(key, value);
  }

  clear(): void {
    this.#young.clear();
    this.#old.clear();
  }

  #store(key: K, value: V): void {
    this.#young.set(key, value);
    if (this.#young.size >= this.#half) {
      this.#old = this.#young;
      this.#young = new Map();
    }
  }
}
