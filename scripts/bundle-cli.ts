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
import Module, { createRequire } from 'node:module';
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

/**
 * Built-in modules that most runs never use but that some bundled module requires when it loads:
 * commander requires node:child_process (for executable subcommands, which preflight has none
 * of), src/exec's runner too (only --exec runs a process), and the regex worker clients
 * node:worker_threads (only when a pattern is checked). child_process alone pulls in net, dgram
 * and streams. In the bundle each is required on first use instead, through a proxy: the
 * bundled code only ever reads their members (`x.spawn(...)`, `new x.Worker(...)`).
 */
const LAZY_BUILTINS = ['child_process', 'worker_threads'];
const lazyBuiltins: Plugin = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(node:)?(${LAZY_BUILTINS.join('|')})$`) }, (args) =>
      // The proxy's own require is the real module.
      args.namespace === 'lazy-builtin' ? { path: args.path, external: true } : { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' });
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      // The member names are the build's Node's (esbuild's CommonJS interop lists them at load);
      // each one reads the real module when it is first read.
      contents: `let m; const get = () => (m ??= require(${JSON.stringify(`node:${args.path}`)}));
const names = ${JSON.stringify(Object.getOwnPropertyNames(createRequire(import.meta.url)(`node:${args.path}`)))};
module.exports = new Proxy({}, {
  get: (_, k) => get()[k], has: (_, k) => k in get(), ownKeys: () => names,
  getOwnPropertyDescriptor: (_, k) => (names.includes(k) ? { get: () => get()[k], enumerable: true, configurable: true } : undefined),
});
`,
      loader: 'js',
    }));
  },
};

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
    plugins: [distUrls, lazyBuiltins],
    logLevel: 'warning',
    // Whitespace and syntax only, names as written (stack traces of an internal error stay
    // readable): the launcher reads and V8 checks ~0.8 MB instead of ~1.2 MB on every run.
    minifyWhitespace: true,
    minifySyntax: true,
    // Class and function names as written even where bundling renames a clash (constructor.name).
    keepNames: true,
    banner: { js: "const __distUrl = (p) => require('node:url').pathToFileURL(require('node:path').join(__dirname, p)).href;" },
  });
  // The shebang of main.ts would be a syntax error inside the function wrapper; the launchers
  // compile the file as it is, a CommonJS module's wrapper around the bundle.
  writeFileSync(BUNDLE, Module.wrap(readFileSync(BUNDLE, 'utf8').replace(/^#!.*\n/, '')));
  // tsc's main.js is kept beside the launcher (a second bundle over the same tsc output keeps it).
  if (!readFileSync(MAIN, 'utf8').includes(LAUNCHER_MARK)) renameSync(MAIN, TSC_MAIN);
  writeFileSync(MAIN, launcher(`./${relative(dirname(MAIN), BUNDLE)}`, `./${relative(dirname(MAIN), TSC_MAIN)}`), { mode: 0o755 });
  writeFileSync(BIN, binLauncher(relative(dirname(BIN), BUNDLE), relative(dirname(BIN), TSC_MAIN)), { mode: 0o755 });
  makeCodeCache();
}

const LAUNCHER_MARK = 'launcher written by scripts/bundle-cli.ts';
/** The npm bin (package.json): the launcher as CommonJS, which node starts without its ES module loader (~1 MB of RSS and some ms less). */
export const BIN = join(DIST, 'cli', 'main.cjs');

/**
 * V8 flags the bin runs node with (issue 12: peak RSS <= 64 MB + 2x the largest file). Measured on
 * the 69 MB set (100 files of 689 KB), peak RSS 78-80 MB without them, 67.5 MB with both:
 * - a young generation of 1 MB semi-spaces instead of up to 16: fewer dead objects and file-sized
 *   buffers stay resident between scavenges (-5 to -7 MB; no slower in the same runs);
 * - optimising compiles on the main thread: a background compile thread keeps its own malloc
 *   arena of freed compiler memory resident (-5 to -8 MB; the generated validator and consumer
 *   functions are compiled once, so a run waits a few ms more).
 */
export const NODE_FLAGS = ['--max-semi-space-size=1', '--no-concurrent-recompilation'];

function launcher(bundle: string, fallback: string): string {
  return `#!/bin/sh
