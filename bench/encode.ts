/**
 * How fast the schema-driven encoder is, on a ~400-byte CCF file (what the fuzzer re-encodes for
 * every field-level mutation) and on a ~1 MiB one, as ratios against baselines measured in the
 * same run on the same bytes: the diagnostic decoder, and a Buffer.concat of as many bytes.
 * Run: npx tsx bench/encode.ts. Writes nothing.
 */
import { encode } from '../src/encode/index.js';
import { walk } from '../src/encode/walk.js';
import { decode } from '../src/parse/index.js';
import { defaultSchemaPath, loadSchema } from '../src/schema/index.js';

const schema = loadSchema(defaultSchemaPath());
const KINDS = ['STR', 'STR', 'STR', 'STR', 'INT', 'INT', 'STR', 'STR', 'INT', 'STR', 'STR', 'INT', 'STR', 'STR', 'STR', 'INT', 'INT', 'STR', 'STR', 'STR', 'STR'];

/** A source as `pack` reads it: enum names, derived fields left out. */
const small = {
  header: { content_seq: 5n },
  types: [{ type_id: 7, field_kinds: ['INT', 'STR', 'STR'] }, { type_id: 9, field_kinds: ['STR', 'INT', 'INT', 'STR'] }],
  instances: [
    { instance_id: 1, type_id: 7, action: 'block', criteria: [{ op: 'EQ_INT', value: 42 }, { op: 'REGEX', text: '^cmd\\.exe$' }, { op: 'ANY' }] },
    { instance_id: 2, type_id: 7, action: 'log', criteria: [{ op: 'RANGE_INT', lo: 1, hi: 9 }, { op: 'ANY' }, { op: 'PREFIX_STR', text: 'C:\\Windows\\' }] },
    { instance_id: 3, type_id: 9, action: 'kill', criteria: [{ op: 'EQ_STR', text: 'powershell.exe' }, { op: 'EQ_INT', value: 7 }, { op: 'ANY' }, { op: 'REGEX', text: '^cmd\\.exe$' }] },
    { instance_id: 4, type_id: 9, action: 'block', criteria: [{ op: 'PREFIX_STR', text: '\\\\.\\pipe\\' }, { op: 'RANGE_INT', lo: 100, hi: 200 }, { op: 'EQ_INT', value: 3 }, { op: 'EQ_STR', text: 'rundll32.exe' }] },
    { instance_id: 5, type_id: 7, action: 'log', criteria: [{ op: 'ANY' }, { op: 'EQ_STR', text: 'svchost.exe' }, { op: 'REGEX', text: '^[a-z]+\\.dll$' }] },
    { instance_id: 6, type_id: 9, action: 'kill', criteria: [{ op: 'ANY' }, { op: 'ANY' }, { op: 'EQ_INT', value: 99 }, { op: 'PREFIX_STR', text: 'C:\\Users\\' }] },
    { instance_id: 7, type_id: 7, action: 'block', criteria: [{ op: 'EQ_INT', value: 12345678901n }, { op: 'EQ_STR', text: 'cmd.exe' }, { op: 'ANY' }] },
  ],
};

function big(instances: number): Record<string, unknown> {
  const criteria = (i: number) => KINDS.map((k, f) => {
    if (f === 20 || (f + i) % 3 !== 0) return { op: 'ANY' };
    return k === 'INT' ? { op: 'EQ_INT', value: BigInt(i * 31 + f) } : { op: 'PREFIX_STR', text: `\\\\.\\pipe\\agent-${i}-field-${f}-${'x'.repeat(4 + ((i * f) % 20))}` };
  });
  return {
    types: [{ type_id: 1, field_kinds: KINDS }],
    instances: Array.from({ length: instances }, (_, i) => ({ instance_id: i + 1, type_id: 1, action: 'block', criteria: criteria(i) })),
  };
}

/** What the fuzzer encodes: a decoded file, its derived fields left out, in fresh objects. */
function fuzzerValue(bytes: Uint8Array): Record<string, unknown> {
  const v = decode(schema, bytes).value;
  walk(schema, v, NaN, () => undefined, ({ field: f, obj }) => {
    if (!f.view && (f.derive !== undefined || f.pool || f.checksum !== undefined)) delete obj[f.id];
  });
  const copy = (x: unknown): unknown => (x instanceof Uint8Array ? x.slice() : Array.isArray(x) ? x.map(copy)
    : typeof x === 'object' && x !== null ? Object.fromEntries(Object.entries(x).map(([k, y]) => [k, copy(y)])) : x);
  return copy(v) as Record<string, unknown>;
}

/** Milliseconds per call of one batch of `batch` calls. */
function batchTime(fn: () => unknown, batch: number): number {
  const t = performance.now();
  for (let i = 0; i < batch; i++) fn();
  return (performance.now() - t) / batch;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Baselines and encoder measured in interleaved rounds, so that a machine busy with something
 * else slows all three alike: the ratios are medians of per-round ratios, the times the best round.
 */
function measure(bytes: Uint8Array, value: unknown, batch: number, rounds: number): { enc: number; perDecode: number; perConcat: number } {
  const parts = Array.from({ length: Math.ceil(bytes.length / 16) }, () => Buffer.alloc(16, 1));
  const concat = () => Buffer.concat(parts, bytes.length);
  const dec = () => decode(schema, bytes);
  const enc = () => encode(schema, value);
  for (const fn of [concat, dec, enc]) for (let w = 0; w < 5; w++) batchTime(fn, batch); // warm up
  const encs: number[] = [];
  const perDecode: number[] = [];
  const perConcat: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const c = batchTime(concat, batch);
    const d = batchTime(dec, batch);
    const e = batchTime(enc, batch);
    encs.push(e);
    perDecode.push(e / d);
    perConcat.push(e / c);
  }
  return { enc: Math.min(...encs), perDecode: median(perDecode), perConcat: median(perConcat) };
}

const smallBytes = encode(schema, small);
const cases: Array<[string, () => [Uint8Array, unknown], number, number]> = [
  ['small, as the fuzzer encodes it', () => [smallBytes, fuzzerValue(smallBytes)], 300, 41],
  ['small, as pack reads it (enum names)', () => [smallBytes, small], 300, 41],
  ['1 MiB, as pack reads it', () => { const v = big(3900); return [encode(schema, v), v]; }, 1, 7],
];
console.log('encode on CCF files. µs: best round; ratios: median of encode time ÷ baseline time, same round (lower is better)');
console.log('case'.padEnd(38), 'bytes'.padStart(8), 'encode µs'.padStart(11), 'encodes/s'.padStart(10), '÷ decode'.padStart(9), '÷ concat'.padStart(9));
for (const [name, make, batch, rounds] of cases) {
  const [bytes, value] = make();
  const m = measure(bytes, value, batch, rounds);
  console.log(name.padEnd(38), String(bytes.length).padStart(8), (m.enc * 1000).toFixed(1).padStart(11), (1000 / m.enc).toFixed(0).padStart(10),
    m.perDecode.toFixed(2).padStart(9), m.perConcat.toFixed(1).padStart(9));
}
