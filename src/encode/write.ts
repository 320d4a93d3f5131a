import { formatPath, type FieldPath } from '../findings/index.js';
import { INT_WIDTH, childScope, rootScope, type FieldDef, type FormatSchema, type Scope, type StructDef } from '../schema/index.js';
import { EncodeError } from './encode-error.js';
import { toInt, writeInt } from './int.js';
import { ChildPath, Locations } from './locations.js';
import { chooseCase, isMap } from './normalize.js';

export interface Written { readonly bytes: Uint8Array; readonly locations: Locations }
/** Work placed with `at`: run after the sequential part of its enclosing placement. */
type Job = (deferred: Job[]) => void;

const utf8 = new TextEncoder();
const noLocate = (): undefined => undefined;

/**
 * Lays the value out: fields without `at` in sequence, fields with `at` appended after all
 * that was written so far, in declaration order. In 'layout' mode absent integers are written
 * as zeros (their size is all that matters); in 'final' mode only absent checksums are.
 */
export function write(schema: FormatSchema, root: Record<string, unknown>, mode: 'layout' | 'final', why: ReadonlyMap<string, string>): Written {
  const w = new Writer(schema, mode, why);
  const struct = schema.types.get(schema.root)!;
  const scope = rootScope(root, NaN, noLocate, struct.lets);
  w.placement((d) => w.fields(struct, root, [], scope, d));
  w.locations.size = w.len;
  return { bytes: w.buf.slice(0, w.len), locations: w.locations };
}

class Writer {
  buf = new Uint8Array(1024);
  len = 0;
  readonly locations = new Locations();

  constructor(readonly schema: FormatSchema, readonly mode: 'layout' | 'final', readonly why: ReadonlyMap<string, string>) {}

  placement(job: Job): void {
    const deferred: Job[] = [];
    job(deferred);
    for (const next of deferred) this.placement(next);
  }

  fields(struct: StructDef, obj: Record<string, unknown>, path: FieldPath, scope: Scope, deferred: Job[]): void {
    for (const f of struct.fields) {
      if (f.view) continue;
      if (f.at) deferred.push((d) => this.placed(f, obj, path, scope, d));
      else this.sequential(f, obj, path, scope, deferred);
    }
  }

  private sequential(f: FieldDef, obj: Record<string, unknown>, path: FieldPath, scope: Scope, deferred: Job[]): void {
    if (f.type.kind === 'switch' && f.inline) {
      const c = chooseCase(this.schema, f, scope, path);
      if (c) this.fields(c, obj, path, scope, deferred);
      return;
    }
    const v = obj[f.id];
    if (!f.repeat) return this.one(f, v, obj, f.id, path, scope, undefined, deferred);
    const p = [...path, f.id];
    if (!Array.isArray(v)) this.missing(p);
    const start = this.len;
    for (let i = 0; i < v.length; i++) this.one(f, v[i], v, i, p, scope, i, deferred);
    this.locations.set(obj, f.id, { offset: start, size: this.len - start });
  }

  private placed(f: FieldDef, obj: Record<string, unknown>, path: FieldPath, scope: Scope, deferred: Job[]): void {
    const v = obj[f.id];
    if (!f.repeat) return this.one(f, v, obj, f.id, path, scope, undefined, deferred);
    const p = [...path, f.id];
    if (!Array.isArray(v)) this.missing(p);
    v.forEach((el: unknown, i) => this.placement((d) => this.one(f, el, v, i, p, scope, i, d)));
  }

  /** Writes `v`, held at `holder[key]`; `parent` is the path of the holder. */
  private one(f: FieldDef, v: unknown, holder: object, key: string | number, parent: FieldPath, scope: Scope, index: number | undefined, deferred: Job[]): void {
    const t = f.type;
    const start = this.len;
    switch (t.kind) {
      case 'int': {
        const at = this.reserve(INT_WIDTH[t.int]);
        if (v !== undefined) writeInt(this.buf, at, toInt(v, t.int, new ChildPath(parent, key)), t.int, t.endian === 'le');
        else if (this.mode === 'final' && !f.checksum) this.missing([...parent, key]);
        break;
      }
      case 'bytes': case 'str': {
        const b = typeof v === 'string' ? utf8.encode(v) : v instanceof Uint8Array ? v : this.missing([...parent, key]);
        const at = this.reserve(b.length); // before reading this.buf: reserve may replace it
        this.buf.set(b, at);
        break;
      }
      case 'struct': case 'switch': {
        const p = [...parent, key];
        if (!isMap(v)) this.missing(p);
        const s = t.kind === 'struct' ? this.schema.types.get(t.struct)! : chooseCase(this.schema, f, scope, p);
        if (s) this.fields(s, v, p, childScope(scope, v, p, index, s.lets), deferred);
        break;
      }
    }
    this.locations.set(holder, key, { offset: start, size: this.len - start });
  }

  private reserve(n: number): number {
    if (this.len + n > this.buf.length) {
      const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
      bigger.set(this.buf.subarray(0, this.len));
      this.buf = bigger;
    }
    const at = this.len;
    this.len += n;
    return at;
  }

  private missing(p: FieldPath): never {
    throw new EncodeError(this.why.get(formatPath(p)) ?? 'missing (and the schema has no derive for it)', p);
  }
}
