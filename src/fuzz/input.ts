/** One candidate content file in a campaign, with how it was made (for reproducer metadata). */
export interface FuzzInput {
  readonly bytes: Uint8Array;
  /** The structured value it was encoded from, when it came from generation or a field-level mutation. */
  readonly value?: Readonly<Record<string, unknown>>;
  /** Human-readable provenance: "generated", "corpus:spring.bin", "field:instances[2].criteria[20].op", "raw:flip@117"... */
  readonly how: string;
}
