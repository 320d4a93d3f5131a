import { evaluateRef, evaluateSize } from '../../schema/index.js';
import { Bail, type DecodeState } from './runtime.js';
import { utf8 } from './text.js';

/** What each resolved view was cut from, for the location walk (regions are found by identity). */
export interface ViewRecords {
  readonly regions: Uint8Array[];
  readonly ats: number[];
  readonly sizes: number[];
  /** The view's own bytes when it is a bytes view (another view may point into it). */
  readonly raws: (Uint8Array | undefined)[];
}

/**
 * Resolves views like src/parse/decode/resolve-views.ts, in the same order and with the
 * same scopes (captured while parsing). Wherever the interpreter would report something
 * or silently skip a view, this bails instead, so the interpreter gets to decide.
 */
export function resolveViews(st: DecodeState): ViewRecords {
  const out: ViewRecords = { regions: [], ats: [], sizes: [], raws: [] };
  for (let k = 0; k < st.viewFields.length; k++) {
    const field = st.viewFields[k]!;
    const scope = st.viewScopes[k]!;
    const region = evaluateRef(field.view!, scope);
    if (!(region.value instanceof Uint8Array) || !region.path) throw new Bail(`${field.id} views something that is not decoded bytes`);
    const at = evaluateSize(field.at!, scope);
    const size = evaluateSize(field.size!, scope);
    if (at + size > region.value.length) throw new Bail(`${field.id} runs past its region`);
    const raw = region.value.subarray(at, at + size);
    // Bad UTF-8 is a finding only with a utf8_code (the interpreter's decodeText); otherwise it is kept lossily.
    const value = field.type.kind === 'bytes' ? raw : utf8(raw, field.utf8Code !== undefined);
    if (value === undefined) throw new Bail(`${field.id} is not valid UTF-8`);
    st.viewHolders[k]![field.id] = value;
    out.regions.push(region.value);
    out.ats.push(at);
    out.sizes.push(size);
    out.raws.push(field.type.kind === 'bytes' ? raw : undefined);
  }
  return out;
}
