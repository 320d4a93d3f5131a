/**
 * Compiles bench/kaitai/ccf_v1.ksy with kaitai-struct-compiler (the npm build of the reference
 * compiler) to JavaScript at bench time, writes it into `outDir` (gitignored: generated code is
 * never committed) and loads it. The file is written as .cjs: it is a UMD module that requires
 * `kaitai-struct/KaitaiStream`, resolved from the project's node_modules, and this package is ESM.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';

export const KSY_FILE = join(import.meta.dirname, 'ccf_v1.ksy');
export const GENERATED_DIR = join(import.meta.dirname, 'generated');

/** What the generated module exports: the parser class of the .ksy's root type, as we use it. */
export interface KaitaiCcf {
  readonly header: { readonly typeCount: number; readonly instanceCount: number; readonly poolOffset: number; readonly poolSize: number };
  readonly types: ReadonlyArray<{ readonly typeId: number; readonly fieldKinds: readonly number[] }>;
  readonly index: ReadonlyArray<{ readonly ofs: number; readonly record: KaitaiRecord }>;
  readonly pool: Uint8Array;
  readonly crc: number;
}
export interface KaitaiRecord {
  readonly instanceId: number;
  readonly typeId: number;
  readonly criteria: ReadonlyArray<{ readonly op: number; readonly args?: { readonly text?: string } }>;
}
export type KaitaiCcfParser = new (stream: unknown) => KaitaiCcf;
export type KaitaiStreamCtor = new (bytes: ArrayBuffer | Uint8Array) => unknown;

export interface CompiledKsy {
  /** The generated file, for a person to read. */
  readonly file: string;
  readonly compilerVersion: string;
  /** Parses `bytes` eagerly as far as the generated code does (records and strings are lazy). */
  readonly parse: (bytes: Uint8Array) => KaitaiCcf;
}

const require = createRequire(import.meta.url);

interface KaitaiCompiler {
  readonly version: string;
  compile(lang: string, ksy: unknown, importer: unknown, debug: boolean): Promise<Record<string, string>>;
}

export async function compileKsy(outDir: string = GENERATED_DIR, ksyFile: string = KSY_FILE): Promise<CompiledKsy> {
  const compiler = require('kaitai-struct-compiler') as KaitaiCompiler;
  const files = await compiler.compile('javascript', parse(readFileSync(ksyFile, 'utf8')), null, false);
  const [name, source] = Object.entries(files)[0] ?? [];
  if (name === undefined || source === undefined) throw new Error(`kaitai-struct-compiler produced nothing for ${ksyFile}`);
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, name.replace(/\.js$/, '.cjs'));
  writeFileSync(file, source);
  const mod = require(file) as Record<string, KaitaiCcfParser>;
  const Parser = mod[name.replace(/\.js$/, '')];
  if (Parser === undefined) throw new Error(`${file} exports no ${name.replace(/\.js$/, '')}`);
  const KaitaiStream = require('kaitai-struct/KaitaiStream') as KaitaiStreamCtor;
  return { file, compilerVersion: compiler.version, parse: (bytes) => new Parser(new KaitaiStream(bytes)) };
}
