import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pack, unpack } from '../../../src/encode/index.js';
import { loadSchema, defaultSchemaPath, type FormatSchema } from '../../../src/schema/index.js';
import { diffFiles, type FileDiff } from '../../../src/triage/diff/index.js';
import { ccfConsumers, defaultConsumers } from '../../helpers/consumers.js';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const STORY = 'corpus/ccf/story';
export const SPRING = `${STORY}/2024-04-24-spring.bin`;
export const JULY = `${STORY}/2024-07-19-0409-channel-291.bin`;
export const REVERT = `${STORY}/2024-07-19-0527-revert.bin`;
export const SIGPACK_SCHEMA = 'schemas/sigpack-v1.yaml';

export const bytesOf = (file: string): Uint8Array => new Uint8Array(readFileSync(join(ROOT, file)));

let ccf: FormatSchema | undefined;
export const ccfSchema = (): FormatSchema => (ccf ??= loadSchema(defaultSchemaPath()));
let sig: FormatSchema | undefined;
export const sigpackSchema = (): FormatSchema => (sig ??= loadSchema(join(ROOT, SIGPACK_SCHEMA)));

/** The diff of two CCF files (bytes or corpus paths) against the bundled fleet. */
export function ccfDiff(oldFile: string | Uint8Array, newFile: string | Uint8Array, maxChanges?: number): FileDiff {
  return diffFiles({
    schema: ccfSchema(), consumers: ccfConsumers(),
    oldBytes: typeof oldFile === 'string' ? bytesOf(oldFile) : oldFile,
    newBytes: typeof newFile === 'string' ? bytesOf(newFile) : newFile,
    ...(maxChanges !== undefined ? { maxChanges } : {}),
  });
}

export function sigpackDiff(oldFile: string, newFile: string): FileDiff {
  return diffFiles({ schema: sigpackSchema(), consumers: defaultConsumers(join(ROOT, SIGPACK_SCHEMA), sigpackSchema()), oldBytes: bytesOf(oldFile), newBytes: bytesOf(newFile) });
}

/** A CCF file rebuilt from the unpacked source of `file` after `edit` rewrote the source text. */
export function variant(file: string, edit: (source: string) => string): Uint8Array {
  const source = unpack(ccfSchema(), bytesOf(file));
  const changed = edit(source);
  if (changed === source) throw new Error('the edit changed nothing');
  return pack(ccfSchema(), changed, 'variant.yaml');
}

/** Every field change of a diff as `path: field old → new`, for compact assertions. */
export function fieldLines(diff: FileDiff): string[] {
  return diff.changes.flatMap((c) => (c.fields ?? []).map((f) => `${c.path}: ${f.field} ${f.old ?? '(none)'} → ${f.new ?? '(none)'}`));
}
