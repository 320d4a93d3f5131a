import type { WorkBudget } from '../../src/budget/work-budget.js';
import type { FieldPath } from '../../src/findings/index.js';
import type { CompiledProfile } from './compiled-profile.js';
import type { CoverageSink } from './branches.js';
import type { ConsumerFault } from '../../src/consumer/outcome.js';
import type { Scratch } from './scratch.js';

/**
 * The state of one simulation. After the first fault the load phase keeps decoding what
 * it can (for the static analysis) but `cov` is cleared, so coverage shows only the
 * decisions the consumer itself took.
 */
export class Run {
  readonly len: number;
  readonly view: DataView;
  cov: CoverageSink | undefined;
  fault: ConsumerFault | null = null;
  /** Instance index and criterion index of the fault, for de-duplication (-1: none). */
  faultInst = -1;
  faultCrit = -1;
  // What the load phase decoded (counts into the scratch arrays).
  typeCount = 0;
  entryCount = 0;
  instCount = 0;
  critCount = 0;
  poolOffset = 0;
  poolSize = 0;
  /** The first pattern the file's regex budget left no time to judge (its outcome is then unknown). */
  unjudged: { path: FieldPath; offset: number; reason: string } | undefined;
  /** Where decoding stopped for a budget (time, or the criteria it keeps), and which. */
  cutShort: { path: FieldPath; offset: number; details: Record<string, unknown> } | undefined;

  constructor(
    readonly bytes: Uint8Array,
    readonly cp: CompiledProfile,
    readonly s: Scratch,
    readonly coverage: CoverageSink | undefined,
    readonly budget?: WorkBudget,
  ) {
    this.len = bytes.length;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.cov = coverage;
  }

  /** Records a crash if it is the first fault; returns whether it was. */
  crash(code: ConsumerFault['code'], path: FieldPath, offset: number, details: Record<string, unknown>, inst = -1, crit = -1): boolean {
    if (this.fault !== null) return false;
    this.fault = { code, path, offset, details };
    this.faultInst = inst;
    this.faultCrit = crit;
    this.cov = undefined;
    return true;
  }

  /** A read of `needed` bytes at `at` that runs past the end of the buffer. */
  pastEnd(path: FieldPath, at: number, needed: number, what: string, inst = -1, crit = -1): void {
    if (this.fault !== null) return;
    this.crash('READ_PAST_END', path, at, { needed, at, what, fileSize: this.len }, inst, crit);
  }
}
