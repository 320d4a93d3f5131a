import { isUtf8 } from 'node:buffer';
import { checksum } from '../../codec/checksum.js';
import { re2Check, redosHazard } from '../../regex/index.js';
import type { WorkBudget } from '../../budget/work-budget.js';
import type { ChecksumAlgo } from '../../schema/index.js';

/**
 * Thrown by generated code (through `B()`) where the evaluator would throw an EvalError or where
 * a value leaves what the compiled code represents (an integer past 2^53): the file is then not
 * decided here, and the full pipeline runs. Never a finding by itself.
 */
export const BAIL: unique symbol = Symbol('compiled validator: not decided');

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** What one run of the generated function may use besides the bytes: the budget of this pass. */
export class RunContext {
  budget!: WorkBudget;
  /** Regex work this pass has done (ms): past REGEX_PASS_MS the file is left to the pipeline. */
  regexMs = 0;
  /** The pool UTF8V last checked in this pass (bytes, offset, length) and whether all of it is well-formed UTF-8. */
  poolBytes: Uint8Array | undefined;
  poolAt = 0;
  poolLen = 0;
  poolValid = false;

  /** A new pass: nothing known about any pool. */
  start(budget: WorkBudget): void {
    this.budget = budget;
    this.regexMs = 0;
    this.poolBytes = undefined;
  }
}

/**
 * The most regex work (ms) the compiled pass does on one file. Verdicts are memoised per distinct
 * pattern, so the pipeline that runs after an undecided file reuses what this pass found; a file
 * of many slow patterns is undecided here after this much, not after the file's 4 s regex budget.
 */
export const REGEX_PASS_MS = 500;

/**
 * The helpers generated code calls, as one object (`R`): each is small and monomorphic. None
 * allocates per field except P (a pattern's text, once per pattern field) and the checksums.
 */
