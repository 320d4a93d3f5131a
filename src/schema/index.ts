export { loadSchema, parseSchema } from './load/load-schema.js';
export { SchemaError } from './load/schema-error.js';
export { defaultSchemaPath, bundledSchemaDir, packageRoot } from './bundled.js';
export * from './model.js';
export * from './expr/index.js';
