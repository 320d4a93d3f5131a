import { evaluateInt, evaluateRef, evaluateSize, type FieldDef, type Scope } from '../../schema/index.js';
import type { Frame } from './plan.js';
import { Bail, elementScope, takeOffset, type DecodeState, type Live } from './runtime.js';
import { utf8 } from './text.js';

/**
 * The functions handed to binary-parser. Each one evaluates a schema expression with the
 * project's evaluator (never generated code) and checks the result against the real input
 * size, because binary-parser itself silently truncates buffers. binary-parser calls them
 * as `fn.call(currentObject, vars)`, so they are plain functions reading `this`. Scopes
 * come from the frames registered by `enter`; array element indexes from per-array
 * counters, bumped by the one function that runs first for every element.
 */
export type SiteFn = (this: Live) => number;

/** str decodes like the interpreter's decodeText: lossy, unless a utf8_code makes bad UTF-8 a finding (then bail). */
export const decodeStr = (raw: Uint8Array): string => utf8(raw, false)!;
export const decodeStrStrict = (raw: Uint8Array): string => {
  const s = utf8(raw, true);
  if (s === undefined) throw new Bail('invalid UTF-8');
  return s;
};

/** Array items that had to be wrapped ({v}) because binary-parser needs a property to read into. */
export const unwrap = (items: { v: unknown }[]): unknown[] => {
  const out = items as unknown[];
  for (let i = 0; i < items.length; i++) out[i] = items[i]!.v;
  return out;
};

export class Sites {
  count = 0;

  constructor(private readonly st: DecodeState) {}

  /** The interpreter's placeAt: a number or bigint in 0..size, else BAD_OFFSET there. */
  private placeAt(f: FieldDef, scope: Scope): number {
    const v = evaluateRef(f.at!, scope).value;
    if ((typeof v !== 'number' && typeof v !== 'bigint') || v < 0 || v > this.st.size) throw new Bail(`${f.id} starts outside the file`);
    return Number(v);
  }

  /** Size of a bytes/str element at `at`; it must end inside the file (binary-parser would cut it short). */
  private sizeAt(f: FieldDef, scope: Scope, at: number): number {
    const size = evaluateSize(f.size!, scope);
    if (at + size > this.st.size) throw new Bail(`${f.id} runs past the end`);
    this.st.tape.push(size);
    return size;
  }

  /**
   * A repeat: saveOffset('$o') then `hook` evaluates the count before binary-parser loops on
   * it, and `length` hands it over. Inline arrays must fit in what is left after the cursor;
   * every array is charged against the node budget, so no count can drive a long loop.
   */
  repeat(frame: Frame, f: FieldDef, minSize: number, perElement: number): { site: number; hook: SiteFn; length: SiteFn } {
    const st = this.st;
    const site = this.count++;
    const placed = f.at !== undefined;
    const hook: SiteFn = function () {
      const start = takeOffset(this, '$o');
      const n = evaluateSize(f.repeat!, st.scope(frame));
      if (!placed && n * minSize > st.size - start) throw new Bail(`${n} × ${f.id} cannot fit`);
      st.addNodes(n * perElement);
      st.cursor[site] = start;
      st.counter[site] = -1;
      st.remember(site, this, n);
      return 0;
    };
    const length: SiteFn = function () {
      const n = st.memo(site, this);
      if (n === undefined) throw new Bail('count was not evaluated');
      return n;
    };
    return { site, hook, length };
  }

  /** One bytes/str at the cursor: saveOffset('$o') then this length (binary-parser calls it twice: memoised). */
  inlineSize(frame: Frame, f: FieldDef): SiteFn {
    const st = this.st;
    const site = this.count++;
    const self = this;
    return function () {
      const known = st.memo(site, this);
      if (known !== undefined) return known;
      const start = takeOffset(this, '$o');
      return st.remember(site, this, self.sizeAt(f, st.scope(frame), start));
    };
  }

  /** One bytes/str element of an inline array, in a {o, v} item whose `o` holds its offset. */
  elementSize(frame: Frame, f: FieldDef, array: number): SiteFn {
    const st = this.st;
    const site = this.count++;
    const self = this;
    return function () {
      const known = st.memo(site, this);
      if (known !== undefined) return known;
      const start = this.o;
      if (typeof start !== 'number') throw new Bail('lost the element offset');
      const scope = elementScope(st.scope(frame), ++st.counter[array]!);
      return st.remember(site, this, self.sizeAt(f, scope, start));
    };
  }

  /**
   * A pointer's offset. In a placed array (`array`), it is evaluated in the element scope like
   * the interpreter's decodePlaced, and is the first thing each item runs. For bytes/str the
   * size is computed here too, and `length` hands it to the buffer inside the pointer.
   */
  place(frame: Frame, f: FieldDef, array: number | undefined, nodes: number): { offset: SiteFn; length: SiteFn } {
    const st = this.st;
    const site = this.count++;
    const self = this;
    const sized = f.type.kind === 'bytes' || f.type.kind === 'str';
    const offset: SiteFn = function () {
      const scope = array === undefined ? st.scope(frame) : elementScope(st.scope(frame), ++st.counter[array]!);
      const at = self.placeAt(f, scope);
      st.tape.push(at);
      if (array === undefined) st.addNodes(nodes); // placed arrays were charged by their count
      if (sized) st.memoVal[site] = self.sizeAt(f, scope, at);
      return at;
    };
    const length: SiteFn = () => st.memoVal[site]!;
    return { offset, length };
  }

  /**
   * Placed array of structs: each item seeks to its record and back, so the item itself is
   * the record (no wrapper: sibling records stay visible to expressions while parsing).
   */
  seekEach(frame: Frame, f: FieldDef, repeatSite: number): { to: SiteFn; back: SiteFn } {
    const st = this.st;
    const self = this;
    const to: SiteFn = function () {
      const at = self.placeAt(f, elementScope(st.scope(frame), ++st.counter[repeatSite]!));
      st.tape.push(at);
      return at - st.cursor[repeatSite]!;
    };
    const back: SiteFn = function () {
      return st.cursor[repeatSite]! - takeOffset(this, '$e');
    };
    return { to, back };
  }

  /**
   * A switch tag, always in the enclosing struct's scope (as the interpreter does); unknown
   * tags bail. In an inline array the tag is the first thing every element runs, so it
   * bumps the array's element index (`array`).
   */
  tag(frame: Frame, f: FieldDef, array: number | undefined): SiteFn {
    const st = this.st;
    const t = f.type;
    if (t.kind !== 'switch') throw new Error('not a switch');
    return function () {
      if (array !== undefined) st.counter[array]!++;
      const key = Number(evaluateInt(t.on, st.scope(frame)));
      if (!t.cases.has(key)) throw new Bail(`unknown ${f.id} tag`);
      st.tape.push(key);
      return key;
    };
  }

  /**
   * First thing in a struct whose fields need a scope: registers the object in its frame.
   * `array`: the array it is an element of; `bump`: nothing ran for this element before.
   */
  enter(frame: Frame, array: number | undefined, bump: boolean): SiteFn {
    const st = this.st;
    return function () {
      st.enter(frame, this, array === undefined ? undefined : bump ? ++st.counter[array]! : st.counter[array]!);
      return 0;
    };
  }

  /** A view is read after the parse; this records its scope and holder, in the interpreter's order. */
  view(frame: Frame, f: FieldDef): SiteFn {
    const st = this.st;
    return function () {
      st.viewScopes.push(st.scope(frame));
      st.viewFields.push(f);
      st.viewHolders.push(this);
      return 0;
    };
  }
}
