/**
 * The Kaitai Struct baseline of issue 12 (bench/kaitai/): ccf_v1.ksy compiles with
 * kaitai-struct-compiler, and the generated parser reads the July 2024 file as the project's
 * decoder does (instances, criteria, strings, the CRC trailer).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { compileKsy, GENERATED_DIR } from '../../bench/kaitai/compile.js';
import { readAll } from '../../bench/kaitai/read-all.js';
import { decode } from '../../src/parse/index.js';
import { defaultSchemaPath, loadSchema } from '../../src/schema/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const JULY = join(ROOT, 'corpus/ccf/story/2024-07-19-0409-channel-291.bin');
mkdirSync(GENERATED_DIR, { recursive: true }); // gitignored: absent from a fresh clone
const out = mkdtempSync(join(GENERATED_DIR, 'test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('the generated parser reads the July file as the decoder does', async () => {
  const kaitai = await compileKsy(out);
  expect(kaitai.compilerVersion).toBe('0.11.0');
  const bytes = new Uint8Array(readFileSync(JULY));
  const parsed = kaitai.parse(bytes);
  const counts = readAll(parsed, bytes);

  const decoded = decode(loadSchema(defaultSchemaPath()), bytes).value as { instances: Array<{ instance_id: number; criteria: Array<{ op: number; text?: string }> }> };
  const strings = decoded.instances.flatMap((i) => i.criteria.filter((c) => typeof c.text === 'string').map((c) => c.text!));
  expect(counts).toEqual({
    instances: decoded.instances.length,
    criteria: decoded.instances.reduce((s, i) => s + i.criteria.length, 0),
    strings: strings.length,
    stringBytes: strings.reduce((s, t) => s + t.length, 0),
    crcOk: true,
  });
  expect(counts.instances).toBe(6);
  // Criterion 20 of the sixth instance: the EQ_STR of July 2024, at the same string.
  const july = parsed.index[5]!.record.criteria[20]!;
  expect(july.op).toBe(3);
  expect(july.args?.text).toBe(strings[strings.length - 1]);
  expect(parsed.index.map((e) => e.record.instanceId)).toEqual(decoded.instances.map((i) => i.instance_id));
});

it('a broken rule the .ksy states throws', async () => {
  const kaitai = await compileKsy(out);
  const bytes = new Uint8Array(readFileSync(JULY));
  bytes[4] = 2; // version
  expect(() => kaitai.parse(bytes)).toThrow(/expected \[1\], but got \[2\]/);
});
