import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSchema, defaultSchemaPath, type FormatSchema } from '../../../src/schema/index.js';
import { explainFile, type ConsumerExplanation, type FileExplanation } from '../../../src/triage/explain/index.js';
import type { BudgetLimits } from '../../../src/budget/work-budget.js';
import type { ModelFleet } from '../../../src/model/index.js';
import { defaultConsumers } from '../../helpers/consumers.js';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const JULY = 'corpus/ccf/story/2024-07-19-0409-channel-291.bin';
export const SPRING = 'corpus/ccf/story/2024-04-24-spring.bin';

/** The bundled formats with a consumer model, by a short name: schema, and model with its default fleet. */
export const FORMATS = {
  ccf: join(ROOT, 'schemas', 'ccf-v1.yaml'),
  sigpack: join(ROOT, 'schemas', 'sigpack-v1.yaml'),
  rulebook: join(ROOT, 'docs', 'consumer-models', 'rulebook', 'rulebook-v1.yaml'),
} as const;
export type FormatName = keyof typeof FORMATS;

const schemas = new Map<string, FormatSchema>();
export function format(name: FormatName): { schema: FormatSchema; consumers: ModelFleet } {
  const file = name === 'ccf' ? defaultSchemaPath() : FORMATS[name];
  if (!schemas.has(file)) schemas.set(file, loadSchema(file));
  const schema = schemas.get(file)!;
  return { schema, consumers: defaultConsumers(file, schema)! };
}

export function bytesOf(file: string): Uint8Array {
  return new Uint8Array(readFileSync(join(ROOT, file)));
}

export function explain(name: FormatName, bytes: Uint8Array, budget?: BudgetLimits): FileExplanation {
  return explainFile({ ...format(name), bytes, ...(budget ? { budget } : {}) });
}

export function consumer(x: FileExplanation, profile: string): ConsumerExplanation {
  const k = x.consumers.find((c) => c.profile === profile);
  if (!k) throw new Error(`no consumer ${profile} in ${x.consumers.map((c) => c.profile).join(', ')}`);
  return k;
}

/** The chain as `text {path @ offset}` lines, for readable failures. */
export function lines(k: { readonly chain: ConsumerExplanation['chain'] }): string[] {
  return k.chain.map((s) => `${s.text} {${s.path ?? ''} @ ${s.offset ?? ''}}`);
}
