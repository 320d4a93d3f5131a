import { readClass } from './re2-quick-class.js';
import { type CountedRepeat, PERL_GROUP, readCountedRepeat, readPerlGroup } from './re2-quick-operators.js';
import { FAILED, isPerlClassLetter, MESSAGE, readEscapedChar, ScanState, unitWidth } from './re2-quick-scan.js';
import { formatRe2Error } from './re2-reason.js';

/** Longer patterns go to RE2: they are rare, and their compile cost is harder to bound. */
export const MAX_QUICK_PATTERN_LENGTH = 512;
/** RE2's own limit on a count (its maximum_repeat_count); larger is a parse error. */
const RE2_MAX_REPEAT = 1000;
/**
 * Valid counted repetitions are decided only while they stay small: RE2 compiles {n} into n
 * copies, and enough copies exhaust its WASM heap ((?:\W){8000} does, \W{1000} takes 0.3 s).
 * Each count may be at most MAX_DECIDED_COUNT, and the counts times their operands' lengths at
 * most MAX_EXPANSION in all; patterns beyond that are left to RE2 unless a syntax error decides.
 */
const MAX_DECIDED_COUNT = 100;
const MAX_EXPANSION = 1000;

/**
 * A fast path for re2SyntaxError: decides a pattern in linear time when it keeps to a subset of
 * RE2 syntax modelled exactly on RE2's parser (re2/parse.cc), and returns undefined ("ask RE2")
 * otherwise. A defined answer is exactly what re2SyntaxError would have reported from RE2
 * itself: null for valid, else formatRe2Error of RE2's error text. Never throws.
 *
 * Left to RE2: patterns over MAX_QUICK_PATTERN_LENGTH units, lone surrogates (re2-wasm's
 * UTF-8 conversion garbles them), \p \P \x \u \Q \C, (?P<name>, counted repetitions nested in
 * counted repetitions or too large to compile cheaply, and counted repetitions in patterns
 * holding non-ASCII characters (case folding can multiply their compiled size).
 */
export function quickRe2Verdict(pattern: string): string | null | undefined {
  try {
    if (typeof pattern !== 'string' || pattern.length > MAX_QUICK_PATTERN_LENGTH) return undefined;
    const text = scanText(pattern);
    if (text.loneSurrogate) return undefined;
    const raw = new QuickParser(pattern, text.nonAscii).run();
    return raw === undefined || raw === null ? raw : formatRe2Error(raw);
  } catch {
    return undefined;
  }
}

function scanText(source: string): { loneSurrogate: boolean; nonAscii: boolean } {
  let nonAscii = false;
  for (let i = 0; i < source.length; i += 1) {
    const code = source.charCodeAt(i);
    if (code < 0x80) continue;
    nonAscii = true;
    if (code >= 0xdc00 && code <= 0xdfff) return { loneSurrogate: true, nonAscii };
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = source.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return { loneSurrogate: true, nonAscii };
      i += 1;
    }
  }
  return { loneSurrogate: false, nonAscii };
}

/** An open group: where its '(' is, and whether it holds a counted repetition. */
interface OpenGroup {
  readonly start: number;
  holdsCounted: boolean;
}

/**
 * RE2's main parse loop, reduced to what decides validity: whether the top of RE2's stack is
 * an operand (a repetition needs one) or a marker ('(' or '|'), whether the previous token was
 * a repetition operator (RE2 rejects stacked ones: a**, a{2}*), and the open groups. Flags are
 * not tracked: (?i) (?s) (?m) (?U) change what a pattern matches, never whether it parses.
 * The group stack is an array, so hostile nesting costs memory linear in the length, no more.
 */
class QuickParser {
  private readonly state: ScanState;
  private readonly groups: OpenGroup[] = [];
  /** Where the operand on top of RE2's stack starts; FAILED when the top is a marker or empty. */
  private operandStart = FAILED;
  /** Whether that operand holds a counted repetition. */
  private operandHoldsCounted = false;
  /** Where the previous token started, if it was a repetition operator; else FAILED. */
  private lastRepeatStart = FAILED;
  private tokenIsRepeat = false;
  /** Valid so far, but RE2's compile of it is not cheap enough to vouch for. */
  private costly = false;
  private expansion = 0;

