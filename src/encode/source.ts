import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import type { FieldPath } from '../findings/index.js';
import type { FormatSchema } from '../schema/index.js';
import { parseEdits } from './edit.js';
import { encode } from './encode.js';
import { EncodeError } from './encode-error.js';
import { EDIT_KEY, normalize } from './normalize.js';

interface Parsed { readonly doc: Document; readonly lines: LineCounter; readonly raw: unknown }

/**
 * Reads a source: YAML whose keys are the schema's fields. Integers may be hex; u8 may be a
 * digit string; enum fields take names; bytes are text or `{hex: ...}`. A top-level `$edit`
 * is kept on the value (encode applies it). Errors name the path and the source line.
 */
export function parseSource(schema: FormatSchema, yamlText: string, sourceName: string): Record<string, unknown> {
  const p = parseYaml(yamlText, sourceName);
  return located(p, sourceName, () => {
    const { value, edit } = normalize(schema, p.raw);
    if (edit !== undefined) {
      parseEdits(edit);
      value[EDIT_KEY] = edit;
    }
    return value;
  });
}

/** Source text to file bytes: parse, encode (deriving what is not pinned), apply `$edit`. */
export function pack(schema: FormatSchema, yamlText: string, sourceName: string): Uint8Array {
  const p = parseYaml(yamlText, sourceName);
  return located(p, sourceName, () => encode(schema, p.raw));
}

function parseYaml(text: string, sourceName: string): Parsed {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, intAsBigInt: true, prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) throw new EncodeError(`not valid YAML: ${err.message.split('\n')[0]}`, [], sourceName, lines.linePos(err.pos[0]).line);
  return { doc, lines, raw: doc.toJS({ maxAliasCount: 50 }) };
}

function located<T>(p: Parsed, sourceName: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof EncodeError) throw e.at(sourceName, lineOf(p, e.path));
    throw new EncodeError(`unexpected failure: ${e instanceof Error ? e.message : String(e)}`, [], sourceName);
  }
}

/** The line of the deepest node of `path` that the source has (the key's line for map entries). */
export function lineOf({ doc, lines }: Parsed, path: FieldPath): number | undefined {
  let node: unknown = doc.contents;
  let pos = (node as { range?: [number] } | null)?.range?.[0];
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((it) => (isScalar(it.key) ? String(it.key.value) : String(it.key)) === String(seg));
      if (!pair) break;
      pos = (pair.key as { range?: [number] }).range?.[0] ?? pos;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as { range?: [number] } | undefined;
      if (!item) break;
      pos = item.range?.[0] ?? pos;
      node = item;
    } else break;
  }
  return pos === undefined ? undefined : lines.linePos(pos).line;
}
