import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { isScalar, parseDocument, visit } from 'yaml';
import { HEX_LIST_MIN } from '../../src/encode/format.js';
import { pack, parseSource, unpack } from '../../src/encode/index.js';
import { defaultSchemaPath, loadSchema } from '../../src/schema/index.js';
import { buildCcf, type Kind } from '../helpers/ccf-bytes.js';

const schema = loadSchema(defaultSchemaPath());
const root = join(import.meta.dirname, '..', '..');

/** `size` bytes of xorshift32 from `seed`: the same random file in the test and in its worker. */
const RANDOM_BYTES = `(seed, size) => {
  let s = seed >>> 0 || 1;
  const b = new Uint8Array(size);
  for (let i = 0; i < size; i++) { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; b[i] = s & 0xff; }
  return b;
}`;
const randomBytes = new Function(`return ${RANDOM_BYTES}`)() as (seed: number, size: number) => Uint8Array;

/** YAML scalars in `text`: what the yaml package holds about 1 KB each of while it parses. */
function scalars(text: string): number {
  let n = 0;
  visit(parseDocument(text), { Scalar: () => { n++; } });
  return n;
}

describe('long u1 lists as {hex}', () => {
  it('unpack prints a u1 list longer than HEX_LIST_MIN of mostly unnamed values as hex, any other as a list, and pack reads both back', () => {
    const unnamed = Array.from({ length: HEX_LIST_MIN + 1 }, (_, i): Kind => 0x10 + i);
    const named = Array.from({ length: HEX_LIST_MIN + 1 }, (_, i): Kind => (i % 2 ? 'STR' : 'INT'));
    const types = [{ id: 1, kinds: unnamed }, { id: 2, kinds: named }, { id: 3, kinds: unnamed.slice(0, HEX_LIST_MIN) }];
    const bytes = buildCcf({ types, instances: [] }).bytes;
    const text = unpack(schema, bytes);
    expect(text).toMatch(/field_kinds: \{ hex: "?101112131415161718191a1b1c1d1e1f20"? \}/);
    expect(text).toContain(`field_kinds: [ ${named.join(', ')} ]`);
    expect(text).toContain(`field_kinds: [ ${unnamed.slice(0, HEX_LIST_MIN).join(', ')} ]`);
    expect(Buffer.from(pack(schema, text, 'lists.yaml')).equals(Buffer.from(bytes))).toBe(true);
    const value = parseSource(schema, text, 'lists.yaml') as { types: Array<{ field_kinds: number[] }> };
    expect(value.types[0]!.field_kinds).toEqual(unnamed);
  });

  it('pack takes {hex} for any u1 list, and names the source line and key of a bad one', () => {
    const source = 'types:\n  - type_id: 1\n    field_kinds: { hex: "0102" }\ninstances: []\n';
    const packed = pack(schema, source, 's.yaml');
    const listed = pack(schema, source.replace('{ hex: "0102" }', '[INT, STR]'), 's.yaml');
    expect(Buffer.from(packed).equals(Buffer.from(listed))).toBe(true);
    expect(() => pack(schema, source.replace('0102', '01x2'), 'bad.yaml')).toThrow(/^bad\.yaml:3: types\[0\]\.field_kinds\.hex: "01x2" has a character that is not a hex digit/);
    // Only u1 lists: type_id is a u2, and a {hex} there is still an error.
    expect(() => pack(schema, 'types:\n  - type_id: { hex: "0001" }\n    field_kinds: [INT]\n', 'u2.yaml')).toThrow(/^u2\.yaml:2: types\[0\]\.type_id: /);
  });

  it('unpack of 90 KB of random bytes as CCF prints a source of few YAML nodes, which packs back byte for byte', () => {
    const bytes = randomBytes(1, 90 * 1024);
    const text = unpack(schema, bytes);
    // It was one node a byte (94,280 scalars: field_kinds as numbers), and pack's parse of it peaked at 205 MB RSS; now 6,668.
    expect(scalars(text)).toBeLessThan(bytes.length / 8);
    expect(Buffer.from(pack(schema, text, 'random.yaml')).equals(Buffer.from(bytes))).toBe(true);
  });

  it('unpack and pack of that input stay within a 64 MB heap (a worker capped as the selftest caps its own)', async () => {
    const tsx = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;
    const url = (p: string): string => JSON.stringify(pathToFileURL(join(root, p)).href);
    const code = `const { parentPort } = require('node:worker_threads');
      import(${JSON.stringify(tsx)}).then(async ({ register }) => {
        register();
        const { loadSchema, defaultSchemaPath } = await import(${url('src/schema/index.ts')});
        const { pack, unpack } = await import(${url('src/encode/index.ts')});
        const schema = loadSchema(defaultSchemaPath());
        const bytes = (${RANDOM_BYTES})(1, 90 * 1024);
        const again = pack(schema, unpack(schema, bytes), 'random.yaml');
        parentPort.postMessage(Buffer.from(again).equals(Buffer.from(bytes)) ? 'same' : 'different');
      }).catch((e) => parentPort.postMessage(String(e && e.stack || e)));`;
    const worker = new Worker(code, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 64 } });
    const outcome = await new Promise<string>((resolve) => {
      worker.once('message', (m: string) => resolve(m));
      worker.once('error', (e) => resolve(`worker error: ${e.message}`));
    });
    await worker.terminate();
    expect(outcome).toBe('same');
  }, 60_000);
});
