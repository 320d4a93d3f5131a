import { type CharSet, EMPTY_SET, isEmptySet, isSubsetOf, setsIntersect, unionSets } from './char-set.js';
import type { RegexNode, Span } from './regex-ast.js';
import { quotePattern } from './quote-pattern.js';
import { type LoopRef, type OpenLoop, adjacentLoopsReason, loopsCanTrade, repetitionHazard } from './structural-rules.js';

/** What the structural rules (structural-rules.ts) need to know about a node, composed bottom-up. */
export interface Summary {
  readonly nullable: boolean;
  /** False when the node always matches (at worst, empty), so nothing before it backtracks. */
  readonly canFail: boolean;
  /** Characters a non-empty match can start with. */
  readonly first: CharSet;
  /** Every character a match can contain. */
  readonly all: CharSet;
  /** Set when the node always consumes exactly one character, in exactly one way: [ab], (a|b). */
  readonly singleClass: CharSet | null;
  /** Characters of variable-length loops anywhere inside (x*, x{1,5}, (?:ab)+). */
  readonly loopChars: CharSet;
  /** Characters of variable-length loops that can consume the last character of a match. */
  readonly tailLoopChars: CharSet;
  /** Some variable-length loop inside is followed by text it could also have consumed. */
  readonly loopMeetsOverlap: boolean;
  /** Unbounded loops that can consume the first / last character of a match (rule C). */
  readonly headLoop: LoopRef | null;
  readonly tailLoop: LoopRef | null;
  /** For alternations: two branches can start with the same character. */
  readonly branchesOverlap: boolean;
  /** Rule C found loops that trade text; a hazard once something after them can fail. */
  readonly pendingOverlap: string | null;
  readonly hazard: string | null;
  /** Group and quantifier nesting depth. */
  readonly depth: number;
}

/** How many earlier loops a sequence remembers while looking for one its next item trades with. */
const MAX_OPEN_LOOPS = 8;

const LEAF: Summary = {
  nullable: true, canFail: false, first: EMPTY_SET, all: EMPTY_SET, singleClass: null, loopChars: EMPTY_SET,
  tailLoopChars: EMPTY_SET, loopMeetsOverlap: false, headLoop: null, tailLoop: null, branchesOverlap: false,
  pendingOverlap: null, hazard: null, depth: 0,
};

export function charsSummary(set: CharSet): Summary {
  return { ...LEAF, nullable: false, canFail: true, first: set, all: set, singleClass: isEmptySet(set) ? null : set };
}

export function assertionSummary(): Summary {
  return { ...LEAF, canFail: true };
}

export function emptySummary(): Summary {
  return LEAF;
}

export function alternationSummary(branches: readonly RegexNode[]): Summary {
  let acc: Summary = { ...LEAF, nullable: false, canFail: true, singleClass: EMPTY_SET };
  for (const { summary: s } of branches) {
    const overlaps = setsIntersect(acc.first, s.first);
    const disjointSingles = acc.singleClass !== null && s.singleClass !== null && !overlaps;
    acc = {
      nullable: acc.nullable || s.nullable,
      canFail: acc.canFail && s.canFail,
      first: unionSets(acc.first, s.first),
      all: unionSets(acc.all, s.all),
      singleClass: disjointSingles ? unionSets(acc.singleClass!, s.singleClass!) : null,
      loopChars: unionSets(acc.loopChars, s.loopChars),
      tailLoopChars: unionSets(acc.tailLoopChars, s.tailLoopChars),
      loopMeetsOverlap: acc.loopMeetsOverlap || s.loopMeetsOverlap,
      headLoop: mergeLoops(acc.headLoop, s.headLoop),
      tailLoop: mergeLoops(acc.tailLoop, s.tailLoop),
      branchesOverlap: acc.branchesOverlap || overlaps,
      pendingOverlap: acc.pendingOverlap ?? s.pendingOverlap,
      hazard: acc.hazard ?? s.hazard,
      depth: Math.max(acc.depth, s.depth + 1),
    };
  }
  return acc;
}

