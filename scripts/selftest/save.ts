import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Failure } from './protocol.js';

/** How a failure is told apart from another: command, reason and where it was thrown. */
export function signature(f: Failure): string {
  const lines = f.message.split('\n');
  const frame = lines.find((l) => /^\s+at /.test(l))?.trim() ?? '';
  const first = f.reason === 'throw' ? (lines[0] ?? '').replace(/\d+/g, 'N').slice(0, 120) : '';
  // A memory failure or hang has no stack: the format tells them apart (CCF's and the rule book's unpack are two).
  const where = f.reason === 'throw' ? '' : ` | ${f.format}`;
  return `${f.command} | ${f.reason}${where} | ${first} | ${frame}`;
}

/**
 * Writes a failing input as a reproducer: FILE.bin (and FILE.old.bin for diff), and FILE.json with
 * the command, the reason, the message or stack, how the input was made, and how to run it again.
 * Returns the .bin's path.
 */
export function saveFailure(out: string, f: Failure, ctx: { seed: number; schemaFile: string }): string {
  mkdirSync(out, { recursive: true });
  const hash = createHash('sha256').update(f.bytes).update(f.old ?? new Uint8Array(0)).digest('hex').slice(0, 10);
  const name = `${f.command}-${f.format}-${f.reason.replace(/\W+/g, '-')}-${hash}`;
  const bin = join(out, `${name}.bin`);
  writeFileSync(bin, f.bytes);
  if (f.old !== undefined) writeFileSync(join(out, `${name}.old.bin`), f.old);
  const cliArgs = cliCommand(f, ctx.schemaFile, bin, f.old !== undefined ? join(out, `${name}.old.bin`) : undefined);
  writeFileSync(join(out, `${name}.json`), `${JSON.stringify({
    command: f.command, format: f.format, schema: ctx.schemaFile, reason: f.reason, message: f.message, how: f.how,
    kind: f.kind, ms: f.ms !== undefined ? Math.round(f.ms) : undefined, at: f.at, path: f.path,
    seed: ctx.seed, index: f.index,
    rerun: f.index >= 0 ? `npx tsx scripts/selftest.ts --seed ${ctx.seed} --only ${f.index}` : undefined,
    cli: `node dist/cli/main.js ${cliArgs.map(quote).join(' ')}`,
  }, null, 2)}\n`);
  return bin;
}

/** The CLI arguments that run `f`'s command on the saved files (the CLI sample runs exactly these). */
export function cliCommand(f: Pick<Failure, 'command' | 'at' | 'path'>, schemaFile: string, file: string, old: string | undefined, htmlOut = 'report.html'): string[] {
  const schema = ['--schema', schemaFile];
  switch (f.command) {
    case 'validate': return ['validate', ...schema, '--no-progress', file];
    case 'inspect': return ['inspect', ...schema, ...(f.at !== undefined ? ['--at', String(f.at)] : []), ...(f.path !== undefined ? ['--path', f.path] : []), file];
    case 'explain': return ['explain', ...schema, file];
    case 'diff': return ['diff', ...schema, old ?? file, file];
    case 'report': return ['report', ...schema, '-o', htmlOut, ...(old !== undefined ? [old] : []), file];
    case 'unpack': return ['unpack', ...schema, file];
    case 'replay': return ['replay', ...schema, file];
  }
}

function quote(s: string): string {
  return /^[\w./:=@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
