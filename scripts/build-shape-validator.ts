/**
 * Build step (`npm run build`, after tsc): precompiles schemas/preflight-schema.json into ajv
 * standalone code, dist/schema/load/shape-validator.cjs, so loading a schema need not load ajv
 * and compile the JSON Schema on every run (~230 ms of a ~0.7 s one-file validate). Generated,
 * never committed: it follows whatever the JSON Schema says at build time. The file carries the
 * digest of the text it was made from; the loader uses it only while that text is unchanged.
 * Beside it, its V8 code cache (shape-validator.cjs.cache).
 *
 * `npx tsx scripts/build-shape-validator.ts [out.cjs]` (default: the path the loader reads).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import standalone from 'ajv/dist/standalone/index.js';
import { transformSync } from 'esbuild';
import { parse } from 'yaml';
import { bundledSchemaDir } from '../src/schema/bundled.js';
import { loadCommonJs, newShapeAjv, precompiledShapeValidatorPath, shapeSchemaDigest, shapeSchemaText } from '../src/schema/load/validate-shape.js';

/** The standalone module for `text`: CommonJS, so the loader can require it synchronously. */
export function shapeValidatorSource(text: string): string {
  const ajv = newShapeAjv({ code: { source: true } });
  const code = standalone.default(ajv, ajv.compile(JSON.parse(text) as object));
  // Whitespace and syntax only (names kept): the loader reads and compiles this on every run.
  const small = transformSync(code, { minifyWhitespace: true, minifySyntax: true, format: 'cjs', platform: 'node', target: 'node20' }).code;
  return `${small}\nmodule.exports.validate = module.exports;\nmodule.exports.digest = ${JSON.stringify(shapeSchemaDigest(text))};\n`;
}

export function writeShapeValidator(out: string): void {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, shapeValidatorSource(shapeSchemaText()));
  writeCodeCache(out);
}

/**
 * The V8 code cache beside the validator (`out.cache`), made after it checked every bundled
 * schema and one bad one, so the functions a run needs are in it already compiled.
 */
function writeCodeCache(out: string): void {
  rmSync(`${out}.cache`, { force: true });
  const { exports, script } = loadCommonJs(out);
  const mod = exports as { validate: (raw: unknown) => boolean };
  const dir = bundledSchemaDir();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.endsWith('.consumer.yaml'))) mod.validate(parse(readFileSync(join(dir, f), 'utf8')));
  mod.validate({ format: 'x', root: 'a', types: { a: { seq: [{ id: 1, colour: 'blue' }] } }, endian: 'middle' });
  writeFileSync(`${out}.cache`, script.createCachedData());
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const out = resolve(process.argv[2] ?? precompiledShapeValidatorPath());
  writeShapeValidator(out);
  console.log(`wrote ${out}`);
}
