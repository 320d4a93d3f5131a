import type { FieldDef, IntType, StructDef } from '../../schema/index.js';
import { INT_RANGE } from './expr.js';
import { Unsupported } from './gen.js';

/** An integer column of a store: one value per element (a Float64Array at run time). */
export interface Column {
  readonly index: number;
  readonly lo: bigint;
  readonly hi: bigint;
}

/** An integer array of each element: where it starts and how many elements were read. */
export interface ArrayColumns {
  readonly start: number;
  readonly count: number;
  readonly type: IntType;
  readonly le: boolean;
}

/** What a store keeps per element, decided before any code is generated. */
export interface StoreDef {
  readonly struct: StructDef | undefined;
  readonly columns: Map<string, Column>;
  readonly arrays: Map<string, ArrayColumns>;
  /** Columns of where each integer field starts (offsets of the fields a hazard is reported at). */
  readonly offsets: Map<string, number>;
  /** Column of the element's first byte. */
  readonly start: number;
  width: number;
}

/**
 * Elements kept after their read (in columns, never one object per element): the root tables
 * that expressions look things up in, and the declaration table of the input binding.
 */
export class Stores {
  readonly defs: StoreDef[] = [];
  /** Root array field id → store of its elements. */
  readonly tables = new Map<string, number>();

  /** A store for the elements of a root array of structs: every integer field read at the cursor (they are all set once the element is). */
  addTable(field: FieldDef, def: StructDef): number {
    const columns = new Map<string, Column>();
    const arrays = new Map<string, ArrayColumns>();
    const offsets = new Map<string, number>();
    let width = 0;
    for (const f of def.fields) {
      if (f.type.kind !== 'int' || f.at || f.view || f.repeatBytes || f.type.int === 'u8' || f.type.int === 's8') continue;
      if (f.repeat) arrays.set(f.id, { start: width++, count: width++, type: f.type.int, le: f.type.endian === 'le' });
      else {
        const [lo, hi] = INT_RANGE[f.type.int];
        columns.set(f.id, { index: width++, lo, hi });
        offsets.set(f.id, width++);
      }
    }
    const s = this.defs.push({ struct: def, columns, arrays, offsets, start: width, width: width + 1 }) - 1;
    this.tables.set(field.id, s);
    return s;
  }

  column(store: number, name: string): Column {
    const c = this.defs[store]!.columns.get(name);
    if (!c) throw new Unsupported(`${name} is not an integer field kept for ${this.defs[store]!.struct?.name ?? 'a store'}`);
    return c;
  }
}
