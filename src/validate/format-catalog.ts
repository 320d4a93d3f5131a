import { mergeCatalogs, NO_MODEL_CODES, type CatalogEntry, type CodeCatalog } from '../findings/index.js';
import type { FormatSchema } from '../schema/index.js';

/** Built once per schema and model: validateBytes runs once per file. */
const MEMO = new WeakMap<FormatSchema, WeakMap<CodeCatalog, CodeCatalog>>();

/**
 * The codes a format defines for itself, beside the built-in ones: its schema's (`codes:`,
 * structural findings its rules raise) and its consumer model's. Every reporter rates and renders
 * a finding from this one catalogue, so a schema's code reads, rates and links like a model's.
 * Both loaders refuse a built-in name; should the schema and the model both define a name, the
 * schema's definition is the one reported (the rule that raised it is the schema's).
 */
export function formatCatalog(schema: FormatSchema, modelCodes: CodeCatalog = NO_MODEL_CODES): CodeCatalog {
  const own = schema.codes;
  if (own === undefined || own.size === 0) return modelCodes;
  let byModel = MEMO.get(schema);
  if (!byModel) MEMO.set(schema, (byModel = new WeakMap()));
  let merged = byModel.get(modelCodes);
  if (!merged) byModel.set(modelCodes, (merged = mergeCatalogs([schemaCodes(schema), modelCodes])));
  return merged;
}

function schemaCodes(schema: FormatSchema): CodeCatalog {
  const out = new Map<string, CatalogEntry>();
  for (const [name, c] of schema.codes) {
    out.set(name, {
      severity: c.severity, kind: 'structure', origin: 'schema', title: c.title, message: c.message,
      ...(c.meaning !== undefined ? { meaning: c.meaning } : {}),
      ...(c.fix !== undefined ? { fix: c.fix } : {}),
    });
  }
  return out;
}