export const R = {
  /** Not decided: unwinds to the wrapper. */
  B(): never {
    throw BAIL;
  },
  /** An integer result the evaluator would keep exactly, as a number; past 2^53, not decided. */
  S(n: number): number {
    if (!Number.isSafeInteger(n)) throw BAIL;
    return n === 0 ? 0 : n;
  },
  /** A size, count or offset: a non-negative integer (the evaluator's evaluateSize). */
  SZ(n: number): number {
    if (n < 0) throw BAIL;
    return n;
  },
  /** Integer division and remainder with the evaluator's truncation; by zero it throws an EvalError. */
  DV(a: number, b: number): number {
    if (b === 0) throw BAIL;
    return R.S(Number(BigInt(a) / BigInt(b)));
  },
  MD(a: number, b: number): number {
    if (b === 0) throw BAIL;
    return R.S(Number(BigInt(a) % BigInt(b)));
  },
  /** Bitwise operators as the evaluator computes them (on BigInt), kept only while the result is a safe integer. */
  BW(op: number, a: number, b: number): number {
    const x = BigInt(a);
    const y = BigInt(b);
    let r: bigint;
    switch (op) {
      case 0: r = x & y; break;
      case 1: r = x | y; break;
      case 2: r = x ^ y; break;
      case 3: if (y < 0n || y > 64n) throw BAIL; r = x << y; break;
      default: if (y < 0n || y > 64n) throw BAIL; r = x >> y; break;
    }
    if (r > 9007199254740991n || r < -9007199254740991n) throw BAIL;
    return Number(r);
  },
  NOT(a: number): number {
    return R.S(Number(~BigInt(a)));
  },
  /**
   * u8/s8 as the evaluator holds them: a number when it is a safe integer, else a bigint. Generated
   * code compares integers with == and <, exact across the two; arithmetic on a bigint throws a
   * TypeError or fails R.S, and any throw is "not decided".
   */
  U8(dv: DataView, o: number, le: boolean): number | bigint {
    const hi = dv.getUint32(le ? o + 4 : o, le);
    const lo = dv.getUint32(le ? o : o + 4, le);
    return hi < 0x200000 ? hi * 0x100000000 + lo : dv.getBigUint64(o, le);
  },
  S8(dv: DataView, o: number, le: boolean): number | bigint {
    const v = dv.getBigInt64(o, le);
    return v > 9007199254740991n || v < -9007199254740991n ? v : Number(v);
  },
  /** Whether bytes[o, o+n) are valid UTF-8, exactly as a fatal TextDecoder decides (no overlongs, surrogates or > U+10FFFF). */
  UTF8(b: Uint8Array, o: number, n: number): boolean {
    const end = o + n;
    let i = o;
    while (i < end) {
      const c = b[i]!;
      if (c < 0x80) { i++; continue; }
      let need: number;
      let lo = 0x80;
      let hi = 0xbf;
      if (c >= 0xc2 && c <= 0xdf) need = 1;
      else if (c >= 0xe0 && c <= 0xef) { need = 2; if (c === 0xe0) lo = 0xa0; else if (c === 0xed) hi = 0x9f; }
      else if (c >= 0xf0 && c <= 0xf4) { need = 3; if (c === 0xf0) lo = 0x90; else if (c === 0xf4) hi = 0x8f; }
      else return false;
      if (i + need >= end) return false;
      const c1 = b[i + 1]!;
      if (c1 < lo || c1 > hi) return false;
      for (let k = 2; k <= need; k++) {
        const ck = b[i + k]!;
        if (ck < 0x80 || ck > 0xbf) return false;
      }
      i += need + 1;
    }
    return true;
  },
  /**
   * UTF8 for a text that is a window [o, o+n) of a pool [po, po+pn) (a view): the pool is checked
   * once per pass with Node's native isUtf8 (the same rules as a fatal TextDecoder). In a pool that
   * is well-formed UTF-8 a window is well-formed exactly when it neither starts on a continuation
   * byte nor ends before one (it cuts no character); in any other pool each window is checked
   * byte by byte as before. Same answer as UTF8, without reading each string's bytes again (on the
   * 69 MB set the byte loops were ~40% of the validator's time).
   */
  UTF8V(ctx: RunContext, b: Uint8Array, po: number, pn: number, o: number, n: number): boolean {
    if (ctx.poolBytes !== b || ctx.poolAt !== po || ctx.poolLen !== pn) {
      ctx.poolBytes = b;
      ctx.poolAt = po;
      ctx.poolLen = pn;
      ctx.poolValid = po >= 0 && po + pn <= b.length && isUtf8(b.subarray(po, po + pn));
    }
    if (!ctx.poolValid || o < po || o + n > po + pn) return R.UTF8(b, o, n);
    const end = o + n;
    return n === 0 || ((b[o]! & 0xc0) !== 0x80 && (end === po + pn || (b[end]! & 0xc0) !== 0x80));
  },
  /**
   * A pattern field's verdicts, the checks' own (re2Check, then redosHazard when the schema names
   * a ReDoS code), both memoised per distinct pattern in src/regex: true only when both say clean.
   */
  P(ctx: RunContext, b: Uint8Array, o: number, n: number, redos: boolean): boolean {
    let text: string;
    try {
      text = strict.decode(b.subarray(o, o + n));
    } catch {
      return false;
    }
    if (ctx.regexMs > REGEX_PASS_MS) return false;
    const start = performance.now();
    try {
      const syntax = ctx.budget.timedRegex((ms) => re2Check(text, ms));
      if (syntax.kind !== 'valid') return false;
      if (!redos) return true;
      return ctx.budget.timedRegex((ms) => redosHazard(text, ms)) === null;
    } finally {
      ctx.regexMs += performance.now() - start;
    }
  },
  /** An integer checksum over bytes[from, to), as a number (every integer algorithm has at most 32 bits). */
  CK(algo: Exclude<ChecksumAlgo, 'sha256'>, b: Uint8Array, from: number, to: number): number {
    return Number(checksum(algo, b.subarray(from, to)));
  },
  /** Magic bytes: bytes[o, o+n) equal `want`. */
  EQB(b: Uint8Array, o: number, n: number, want: Uint8Array): boolean {
    if (n !== want.length) return false;
    for (let i = 0; i < n; i++) if (b[o + i] !== want[i]) return false;
    return true;
  },
  now: (): number => performance.now(),
};

export type Runtime = typeof R;