  constructor(private readonly source: string, private readonly nonAscii: boolean) {
    this.state = new ScanState(source);
  }

  /** RE2's raw error text, null when valid, undefined when only RE2 can tell. */
  run(): string | null | undefined {
    const { source, state } = this;
    let pos = 0;
    while (pos < source.length) {
      const start = pos;
      this.tokenIsRepeat = false;
      pos = this.step(pos);
      if (pos === FAILED) return state.deferred ? undefined : state.error ?? undefined;
      this.lastRepeatStart = this.tokenIsRepeat ? start : FAILED;
    }
    if (this.groups.length > 0) return `${MESSAGE.missingParen}: ${source}`;
    return this.costly ? undefined : null;
  }

  private step(pos: number): number {
    const { source, state } = this;
    switch (source[pos]) {
      case '(': {
        if (source[pos + 1] !== '?') return this.open(pos, pos + 1);
        const end = readPerlGroup(state, pos);
        return end !== FAILED && state.codePoint === PERL_GROUP.opensGroup ? this.open(pos, end) : end;
      }
      case ')':
        return this.close(pos);
      case '|':
        this.operandStart = FAILED;
        return pos + 1;
      case '[':
        return this.operand(pos, readClass(state, pos));
      case '*':
      case '+':
      case '?':
        return this.repeat(pos, pos + 1, null);
      case '{': {
        const counted = readCountedRepeat(source, pos);
        return counted === null ? this.operand(pos, pos + 1) : this.repeat(pos, counted.end, counted);
      }
      case '\\': {
        const next = source[pos + 1];
        // \b \B \A \z are assertions and \d \s \w classes: all operands, as '^' '$' '.' are.
        if (next === 'b' || next === 'B' || next === 'A' || next === 'z' || isPerlClassLetter(next)) return this.operand(pos, pos + 2);
        return this.operand(pos, readEscapedChar(state, pos));
      }
      default:
        return this.operand(pos, pos + unitWidth(state.codePointAt(pos)));
    }
  }

  private operand(start: number, end: number): number {
    if (end !== FAILED) {
      this.operandStart = start;
      this.operandHoldsCounted = false;
    }
    return end;
  }

  private open(start: number, end: number): number {
    this.groups.push({ start, holdsCounted: false });
    this.operandStart = FAILED;
    return end;
  }

  private close(pos: number): number {
    const group = this.groups.pop();
    if (group === undefined) return this.state.fail(MESSAGE.unexpectedParen, this.source);
    const outer = this.groups[this.groups.length - 1];
    if (outer !== undefined && group.holdsCounted) outer.holdsCounted = true;
    this.operandStart = group.start;
    this.operandHoldsCounted = group.holdsCounted;
    return pos + 1;
  }

  /** * + ? or a counted repetition from `start` to `end`, then an optional lazy '?'. */
  private repeat(start: number, end: number, counted: CountedRepeat | null): number {
    const { source, state } = this;
    const opEnd = source[end] === '?' ? end + 1 : end;
    if (this.lastRepeatStart !== FAILED) return state.fail(MESSAGE.repeatOp, source.slice(this.lastRepeatStart, opEnd));
    if (counted !== null && (counted.lo > RE2_MAX_REPEAT || counted.hi > RE2_MAX_REPEAT || (counted.hi !== -1 && counted.hi < counted.lo))) {
      return state.fail(MESSAGE.repeatSize, source.slice(start, opEnd));
    }
    if (this.operandStart === FAILED) return state.fail(MESSAGE.repeatArgument, source.slice(start, opEnd));
    this.tokenIsRepeat = true;
    if (counted === null) return opEnd;
    // RE2 rejects nested counts whose product passes 1000, and compiles their product: RE2's call.
    if (this.operandHoldsCounted) return state.defer();
    const times = Math.max(1, counted.lo, counted.hi);
    this.expansion += times * (start - this.operandStart);
    if (times > MAX_DECIDED_COUNT || this.expansion > MAX_EXPANSION || this.nonAscii) this.costly = true;
    this.operandHoldsCounted = true;
    const group = this.groups[this.groups.length - 1];
    if (group !== undefined) group.holdsCounted = true;
    return opEnd;
  }
}
