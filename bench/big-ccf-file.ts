import { encode } from '../src/encode/index.js';
import type { FormatSchema } from '../src/schema/index.js';

/** The July 2024 type's 21 declared field kinds. */
const KINDS = ['STR', 'STR', 'STR', 'STR', 'INT', 'INT', 'STR', 'STR', 'INT', 'STR', 'STR', 'INT', 'STR', 'STR', 'STR', 'INT', 'INT', 'STR', 'STR', 'STR', 'STR'];

/**
 * The benchmarks' large CCF file: `instances` instances of one 21-field type, a real criterion on
 * every third field (never the 21st), each string unique. 3,900 instances make about 1 MiB,
 * 2,600 make 689 KB (the file of issue 12's 69 MB set). `longer` adds that many characters to
 * every string: the format allows at most 65,535 instances, so files past ~17 MB need longer
 * strings (bench/scale.ts).
 */
export function bigCcfFile(schema: FormatSchema, instances: number, longer = 0): Uint8Array {
  const criteria = (i: number) => KINDS.map((k, f) => {
    if (f === 20 || (f + i) % 3 !== 0) return { op: 'ANY' };
    return k === 'INT' ? { op: 'EQ_INT', value: BigInt(i * 31 + f) } : { op: 'PREFIX_STR', text: `\\\\.\\pipe\\agent-${i}-field-${f}-${'x'.repeat(4 + ((i * f) % 20) + longer)}` };
  });
  return encode(schema, {
    types: [{ type_id: 1, field_kinds: KINDS }],
    instances: Array.from({ length: instances }, (_, i) => ({ instance_id: i + 1, type_id: 1, action: 'block', criteria: criteria(i) })),
  });
}