export function sequenceSummary(items: readonly RegexNode[], source: string): Summary {
  let acc: Summary = { ...LEAF };
  let open: OpenLoop[] = [];
  let overlap: string | null = null;
  for (const { summary: s } of items) {
    // Loops that trade text cost a factor of n only if something after both can still fail.
    const confirmed = overlap !== null && s.canFail ? overlap : null;
    overlap ??= s.pendingOverlap;
    const traded = s.headLoop === null ? undefined : open.find((loop) => loopsCanTrade(loop, s.headLoop!));
    if (traded !== undefined) overlap ??= adjacentLoopsReason(source, traded, s.headLoop!);
    open = s.nullable ? open : open.filter((loop) => isSubsetOf(s.all, loop.chars)).map((loop) => ({ ...loop, gap: unionSets(loop.gap, s.all) }));
    if (s.tailLoop !== null) open = [...open, { ...s.tailLoop, gap: EMPTY_SET }].slice(-MAX_OPEN_LOOPS);
    acc = {
      nullable: acc.nullable && s.nullable,
      canFail: acc.canFail || s.canFail,
      first: acc.nullable ? unionSets(acc.first, s.first) : acc.first,
      all: unionSets(acc.all, s.all),
      singleClass: items.length === 1 ? s.singleClass : null,
      loopChars: unionSets(acc.loopChars, s.loopChars),
      tailLoopChars: s.nullable ? unionSets(acc.tailLoopChars, s.tailLoopChars) : s.tailLoopChars,
      loopMeetsOverlap: acc.loopMeetsOverlap || s.loopMeetsOverlap || setsIntersect(acc.tailLoopChars, s.first),
      headLoop: acc.nullable ? mergeLoops(acc.headLoop, s.headLoop) : acc.headLoop,
      tailLoop: s.nullable ? mergeLoops(acc.tailLoop, s.tailLoop) : s.tailLoop,
      branchesOverlap: items.length === 1 && s.branchesOverlap,
      pendingOverlap: null,
      hazard: acc.hazard ?? s.hazard ?? confirmed,
      depth: Math.max(acc.depth, s.depth + 1),
    };
  }
  return { ...acc, pendingOverlap: acc.hazard === null ? overlap : null };
}

export function repeatSummary(body: RegexNode, min: number, max: number, span: Span, source: string): Summary {
  const b = body.summary;
  // x{0} never runs its body, so nothing inside it can backtrack.
  if (max === 0) return { ...LEAF, depth: b.depth + 1 };
  const variableClassLoop = b.singleClass !== null && max > min && max > 1;
  const groupLoop = b.singleClass === null && max === Infinity && !isEmptySet(b.all);
  const ownLoopChars = variableClassLoop ? b.singleClass! : groupLoop ? b.all : EMPTY_SET;
  const unbounded: LoopRef | null = (variableClassLoop && max === Infinity) || groupLoop
    ? { chars: ownLoopChars, overClass: variableClassLoop, span }
    : null;
  const once = min === 1 && max === 1;
  return {
    nullable: min === 0 || b.nullable,
    canFail: min > 0 && b.canFail,
    first: b.first,
    all: b.all,
    singleClass: once ? b.singleClass : null,
    loopChars: unionSets(b.loopChars, ownLoopChars),
    tailLoopChars: isEmptySet(ownLoopChars) ? b.tailLoopChars : ownLoopChars,
    loopMeetsOverlap: b.loopMeetsOverlap,
    headLoop: unbounded ?? b.headLoop,
    tailLoop: unbounded ?? b.tailLoop,
    branchesOverlap: once && b.branchesOverlap,
    pendingOverlap: b.pendingOverlap,
    hazard: b.hazard ?? repetitionHazard(b, max, () => quotePattern(source, span.start, span.end)) ?? (max > 1 && b.canFail ? b.pendingOverlap : null),
    depth: b.depth + 1,
  };
}

function mergeLoops(a: LoopRef | null, b: LoopRef | null): LoopRef | null {
  if (a === null) return b;
  if (b === null) return a;
  return { chars: unionSets(a.chars, b.chars), overClass: a.overClass && b.overClass, span: a.span };
}
