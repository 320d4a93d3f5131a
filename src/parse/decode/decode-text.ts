import type { FieldPath } from '../../findings/index.js';
import type { FieldDef } from '../../schema/index.js';
import { decodeText as decodeBytesAsText } from '../../codec/decode-text.js';
import type { DecodeContext } from './decode-context.js';
import type { DecodeStream } from './stream.js';

/**
 * Text is kept (lossily) either way, so a person can read it; data invalid in the field's encoding
 * is a finding when the schema gives it a code (utf8_code). `io`: the stream it was read from,
 * so a finding inside decompressed bytes lands on the compressed field.
 */
export function decodeText(ctx: DecodeContext, field: FieldDef, raw: Uint8Array, reportPath: FieldPath, reportOffset: number, io?: DecodeStream): string {
  const encoding = field.type.kind === 'str' ? field.type.encoding : undefined;
  const d = decodeBytesAsText(raw, encoding ?? 'utf-8');
  if (!d.valid && field.utf8Code) {
    if (io) ctx.reportAt(io, field.utf8Code, reportPath, reportOffset, { at: reportOffset });
    else ctx.report(field.utf8Code, reportPath, reportOffset, { at: reportOffset });
  }
  return d.text;
}
