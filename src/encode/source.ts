import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Document } from 'yaml';
import type { FieldPath } from '../findings/index.js';
import type { FormatSchema } from '../schema/index.js';
import { parseEdits } from './edit.js';
import { encode } from './encode.js';
import { EncodeError } from './encode-error.js';
import { EDIT_KEY, normalize } from './normalize.js';
import { checkYamlDocument, yamlErrorText, type YamlProblem } from '../schema/load/yaml-safety.js';
import { clip } from './clip.js';

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
  // Integers as bigint: a u8 above 2^53 stays exact, and a float (`9007199254740993.0`) is told apart.
  // uniqueKeys is quadratic in the yaml package: checkYamlDocument finds duplicates in linear time.
  const doc = parseDocument(text, { lineCounter: lines, intAsBigInt: true, prettyErrors: false, uniqueKeys: false });
  const err = doc.errors[0];
  if (err) throw new EncodeError(`not valid YAML: ${yamlErrorText(err.message)}`, [], sourceName, lines.linePos(err.pos[0]).line);
  const unsafe = checkYamlDocument(doc) ?? fractionalNumber(doc);
  if (unsafe) throw new EncodeError(unsafe.reason, [...(unsafe.path ?? [])], sourceName, lines.linePos(unsafe.node?.range?.[0] ?? 0).line);
  return { doc, lines, raw: doc.toJS({ maxAliasCount: -1 }) };
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

/**
 * Sources hold integers, text and bytes: a number with a fraction or an exponent is never meant.
 * `9007199254740993.0` would otherwise be rounded to ...992 before any check saw it.
 */
function fractionalNumber(doc: Document): YamlProblem | null {
  let found: YamlProblem | null = null;
  visit(doc, {
    Scalar(_key, node, ancestors) {
      if (typeof node.value !== 'number') return undefined;
      found = { node, path: keysOf([...ancestors, node]), reason: `${clip(node.source ?? String(node.value))} is not an integer (sources take whole numbers only; quote it if it is text)` };
      return visit.BREAK;
    },
  });
  return found;
}

/** The key path of the last of `chain` (document, collections and pairs from the top down). */
function keysOf(chain: readonly unknown[]): Array<string | number> {
  const out: Array<string | number> = [];
  for (let i = 0; i + 1 < chain.length; i++) {
    const node = chain[i];
    const next = chain[i + 1];
    if (isPair(node) && next === node.value) out.push(isScalar(node.key) ? String(node.key.value) : '?');
    else if (isSeq(node)) out.push(node.items.indexOf(next as never));
  }
  return out;
}
