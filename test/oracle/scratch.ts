/**
 * Reusable typed-array storage for one simulation: what the load phase decoded, in the
 * order it decoded it. Arrays grow on demand (doubling) as records are actually read, so
 * a hostile count in a header never allocates anything by itself.
 */
export class Scratch {
  // Template-type table entries, in table order.
  typeId = new Uint16Array(16);
  typeOff = new Float64Array(16);
  typeFc = new Uint8Array(16);
  /** type_id → 1 + index of its FIRST table entry (0: not in the table). Cleared on release. */
  readonly firstEntry = new Int32Array(65536);
  // Instance index entries (absolute record offsets).
  entry = new Float64Array(64);
  // Decoded instance heads, in index order.
  instIdx = new Int32Array(64);
  instOff = new Float64Array(64);
  instType = new Uint16Array(64);
  critStart = new Int32Array(64);
  critEnd = new Int32Array(64);
  // Decoded criteria, instance by instance.
  critOp = new Uint8Array(256);
  critPos = new Float64Array(256);
  critLen = new Uint16Array(256);
  // Per-slot / per-input flags of the static analysis.
  beyond = new Uint8Array(16);
  confused = new Uint8Array(64);

  growTypes(): void {
    this.typeId = grow(this.typeId);
    this.typeOff = grow(this.typeOff);
    this.typeFc = grow(this.typeFc);
  }

  growEntries(min: number): void {
    while (this.entry.length < min) this.entry = grow(this.entry);
  }

  growInstances(): void {
    this.instIdx = grow(this.instIdx);
    this.instOff = grow(this.instOff);
    this.instType = grow(this.instType);
    this.critStart = grow(this.critStart);
    this.critEnd = grow(this.critEnd);
  }

  growCriteria(): void {
    this.critOp = grow(this.critOp);
    this.critPos = grow(this.critPos);
    this.critLen = grow(this.critLen);
  }

  /** Zeroed flags for `slots` listed types and `inputs` supplied inputs in all. */
  resetFlags(slots: number, inputs: number): void {
    if (this.beyond.length < slots) this.beyond = new Uint8Array(slots);
    else this.beyond.fill(0, 0, slots);
    if (this.confused.length < inputs) this.confused = new Uint8Array(inputs);
    else this.confused.fill(0, 0, inputs);
  }
}

type Typed = Uint8Array | Uint16Array | Int32Array | Float64Array;

function grow<T extends Typed>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a as never);
  return b;
}

let spare: Scratch | undefined;

/** Takes the spare scratch (or a new one, if a simulation is already running). */
export function acquireScratch(): Scratch {
  const s = spare ?? new Scratch();
  spare = undefined;
  return s;
}

/** Returns a scratch for reuse, clearing the type lookup entries it set. */
export function releaseScratch(s: Scratch, typeCount: number): void {
  for (let k = 0; k < typeCount; k++) s.firstEntry[s.typeId[k] ?? 0] = 0;
  spare = s;
}
