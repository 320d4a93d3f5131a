import { formatPath, type CodeCatalog, type FieldPath } from '../../findings/index.js';
import type { ConsumerModel, ModelProfile } from '../../model/index.js';
import type { FormatSchema } from '../../schema/index.js';
import { formatCount } from '../../report/format.js';
import type { DecodedFile } from './decoded-scope.js';
import type { ChainStep } from './types.js';

/** What every chain builder reads: the format, the consumer model and one profile, and the decoded file. */
export interface ChainContext {
  readonly schema: FormatSchema;
  readonly model: ConsumerModel;
  readonly profile: ModelProfile;
  readonly file: DecodedFile;
  readonly catalog: CodeCatalog;
}

/** A step located at `path` (its offset from the decode), or at nothing. */
export function step(ctx: ChainContext, text: string, path?: FieldPath, offset?: number): ChainStep {
  if (path === undefined) return { text };
  const at = offset ?? ctx.file.locate(path)?.offset;
  return { text, path: formatPath(path), ...(at !== undefined && at >= 0 ? { offset: at } : {}) };
}

/** `(OOB_INPUT_READ at instances[5].criteria[20] @ 358)`: the fault as the report names it. */
export function faultTag(code: string, path: FieldPath, offset: number): string {
  return `(${code} at ${formatPath(path)} @ ${offset})`;
}

/** `20 inputs`, `1 input`. */
export function count(n: number, one: string): string {
  return `${formatCount(n)} ${n === 1 ? one : `${one}s`}`;
}

/** The noun a key or count is named by: `type_id` → type, `field_count` → field, `source` → source. */
export function nounOf(name: string, suffixes: readonly string[]): string {
  for (const s of suffixes) if (name.endsWith(s) && name.length > s.length) return name.slice(0, -s.length).replace(/_/g, ' ');
  return name.replace(/_/g, ' ');
}

/** `instances[5]` relative to nothing, `criteria[20]` relative to `instances[5]`. */
export function relative(path: FieldPath, base: FieldPath): string {
  const same = base.length <= path.length && base.every((s, i) => path[i] === s);
  return formatPath(same ? path.slice(base.length) : path);
}

/** `inputs` → input, `fields` → field: a profile's item name for one of them. */
export function singular(name: string): string {
  return name.endsWith('s') && name.length > 1 ? name.slice(0, -1) : name;
}
