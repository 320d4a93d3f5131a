import type { FieldDef, FormatSchema } from '../../schema/index.js';

/**
 * The schema constructs a consumer model's engines (src/model/run, src/model/compile) read. The
 * engines walk the layout as a consumer does; the constructs added for real formats (bit fields,
 * substreams, terminators, decompression, parameters...) are the decoder's, and a model over a
 * schema that uses one is refused at load with the construct named, never misread at run time.
 */
export function unsupportedConstruct(schema: FormatSchema): string | undefined {
  for (const [name, struct] of schema.types) {
    if (struct.params) return `type ${name} has parameters`;
    for (const f of struct.fields) {
      const what = construct(f);
      if (what) return `${name}.${f.id} uses ${what}`;
    }
  }
  return undefined;
}

function construct(f: FieldDef): string | undefined {
  const t = f.type;
  if (t.kind === 'bits') return `a bit field (b${t.bits})`;
  if (t.kind === 'str' && t.encoding && t.encoding !== 'utf-8') return `the ${t.encoding} encoding`;
  if (t.kind === 'switch' && (t.textCases || t.defaultCase !== undefined)) return 'text or default switch cases';
  if (f.cond) return 'if';
  if (f.repeatKind === 'until' || f.repeatKind === 'eos') return `repeat: ${f.repeatKind}`;
  if (f.sizeEos) return 'size_eos';
  if (f.size && (t.kind === 'struct' || t.kind === 'switch')) return 'a size on a struct (a substream)';
  if (f.terminator !== undefined) return 'a terminator';
  if (f.contents) return 'contents';
  if (f.process) return 'process';
  if (f.checksum && f.checksum.algo !== 'crc32') return `a ${f.checksum.algo} checksum`;
  return undefined;
}
