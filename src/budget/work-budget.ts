/**
 * The work one file may cost (contract B): wall-clock time and decoded nodes. Every stage that
 * loops over what a file declares spends from the same budget, and a stage that runs out stops
 * and says so with a DECODE_BUDGET finding: a budget never ends work silently.
 */
export interface BudgetLimits {
  /** Milliseconds for the whole file (decode, checks, simulation). Default DEFAULT_TIME_MS. */
  readonly timeMs?: number;
  /**
   * Nodes (decoded values) the diagnostic decoder may produce. Default: 10,000 + 4 × the file's
   * size, at most DEFAULT_MAX_NODES (which keeps the decoded tree well under 1 GB).
   */
  readonly nodes?: number;
}

export const DEFAULT_TIME_MS = 20_000;
/**
 * Milliseconds of regex work (RE2 compiles, ReDoS analysis) per file, within its time budget:
 * a file of 100 distinct slow patterns must not cost 100 RE2 time-outs. Patterns left when it
 * is spent are reported as not checked (DECODE_BUDGET), never passed.
 */
export const REGEX_FILE_BUDGET_MS = 4000;
export const DEFAULT_MAX_NODES = 1_500_000;

/** The default node budget for a file of `size` bytes. */
export const defaultNodeBudget = (size: number): number => Math.min(10_000 + size * 4, DEFAULT_MAX_NODES);

export type BudgetKind = 'time' | 'nodes';

/** What ran out, and its limit: the details of a DECODE_BUDGET finding. */
export interface BudgetExceeded {
  readonly budget: BudgetKind;
  readonly limit: number;
}

/** How often (in spend() calls) the clock is read: reading it on every node would cost more than the work. */
const CLOCK_EVERY = 1024;

export class WorkBudget {
  readonly nodeLimit: number;
  readonly timeLimitMs: number;
  private readonly deadline: number;
  private nodes = 0;
  private ticks = 0;
  private over: BudgetExceeded | null = null;
  private timeUp = false;
  private regexLeftMs = REGEX_FILE_BUDGET_MS;

  constructor(size: number, limits: BudgetLimits = {}, private readonly now: () => number = performance.now.bind(performance)) {
    this.nodeLimit = limits.nodes ?? defaultNodeBudget(size);
    this.timeLimitMs = limits.timeMs ?? DEFAULT_TIME_MS;
    this.deadline = this.now() + this.timeLimitMs;
  }

  /** What ran out first, or null. Once out, a budget stays out. */
  get exceeded(): BudgetExceeded | null {
    return this.over;
  }

  /** Counts one decoded node; false once the node or time budget is spent. */
  spendNode(): boolean {
    if (this.over) return false;
    if (++this.nodes > this.nodeLimit) {
      this.over = { budget: 'nodes', limit: this.nodeLimit };
      return false;
    }
    if (++this.ticks % CLOCK_EVERY !== 0) return true;
    if (this.checkClock()) return true;
    this.over = this.timeExceeded;
    return false;
  }

  /** Nodes counted so far (a compiled reader counts its own, then spends them in one go). */
  get nodesSpent(): number {
    return this.nodes;
  }

  /**
   * Counts `n` nodes at once, for a compiled reader that counted them itself and stayed under
   * `nodeLimit - nodesSpent` (it falls back to node-by-node reading otherwise).
   */
  spendNodes(n: number): void {
    this.nodes += n;
  }

  /**
   * For loops that produce no nodes (checks, analysis): false once the time is spent. The node
   * budget bounds only the decoder; the later stages work over what it produced.
   */
  tick(): boolean {
    if (this.timeUp) return false;
    if (++this.ticks % CLOCK_EVERY !== 0) return true;
    return this.checkClock();
  }

  /** Reads the clock now (for stages with few, expensive steps, such as regex checks). */
  checkClock(): boolean {
    if (this.timeUp) return false;
    if (this.now() <= this.deadline) return true;
    this.timeUp = true;
    this.over ??= { budget: 'time', limit: this.timeLimitMs };
    return false;
  }

  /** The time limit, for a stage's DECODE_BUDGET finding (the node limit may have run out first). */
  get timeExceeded(): BudgetExceeded {
    return { budget: 'time', limit: this.timeLimitMs };
  }

  /** Milliseconds a regex check may still take: what is left of the regex budget and of the file's time. */
  regexAllowanceMs(): number {
    return Math.max(0, Math.min(this.regexLeftMs, this.remainingMs()));
  }

  /** Runs a regex check with the allowance left, and deducts the time it took. */
  timedRegex<T>(check: (allowanceMs: number) => T): T {
    const start = this.now();
    try {
      return check(this.regexAllowanceMs());
    } finally {
      this.regexLeftMs -= this.now() - start;
    }
  }

  /** Milliseconds left (0 when out). */
  remainingMs(): number {
    return this.timeUp ? 0 : Math.max(0, this.deadline - this.now());
  }
}
