/**
 * Build step (`npm run build`, after tsc): the CLI's main process as one CommonJS bundle,
 * dist/cli/bundle/preflight.cjs, behind a small launcher that replaces tsc's dist/cli/main.js.
 * Why: a one-file `validate` loaded ~200 ES modules and ~150 CommonJS files of its packages;
 * resolving, reading and linking them was about half of its start-up. The launcher compiles the
 * bundle with a V8 code cache made here, so the functions a run needs are not compiled again.
 *
 * What stays as it was: every other file of dist/ (tsc's output) is untouched, and worker threads
 * (the fuzzer's worker-entry.js, the regex workers) still load those files. In the bundle,
 * `import.meta.url` of each source file is the URL its tsc output has in dist/, so paths found
 * from it (the package root, the worker script, require of packages) are the same. Packages that
 * load files by path or run only in some commands stay outside the bundle, required as usual.
 * `node dist/cli/main.js` without the bundle (tsc alone, e.g. `npx tsc -p tsconfig.build.json`)
 * is tsc's main.js again: a slower start, same behaviour.
 *
 * `npx tsx scripts/bundle-cli.ts` (after tsc has built dist/).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const OUT_DIR = join(DIST, 'cli', 'bundle');
export const BUNDLE = join(OUT_DIR, 'preflight.cjs');
const MAIN = join(DIST, 'cli', 'main.js');
/** tsc's own main.js, kept: the launcher runs it when the bundle is missing. */
const TSC_MAIN = join(DIST, 'cli', 'main-modules.js');

/**
 * Bundled: what a one-file validate loads. Outside: ajv (required by path, as a fallback only),
 * re2-wasm and redos-detector (their workers require them by path), the SARIF builder and
 * fast-check (one output format, one command).
 */
const EXTERNAL = ['ajv', 're2-wasm', 'redos-detector', 'node-sarif-builder', 'fast-check'];

/** Each source file's `import.meta.url` becomes the URL of its tsc output in dist/. */
const distUrls: Plugin = {
  name: 'dist-urls',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta')) return undefined;
      const out = relative(OUT_DIR, join(DIST, relative(join(ROOT, 'src'), args.path))).replace(/\.ts$/, '.js').split('\\').join('/');
      return { contents: source.replaceAll('import.meta.url', `__distUrl(${JSON.stringify(out)})`), loader: 'ts' };
    });
  },
};

export async function bundleCli(): Promise<void> {
  rmSync(OUT_DIR, { recursive: true, force: true });
  await build({
    entryPoints: [join(ROOT, 'src', 'cli', 'main.ts')],
    outfile: BUNDLE,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    plugins: [distUrls],
    logLevel: 'warning',
    // Whitespace and syntax only, names as written (stack traces of an internal error stay
    // readable): the launcher reads and V8 checks ~0.8 MB instead of ~1.2 MB on every run.
    minifyWhitespace: true,
    minifySyntax: true,
    // Class and function names as written even where bundling renames a clash (constructor.name).
    keepNames: true,
    banner: { js: "const __distUrl = (p) => require('node:url').pathToFileURL(require('node:path').join(__dirname, p)).href;" },
  });
  // The shebang of main.ts would be a syntax error inside the launcher's function wrapper.
  writeFileSync(BUNDLE, readFileSync(BUNDLE, 'utf8').replace(/^#!.*\n/, ''));
  // tsc's main.js is kept beside the launcher (a second bundle over the same tsc output keeps it).
  if (!readFileSync(MAIN, 'utf8').includes(LAUNCHER_MARK)) renameSync(MAIN, TSC_MAIN);
  writeFileSync(MAIN, launcher(`./${relative(dirname(MAIN), BUNDLE)}`, `./${relative(dirname(MAIN), TSC_MAIN)}`), { mode: 0o755 });
  makeCodeCache();
}

const LAUNCHER_MARK = 'launcher written by scripts/bundle-cli.ts';

function launcher(bundle: string, fallback: string): string {
  return `#!/usr/bin/env node
// ${LAUNCHER_MARK}: runs the bundled CLI with its V8 code cache; tsc's main.js for --version or without the bundle.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const file = fileURLToPath(new URL(${JSON.stringify(bundle)}, import.meta.url));
// --version loads next to nothing as modules; reading the bundle and its cache would cost more.
const args = process.argv.slice(2);
const versionOnly = args.length === 1 && (args[0] === '--version' || args[0] === '-V');
if (versionOnly || !existsSync(file)) {
  await import(${JSON.stringify(fallback)});
} else {
  const cacheFile = \`\${file}.cache\`;
  let cachedData;
  try { cachedData = readFileSync(cacheFile); } catch { cachedData = undefined; }
  // A cache from another Node or V8 version is rejected by V8, and the bundle compiled as usual.
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  // The build makes the cache at the end of a run, so it holds the functions that run compiled.
  if (process.env.PREFLIGHT_WRITE_CODE_CACHE === cacheFile) process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(file), mod, file, dirname(file));
}
`;
}

/** Runs the commands the cache is for (start-up and a one-file validate), writing the cache after. */
function makeCodeCache(): void {
  const cacheFile = `${BUNDLE}.cache`;
  rmSync(cacheFile, { force: true });
  const r = spawnSync(process.execPath, [MAIN, 'validate', join(ROOT, 'corpus', 'ccf', 'codes', 'clean.bin'), '--no-progress'], {
    cwd: ROOT, stdio: 'ignore', env: { ...process.env, PREFLIGHT_WRITE_CODE_CACHE: cacheFile },
  });
  // Without a cache the launcher still works, compiling as it goes: a warning, not a failed build.
  if (r.status !== 0 || !existsSync(cacheFile)) {
    rmSync(cacheFile, { force: true });
    console.warn(`bundle-cli: no code cache (the bundled CLI exited ${r.status} on validate corpus/ccf/codes/clean.bin)`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await bundleCli();
  console.log(`wrote ${relative(ROOT, BUNDLE)} (+ .cache) and the launcher ${relative(ROOT, MAIN)}`);
}
