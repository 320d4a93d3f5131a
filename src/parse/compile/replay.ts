import type { Location } from '../../schema/index.js';
import type { LocIndex, Obj } from './locate-index.js';
import type { FieldPlan, StructPlan } from './plan.js';

/** Re-runs one struct's placement from its recorded start, skipping over child structs by their records. */
export class Replay {
  private cursor = 0;
  private tp = 0;
  private vp = 0;
  /** The last field named `seg` (its value is the one left in the object), and the last location placed for it. */
  field: FieldPlan | undefined;
  holder: Obj | undefined;
  location: Location | undefined;
  private fromView = false;
  private fieldTape = 0;
  private fieldStart = 0;

  constructor(private readonly ix: LocIndex, private readonly seg: string) {}

  struct(k: number): this {
    this.cursor = this.ix.start[k]!;
    this.tp = this.ix.tapeIn[k]!;
    this.vp = this.ix.viewIn[k]!;
    this.fields(this.ix.plans[k]!, this.ix.objects[k]!);
    return this;
  }

  /** Location of element j of the matched array of integers or bytes. */
  element(f: FieldPlan, j: number): Location {
    const t = this.ix.tape;
    if (f.placed) return f.kind === 'int' ? { offset: t[this.fieldTape + j]!, size: f.width } : { offset: t[this.fieldTape + 2 * j]!, size: t[this.fieldTape + 2 * j + 1]! };
    if (f.kind === 'int') return { offset: this.fieldStart + j * f.width, size: f.width };
    let offset = this.fieldStart;
    for (let m = 0; m < j; m++) offset += t[this.fieldTape + m]!;
    return { offset, size: t[this.fieldTape + j]! };
  }

  private take(): number {
    return this.ix.tape[this.tp++] ?? 0;
  }

  /** Moves the tape and views past a child struct (or the last of an array of them); returns where it ends. */
  private skip(obj: unknown, otherwise: number): number {
    const r = this.ix.record(obj);
    if (r === undefined) return otherwise;
    this.tp = this.ix.tapeOut[r]!;
    this.vp = this.ix.viewOut[r]!;
    return this.ix.end[r]!;
  }

  private fields(plan: StructPlan, obj: Obj): void {
    for (const f of plan.fields) {
      if (f.kind === 'view') {
        const at = this.ix.viewAt[this.vp]!;
        if (f.id === this.seg) this.match(f, obj, at < 0 ? undefined : { offset: at, size: this.ix.views.sizes[this.vp]! }, true);
        this.vp++;
        continue;
      }
      const tape = this.tp;
      const start = this.cursor;
      if (f.kind === 'switch' && f.inline) {
        const c = f.cases!.get(this.take())!;
        if (f.id === this.seg) this.match(f, obj, undefined, false);
        this.fields(c, obj);
        continue;
      }
      const v = obj[f.id];
      let loc: Location | undefined;
      if (!f.repeat) {
        const at = f.placed ? this.take() : start;
        loc = { offset: at, size: this.size(f, v, at) };
        if (!f.placed) this.cursor += loc.size;
      } else {
        const items = v as unknown[];
        const n = items.length;
        if (f.kind === 'struct' || f.kind === 'switch') {
          const end = n > 0 ? this.skip(items[n - 1], start) : start;
          if (!f.placed) this.cursor = end;
        } else if (f.placed) this.tp += f.kind === 'int' ? n : 2 * n;
        else if (f.kind === 'int') this.cursor += n * f.width;
        else for (let m = 0; m < n; m++) this.cursor += this.take();
        if (!f.placed) loc = { offset: start, size: this.cursor - start };
      }
      if (f.id === this.seg) {
        this.match(f, obj, loc, false);
        this.fieldTape = tape;
        this.fieldStart = start;
      }
    }
  }

  /** Size of one node at `at` (the tape is at its first entry after any `at`); child structs are skipped. */
  private size(f: FieldPlan, v: unknown, at: number): number {
    switch (f.kind) {
      case 'int': return f.width;
      case 'bytes': case 'str': return this.take();
      case 'switch': this.take(); return this.skip(v, at) - at;
      default: return this.skip(v, at) - at;
    }
  }

  private match(f: FieldPlan, holder: Obj, loc: Location | undefined, view: boolean): void {
    this.field = f;
    this.holder = holder;
    // The interpreter places views after everything else, and keeps earlier locations of a reused name.
    if (loc && (view || !this.fromView)) {
      this.location = loc;
      this.fromView = view;
    }
  }
}
