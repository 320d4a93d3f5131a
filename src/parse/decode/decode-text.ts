import type { FieldPath } from '../../findings/index.js';
import type { FieldDef } from '../../schema/index.js';
import type { DecodeContext } from './decode-context.js';

const utf8Lossy = new TextDecoder('utf-8');
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** Text is kept (lossily) either way, so a person can read it; invalid UTF-8 is a finding when the schema says so. */
export function decodeText(ctx: DecodeContext, field: FieldDef, raw: Uint8Array, reportPath: FieldPath, reportOffset: number): string {
  if (!field.utf8Code) return utf8Lossy.decode(raw);
  try {
    return utf8Strict.decode(raw);
  } catch {
    ctx.report(field.utf8Code, reportPath, reportOffset, { at: reportOffset });
    return utf8Lossy.decode(raw);
  }
}
