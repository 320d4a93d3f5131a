import { encode } from '../../../src/encode/index.js';
import type { FormatSchema } from '../../../src/schema/index.js';

/** Markup, script, a comment opener, entities and a bidi override: text that must stay text. */
export const HOSTILE = '</script><script>alert(1)</script><img src=x onerror=alert(2)>"\'&amp;<!--\u202e';

/** A CCF file whose criterion strings are markup and script. */
export function hostileCcfFile(schema: FormatSchema): Uint8Array {
  return encode(schema, {
    types: [{ type_id: 1, field_kinds: ['STR', 'STR'] }],
    instances: [{ instance_id: 1, type_id: 1, action: 'block', criteria: [{ op: 'PREFIX_STR', text: HOSTILE }, { op: 'EQ_STR', text: '<svg onload=alert(3)>' }] }],
  });
}
