import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { bundledSchemaDir } from '../bundled.js';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

let validator: ValidateFunction | undefined;

/** The JSON Schema published for schema files (schemas/preflight-schema.json), compiled once. */
function shapeValidator(): ValidateFunction {
  if (!validator) {
    const metaSchema = require(join(bundledSchemaDir(), 'preflight-schema.json')) as object;
    const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
    validator = ajv.compile(metaSchema);
  }
  return validator!;
}

export interface ShapeError {
  readonly path: readonly (string | number)[];
  readonly reason: string;
}

/** Checks a parsed schema file against the published JSON Schema; returns the most specific error. */
export function checkShape(raw: unknown): ShapeError | null {
  const validate = shapeValidator();
  if (validate(raw)) return null;
  const errors = validate.errors ?? [];
  // oneOf failures report every branch; the deepest error is the one a person can act on.
  const deepest = [...errors].sort((a, b) => depth(b) - depth(a))[0];
  return deepest ? toShapeError(deepest) : { path: [], reason: 'does not match the schema language' };
}

function depth(e: ErrorObject): number {
  return e.instancePath.split('/').length + (e.keyword === 'additionalProperties' ? 1 : 0);
}

function toShapeError(e: ErrorObject): ShapeError {
  const path: (string | number)[] = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  if (e.keyword === 'additionalProperties') {
    const extra = String((e.params as { additionalProperty?: string }).additionalProperty);
    return { path: [...path, extra], reason: `unknown key "${extra}"` };
  }
  if (e.keyword === 'required') {
    return { path, reason: `missing key "${String((e.params as { missingProperty?: string }).missingProperty)}"` };
  }
  if (e.keyword === 'enum') {
    return { path, reason: `must be one of ${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)}` };
  }
  return { path, reason: e.message ?? 'is not valid here' };
}
