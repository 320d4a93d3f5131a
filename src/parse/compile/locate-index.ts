import type { FieldPlan, StructPlan } from './plan.js';
import type { ViewRecords } from './views.js';

export type Obj = Record<string, unknown>;

/**
 * Where every struct object starts and ends, and where its share of the tape (placed offsets,
 * byte sizes, switch tags, in parse order) and of the resolved views begins and ends. This is
 * all the location walk keeps: a few numbers per struct, no per-field objects or path strings,
 * so building it costs a fraction of the interpreter's location map. Field-level locations
 * are replayed from it on demand (locate.ts), using the interpreter's placement rules.
 */
export class LocIndex {
  private readonly rec = new Map<object, number>();
  readonly plans: StructPlan[] = [];
  readonly objects: Obj[] = [];
  readonly start: number[] = [];
  readonly end: number[] = [];
  readonly tapeIn: number[] = [];
  readonly tapeOut: number[] = [];
  readonly viewIn: number[] = [];
  readonly viewOut: number[] = [];
  /** Per resolved view (parse order): absolute offset, or -1 when its region was not located. */
  readonly viewAt: number[] = [];
  private tp = 0;
  private vp = 0;
  /** bytes nodes by identity: a view's region is found by the value its expression returned. */
  private readonly bytesAt = new Map<Uint8Array, number>();

  constructor(readonly tape: readonly number[], readonly views: ViewRecords, plan: StructPlan, root: Obj) {
    this.struct(plan, root, 0);
    for (let k = 0; k < views.regions.length; k++) {
      const region = this.bytesAt.get(views.regions[k]!);
      const at = region === undefined ? -1 : region + views.ats[k]!;
      this.viewAt.push(at);
      const raw = views.raws[k];
      if (raw && at >= 0) this.bytesAt.set(raw, at);
    }
  }

  record(obj: unknown): number | undefined {
    return typeof obj === 'object' && obj !== null ? this.rec.get(obj) : undefined;
  }

  private take(): number {
    return this.tape[this.tp++] ?? 0;
  }

  private struct(plan: StructPlan, obj: Obj, offset: number): number {
    const k = this.plans.length;
    this.rec.set(obj, k);
    this.plans.push(plan);
    this.objects.push(obj);
    this.start.push(offset);
    this.tapeIn.push(this.tp);
    this.viewIn.push(this.vp);
    this.end.push(offset);
    this.tapeOut.push(0);
    this.viewOut.push(0);
    const end = this.fields(plan, obj, offset);
    this.end[k] = end;
    this.tapeOut[k] = this.tp;
    this.viewOut[k] = this.vp;
    return end;
  }

  private fields(plan: StructPlan, obj: Obj, offset: number): number {
    let cursor = offset;
    for (const f of plan.fields) {
      if (f.kind === 'view') this.vp++;
      else if (!f.repeat) cursor = this.one(f, obj[f.id], f.placed ? this.take() : cursor, obj, f.placed ? cursor : -1);
      else {
        const items = obj[f.id] as unknown[];
        for (let i = 0; i < items.length; i++) {
          if (f.placed) this.one(f, items[i], this.take(), obj, 0);
          else cursor = this.one(f, items[i], cursor, obj, -1);
        }
      }
    }
    return cursor;
  }

  /** One node at `offset`; returns where the cursor goes next (`keep` instead when it is placed). */
  private one(f: FieldPlan, v: unknown, offset: number, holder: Obj, keep: number): number {
    let end: number;
    switch (f.kind) {
      case 'int': end = offset + f.width; break;
      case 'bytes': case 'str': {
        end = offset + this.take();
        if (v instanceof Uint8Array) this.bytesAt.set(v, offset);
        break;
      }
      case 'struct': end = this.struct(f.struct!, v as Obj, offset); break;
      case 'switch': {
        const c = f.cases!.get(this.take())!;
        end = f.inline ? this.fields(c, holder, offset) : this.struct(c, v as Obj, offset);
        break;
      }
      default: end = offset;
    }
    return keep >= 0 ? keep : end;
  }
}
