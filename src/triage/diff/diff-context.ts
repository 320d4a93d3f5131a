import type { FieldPath } from '../../findings/index.js';
import { formatPath } from '../../findings/index.js';
import type { FileReport } from '../../report/model.js';
import type { FormatSchema, Locate, Scope, StructDef } from '../../schema/index.js';
import type { ChangeSink } from './change-sink.js';
import type { IdentityMap } from './identity.js';
import type { Change, FieldChange } from './types.js';

/** One file as the comparison sees it: its decoded value, where each node is, and its report. */
export interface Side {
  readonly value: Record<string, unknown>;
  readonly locate: Locate;
  readonly ids: IdentityMap;
  readonly report: FileReport;
}

export interface DiffContext {
  readonly schema: FormatSchema;
  readonly old: Side;
  readonly new: Side;
  readonly sink: ChangeSink;
}

/** One decoded struct of one file: its definition, value, path and scope. */
export interface StructAt {
  readonly def: StructDef;
  readonly obj: Record<string, unknown>;
  readonly path: FieldPath;
  readonly scope: Scope;
}

/** `header` under the root, `instances[instance_id=106].criteria` below an element. */
export const childLabel = (label: string, id: string): string => (label === '' ? id : `${label}.${id}`);

export function offsetIn(side: Side, path: FieldPath): number | undefined {
  return path.length === 0 ? 0 : side.locate(path)?.offset;
}

/** A struct whose own values differ, located in both files. */
export function changedAt(ctx: DiffContext, label: string, oldPath: FieldPath, newPath: FieldPath, fields: FieldChange[]): Change {
  return {
    kind: 'changed',
    path: label === '' ? '(file)' : label,
    newPath: formatPath(newPath),
    ...located('newOffset', offsetIn(ctx.new, newPath)),
    oldPath: formatPath(oldPath),
    ...located('oldOffset', offsetIn(ctx.old, oldPath)),
    fields,
  };
}

export function located<K extends string>(key: K, offset: number | undefined): Partial<Record<K, number>> {
  return (offset === undefined ? {} : { [key]: offset }) as Partial<Record<K, number>>;
}
