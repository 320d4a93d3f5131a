import type { FindingCode } from './codes.js';
import type { Issue } from './finding.js';
import { formatPath } from './path.js';

/** Where producers put issues: an array, or a CappedIssues that keeps only the first few per code. */
export interface IssueSink {
  push(issue: Issue): unknown;
}

const keyOf = (issue: Issue): string => `${issue.code}\u0000${formatPath(issue.path)}\u0000${issue.profile ?? ''}`;

/** Default number of findings kept per code per file; the rest are only counted. */
export const DEFAULT_MAX_FINDINGS_PER_CODE = 50;

/**
 * Keys remembered to merge identical issues (same code, path and profile), so the totals stay
 * exact for ordinary files; past this many, and for issues producers count past the cap
 * (countOnly), every issue raised is counted (memory and time stay bounded).
 */
const MAX_REMEMBERED_KEYS = 20_000;

/**
 * Keeps the first `maxPerCode` distinct issues of each code (same code, path and profile is one
 * issue) and counts the rest, so a file that repeats one defect per element a million times
 * costs a counter, not a million objects.
 */
export class CappedIssues implements IssueSink {
  readonly kept: Issue[] = [];
  private readonly keptPerCode = new Map<FindingCode, number>();
  private readonly totalPerCode = new Map<FindingCode, number>();
  private readonly keys = new Set<string>();
  private readonly keptKeys = new Set<string>();

  constructor(readonly maxPerCode: number = DEFAULT_MAX_FINDINGS_PER_CODE) {}

  /** Whether an issue of `code` would still be kept: producers may skip building its details when not. */
  wants(code: FindingCode): boolean {
    return (this.keptPerCode.get(code) ?? 0) < this.maxPerCode;
  }

  push(issue: Issue): void {
    const key = keyOf(issue);
    if (this.keys.has(key)) return;
    if (this.keys.size < MAX_REMEMBERED_KEYS) this.keys.add(key);
    this.totalPerCode.set(issue.code, (this.totalPerCode.get(issue.code) ?? 0) + 1);
    if (this.wants(issue.code)) this.keep(issue, key);
  }

  /**
   * Keeps `issue` whatever the cap (counting it once): for the few findings a report must show,
   * such as each consumer's first fault, which the consumer list refers to.
   */
  pushKept(issue: Issue): void {
    const key = keyOf(issue);
    if (this.keptKeys.has(key)) return;
    if (!this.keys.has(key)) {
      if (this.keys.size < MAX_REMEMBERED_KEYS) this.keys.add(key);
      this.totalPerCode.set(issue.code, (this.totalPerCode.get(issue.code) ?? 0) + 1);
    }
    this.keep(issue, key);
  }

  private keep(issue: Issue, key: string): void {
    this.keptPerCode.set(issue.code, (this.keptPerCode.get(issue.code) ?? 0) + 1);
    this.keptKeys.add(key);
    this.kept.push(issue);
  }

  /**
   * Counts an issue past the cap without building it: for producers whose issues are distinct by
   * construction (one per element), once wants(code) is false.
   */
  countOnly(code: FindingCode): void {
    this.totalPerCode.set(code, (this.totalPerCode.get(code) ?? 0) + 1);
  }

  pushAll(issues: Iterable<Issue>): void {
    for (const issue of issues) this.push(issue);
  }

  /** True number of distinct issues per code (exact up to MAX_REMEMBERED_KEYS distinct issues). */
  totals(): Record<string, number> {
    return Object.fromEntries([...this.totalPerCode].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Issues counted but not kept, per code; undefined when nothing was left out. */
  omitted(): Record<string, number> | undefined {
    const out: Record<string, number> = {};
    let any = false;
    for (const [code, total] of this.totalPerCode) {
      const left = total - (this.keptPerCode.get(code) ?? 0);
      if (left > 0) { out[code] = left; any = true; }
    }
    return any ? out : undefined;
  }
}
