import { join } from 'node:path';
import { checkStructure } from '../../../src/check/index.js';
import { ccfConsumers } from '../../helpers/consumers.js';
import { encode } from '../../../src/encode/index.js';
import { edgeHintsFromFleet } from '../../../src/fuzz/generate/index.js';
import { decode } from '../../../src/parse/index.js';
import { bundledSchemaDir, defaultSchemaPath, loadSchema, type FormatSchema } from '../../../src/schema/index.js';

export const ccf = loadSchema(defaultSchemaPath());
export const sigpack = loadSchema(join(bundledSchemaDir(), 'sigpack-v1.yaml'));
export const { model, profiles: fleet } = ccfConsumers();
export const hints = edgeHintsFromFleet(model, fleet);
export const agent711 = fleet.find((p) => p.name === 'agent-7.11')!;

/** Encodes and decodes back: complete, with no layout issue and no structural finding. */
export function isClean(schema: FormatSchema, value: Record<string, unknown>): boolean {
  const bytes = encode(schema, value);
  const d = decode(schema, bytes);
  return d.complete && d.issues.length === 0 && checkStructure(schema, bytes, d).length === 0;
}

export const share = (xs: readonly boolean[]): number => xs.filter(Boolean).length / xs.length;
