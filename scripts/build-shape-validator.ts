/**
 * Build step (`npm run build`, after tsc): precompiles schemas/preflight-schema.json into ajv
 * standalone code, dist/schema/load/shape-validator.cjs, so loading a schema need not load ajv
 * and compile the JSON Schema on every run (~230 ms of a ~0.7 s one-file validate). Generated,
 * never committed: it follows whatever the JSON Schema says at build time. The file carries the
 * digest of the text it was made from; the loader uses it only while that text is unchanged.
 *
 * `npx tsx scripts/build-shape-validator.ts [out.cjs]` (default: the path the loader reads).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import standalone from 'ajv/dist/standalone/index.js';
import { newShapeAjv, precompiledShapeValidatorPath, shapeSchemaDigest, shapeSchemaText } from '../src/schema/load/validate-shape.js';

/** The standalone module for `text`: CommonJS, so the loader can require it synchronously. */
export function shapeValidatorSource(text: string): string {
  const ajv = newShapeAjv({ code: { source: true } });
  const code = standalone.default(ajv, ajv.compile(JSON.parse(text) as object));
  return `${code}\nmodule.exports.validate = module.exports;\nmodule.exports.digest = ${JSON.stringify(shapeSchemaDigest(text))};\n`;
}

export function writeShapeValidator(out: string): void {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, shapeValidatorSource(shapeSchemaText()));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const out = resolve(process.argv[2] ?? precompiledShapeValidatorPath());
  writeShapeValidator(out);
  console.log(`wrote ${out}`);
}
