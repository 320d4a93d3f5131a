import fc from 'fast-check';
import { ProfileError } from '../../src/consumer/index.js';
import { EncodeError, unpack } from '../../src/encode/index.js';
import { loadModel, ModelError, parseModel, parseModelProfile, type ConsumerModel } from '../../src/model/index.js';
import { loadSchema, packageRoot, parseSchema, SchemaError, type FormatSchema } from '../../src/schema/index.js';
import { validateBytes } from '../../src/validate/index.js';
import { join } from 'node:path';
import { BASES, CANARY, DEFINITION_KINDS, definitionArbitrary, type DefinitionKind, type HostileDefinition } from './hostile-definitions.js';

/** The outcome of one hostile definition. */
export type DefinitionOutcome =
  | { readonly ok: true; readonly refused: boolean }
  | { readonly ok: false; readonly reason: string; readonly message: string };

const root = packageRoot();
const schemas = new Map<string, FormatSchema>();
const models = new Map<string, ConsumerModel>();
const schemaOf = (file: string): FormatSchema => {
  let s = schemas.get(file);
  if (!s) schemas.set(file, (s = loadSchema(join(root, file))));
  return s;
};
const modelOf = (file: string, schemaFile: string): ConsumerModel => {
  let m = models.get(file);
  if (!m) models.set(file, (m = loadModel(join(root, file), schemaOf(schemaFile))));
  return m;
};

/** Definition `index` of a campaign: the same (seed, index) always gives the same text. */
export function drawDefinition(seed: number, index: number): HostileDefinition {
  const kind = DEFINITION_KINDS[index % DEFINITION_KINDS.length]!;
  return fc.sample(definitionArbitrary(kind, root), { seed: (seed ^ Math.imul(index + 1, 0x9e3779b1)) | 0, numRuns: 1 })[0]!;
}

const ERROR_OF: Readonly<Record<DefinitionKind, new (...a: never[]) => Error>> = { schema: SchemaError, model: ModelError, profile: ProfileError };
export const DEFINITION_NAME: Readonly<Record<DefinitionKind, string>> = { schema: 'hostile.yaml', model: 'hostile.consumer.yaml', profile: 'hostile-profile.yaml' };

/**
 * Loads one hostile definition. It must load, or be refused with the kind's own error: one line,
 * naming the file, with a line number (and a key when the document has one there). A schema that
 * loads must then validate and unpack a few byte strings without an unexplained throw. Nothing may
 * set the canary or pollute Object.prototype.
 */
export function checkDefinition(d: HostileDefinition): DefinitionOutcome {
  const name = DEFINITION_NAME[d.kind];
  let loaded: FormatSchema | undefined;
  try {
    if (d.kind === 'schema') loaded = parseSchema(d.text, name);
    else {
      const base = BASES[d.kind].find((b) => b.file === d.base)!;
      if (d.kind === 'model') parseModel(d.text, name, schemaOf(base.schema!), { checkFleet: false });
      else parseModelProfile(d.text, name, modelOf(base.model!, base.schema!));
    }
  } catch (e) {
    const pwned = canary();
    if (pwned) return pwned;
    if (!(e instanceof ERROR_OF[d.kind])) return { ok: false, reason: 'unexplained throw', message: stackOf(e) };
    const err = e as Error & { file: string; line: number; key: string };
    if (err.message.includes('\n')) return { ok: false, reason: 'error is not one line', message: err.message.slice(0, 2000) };
    if (err.file !== name || !err.message.startsWith(name)) return { ok: false, reason: 'error does not name the file', message: err.message.slice(0, 500) };
    // A problem of the whole document (its size) has no line; anything at a key must say where.
    if (!(err.line > 0) && err.key !== '') return { ok: false, reason: 'error has no line', message: err.message.slice(0, 500) };
    return { ok: true, refused: true };
  }
  const pwned = canary();
  if (pwned) return pwned;
  if (loaded !== undefined) {
    for (const bytes of probeFiles()) {
      try {
        validateBytes('probe.bin', bytes, { schema: loaded, budget: { timeMs: 2000 } });
        unpack(loaded, bytes);
      } catch (e) {
        if (e instanceof EncodeError) continue;
        return { ok: false, reason: 'a loaded hostile schema throws on a file', message: stackOf(e) };
      }
    }
  }
  return { ok: true, refused: false };
}

function probeFiles(): Uint8Array[] {
  const random = new Uint8Array(200);
  for (let i = 0; i < random.length; i++) random[i] = (i * 151 + 7) & 0xff;
  return [new Uint8Array(0), new Uint8Array(64), new Uint8Array(64).fill(0xff), random];
}

function canary(): DefinitionOutcome | undefined {
  if ((globalThis as Record<string, unknown>)[CANARY] !== undefined) return { ok: false, reason: 'code execution', message: `globalThis.${CANARY} was set` };
  const polluted = Object.getOwnPropertyNames(Object.prototype).filter((k) => !BUILTIN_PROTO.has(k));
  if (polluted.length > 0) return { ok: false, reason: 'prototype pollution', message: `Object.prototype gained ${polluted.join(', ')}` };
  return undefined;
}

const BUILTIN_PROTO = new Set(Object.getOwnPropertyNames(Object.prototype));

function stackOf(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