':' //; exec node ${NODE_FLAGS.join(' ')} "$0" "$@"
// ${LAUNCHER_MARK}: runs the bundled CLI with its V8 code cache; tsc's main.js for --version or without the bundle.
// The line above is shell and JavaScript at once: run as a program (the npm bin), sh starts node
// with NODE_FLAGS on this file; under node it is a string and a comment (\`node dist/cli/main.js\`
// runs without the flags). A shebang cannot pass them portably (\`env -S\` is missing from busybox).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

function readCache(cacheFile) {
  try { return readFileSync(cacheFile); } catch { return undefined; }
}
const file = fileURLToPath(new URL(${JSON.stringify(bundle)}, import.meta.url));
// --version loads next to nothing as modules; reading the bundle and its cache would cost more.
const args = process.argv.slice(2);
const versionOnly = args.length === 1 && (args[0] === '--version' || args[0] === '-V');
if (versionOnly || !existsSync(file)) {
  await import(${JSON.stringify(fallback)});
} else {
  // V8 takes a cache only from a run with the same flags: one for the bin's, one for plain \`node\`.
  const cacheFile = process.execArgv.join(' ') === ${JSON.stringify(NODE_FLAGS.join(' '))} ? \`\${file}.cache\` : \`\${file}.plain.cache\`;
  // A cache from another Node or V8 version is rejected by V8, and the bundle compiled as usual.
  // The bundle is written already wrapped as a CommonJS module, and nothing keeps the cache's
  // bytes: no second 1.2 MB copy of the source or 1 MB of cache stays resident until a full GC.
  const script = new vm.Script(readFileSync(file, 'utf8'), { filename: file, cachedData: readCache(cacheFile) });
  // The build makes the cache at the end of a run, so it holds the functions that run compiled.
  if (process.env.PREFLIGHT_WRITE_CODE_CACHE === cacheFile) process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(file), mod, file, dirname(file));
}
`;
}

/** main.js's launcher as CommonJS (the bin), with the same first lines and caches. */
function binLauncher(bundle: string, fallback: string): string {
  return `#!/bin/sh
':' //; exec node ${NODE_FLAGS.join(' ')} "$0" "$@"
// ${LAUNCHER_MARK}: the bin (package.json), main.js's launcher as CommonJS; see main.js.
const { existsSync, readFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

function readCache(cacheFile) {
  try { return readFileSync(cacheFile); } catch { return undefined; }
}
const file = join(__dirname, ${JSON.stringify(bundle)});
const args = process.argv.slice(2);
const versionOnly = args.length === 1 && (args[0] === '--version' || args[0] === '-V');
if (versionOnly || !existsSync(file)) {
  import(require('node:url').pathToFileURL(join(__dirname, ${JSON.stringify(fallback)})).href);
} else {
  const cacheFile = process.execArgv.join(' ') === ${JSON.stringify(NODE_FLAGS.join(' '))} ? \`\${file}.cache\` : \`\${file}.plain.cache\`;
  const script = new vm.Script(readFileSync(file, 'utf8'), { filename: file, cachedData: readCache(cacheFile) });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, dirname(file));
}
`;
}

/**
 * Runs the commands the caches are for (start-up and a one-file validate), writing each cache
 * after: with the bin's NODE_FLAGS (.cache) and with none (.plain.cache, \`node dist/cli/main.js\`).
 */
function makeCodeCache(): void {
  for (const [flags, cacheFile] of [[NODE_FLAGS, `${BUNDLE}.cache`], [[], `${BUNDLE}.plain.cache`]] as const) {
    rmSync(cacheFile, { force: true });
    const r = spawnSync(process.execPath, [...flags, MAIN, 'validate', join(ROOT, 'corpus', 'ccf', 'codes', 'clean.bin'), '--no-progress'], {
      cwd: ROOT, stdio: 'ignore', env: { ...process.env, PREFLIGHT_WRITE_CODE_CACHE: cacheFile },
    });
    // Without a cache the launcher still works, compiling as it goes: a warning, not a failed build.
    if (r.status !== 0 || !existsSync(cacheFile)) {
      rmSync(cacheFile, { force: true });
      console.warn(`bundle-cli: no code cache ${relative(ROOT, cacheFile)} (the bundled CLI exited ${r.status} on validate corpus/ccf/codes/clean.bin)`);
    }
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await bundleCli();
  console.log(`wrote ${relative(ROOT, BUNDLE)} (+ .cache) and the launcher ${relative(ROOT, MAIN)}`);
}
