import type { Change, ChangeCounts, FieldChange } from './types.js';

/** A pool change waiting for the end of the walk: it is layout if anything else changed, content if nothing did. */
interface PendingPool {
  readonly change: FieldChange;
  readonly fields: FieldChange[];
  readonly emit: () => void;
}

/**
 * Collects changes up to a cap and counts every one, so two unrelated or hostile files give a
 * bounded list with true totals.
 */
export class ChangeSink {
  readonly listed: Change[] = [];
  private added = 0;
  private removed = 0;
  private changed = 0;
  private omitted = 0;
  private followed = 0;
  private readonly pools: PendingPool[] = [];
  /** Some content (not a layout field) differs: set by every counted change. */
  contentChanged = false;

  constructor(readonly max: number) {}

  /** The list is full: later changes are only counted, so callers skip describing them. */
  get full(): boolean {
    return this.listed.length >= this.max;
  }

  push(change: Change): void {
    this.contentChanged = true;
    if (change.kind === 'added') this.added++;
    else if (change.kind === 'removed') this.removed++;
    else this.changed++;
    if (this.full) this.omitted++;
    else this.listed.push(change);
  }

  /** A layout field whose change the new file's layout explains. */
  followLayout(): void {
    this.followed++;
  }

  /** A pool whose bytes changed: decided by `settle`, once every other change is known. */
  deferPool(change: FieldChange, fields: FieldChange[], emit: () => void): void {
    this.pools.push({ change, fields, emit });
  }

  /** Pools follow the strings that changed elsewhere; when nothing else changed, their bytes are the change. */
  settle(): void {
    if (this.contentChanged) {
      for (let i = 0; i < this.pools.length; i++) this.followLayout();
      return;
    }
    for (const p of this.pools) {
      const first = p.fields.length === 0;
      p.fields.push(p.change);
      if (first) p.emit();
    }
  }

  counts(): ChangeCounts {
    return { added: this.added, removed: this.removed, changed: this.changed, omitted: this.omitted, layoutFollowed: this.followed };
  }
}
