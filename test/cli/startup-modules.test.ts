/**
 * Start-up loads only what a command needs (issue 10: `preflight --version` and a one-file
 * `validate` under 0.4 s; bench/startup.ts times them). Timing is no unit test on a shared
 * machine, so this checks the cause instead: which packages a real run of the CLI loaded. It runs
 * the TypeScript sources through tsx, whatever the state of dist/, so it checks the import
 * structure the build (and any bundle) starts from.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from './run-cli.js';

// Lists, at exit, the packages whose CommonJS files were loaded: every package preflight
// imports (yaml, ajv, commander, ...) is CommonJS, and an ESM import of one lands in this cache too.
const PRELOAD = `data:text/javascript,${encodeURIComponent(`
import Module from 'node:module';
process.on('exit', () => {
  const names = new Set(Object.keys(Module._cache).map((f) => /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)[\\\\/](.*)/.exec(f)).filter(Boolean).map((m) => m[1] + (m[1] === 'ajv' && /^dist[\\\\/](core|ajv)\\.js$/.test(m[2]) ? ':compiler' : '')));
  process.stderr.write('\\nLOADED ' + JSON.stringify([...names].sort()) + '\\n');
});
`)}`;

function packagesLoaded(args: readonly string[]): { status: number | null; packages: string[] } {
  const tsx = fileURLToPath(import.meta.resolve('tsx'));
  const r = spawnSync(process.execPath, ['--import', tsx, '--import', PRELOAD, join(ROOT, 'src', 'cli', 'main.ts'), ...args], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000,
  });
  const line = /\nLOADED (.*)\n/.exec(r.stderr)?.[1];
  if (line === undefined) throw new Error(`no module list (status ${r.status}): ${r.stderr}`);
  // tsx's own dependencies are the harness, not preflight.
  return { status: r.status, packages: (JSON.parse(line) as string[]).filter((p) => !['tsx', 'esbuild', 'get-tsconfig', 'resolve-pkg-maps'].includes(p)) };
}

describe('start-up loads only what the command needs (issue 10)', () => {
  it('--version loads no package at all, not even commander', () => {
    const r = packagesLoaded(['--version']);
    expect(r.status).toBe(0);
    expect(r.packages).toEqual([]);
  });

  it('validate --help loads no schema loader, validator or report writer', () => {
    const r = packagesLoaded(['validate', '--help']);
    expect(r.status).toBe(0);
    expect(r.packages).toEqual(['commander']);
  });

  it('validate of one file with the text report loads no SARIF builder, no fuzzer, no regex engine', () => {
    const r = packagesLoaded(['validate', 'corpus/ccf/codes/clean.bin']);
    expect(r.status).toBe(0);
    for (const heavy of ['node-sarif-builder', 'fs-extra', 'fast-check', 're2-wasm', 'redos-detector']) expect(r.packages).not.toContain(heavy);
  });

  it('--sarif loads the SARIF builder (the writer is loaded when asked for)', () => {
    const r = packagesLoaded(['validate', 'corpus/ccf/codes/clean.bin', '--format', 'sarif']);
    expect(r.status).toBe(0);
    expect(r.packages).toContain('node-sarif-builder');
  });
});
