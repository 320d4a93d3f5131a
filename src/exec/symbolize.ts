import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Symbolising sanitizer reports on this side, with a cache. A sanitizer symbolises its report in
 * the dying process: it starts llvm-symbolizer (or reads DWARF itself) and loads the binary's and
 * libc's debug information, on every crash. That costs a crash ~10x a start-up (on the CCF example,
 * ~100-400 ms against ~12 ms), so a crash-heavy campaign is bound by it. With llvm-symbolizer on
 * PATH the runner asks the consumer for raw frames (`symbolize=0`) and rewrites them here as the
 * sanitizer would have printed them, each distinct (module, offset) symbolised once per process:
 *
 *   #0 0x55fb5ff19b1c  (/path/ccf-consumer+0xdb1c)  ->  #0 0x55fb5ff19b1c in evaluate_instance /path/ccf_consumer.c:155:27
 *
 * Inlined frames become frames of their own (numbered on), as the sanitizer prints them; the
 * SUMMARY line gets the first frame's place and function. The caller's own ASAN_OPTIONS /
 * UBSAN_OPTIONS still win (a `symbolize=1` there is obeyed, and nothing is left to rewrite).
 */
const FRAME = /^(\s*)#(\d+) (0x[0-9a-f]+)\s+\(([^()]+)\+(0x[0-9a-f]+)\)(?: \(BuildId: [0-9a-f]+\))?\s*$/;
const SUMMARY = /^(SUMMARY: \w+Sanitizer: [\w-]+) \(([^()]+)\+(0x[0-9a-f]+)\)(?: \(BuildId: [0-9a-f]+\))?\s*$/;

interface Place { readonly fn: string; readonly where: string }

const cache = new Map<string, readonly Place[]>();
let symbolizer: string | null | undefined;

function findSymbolizer(): string | null {
  if (symbolizer !== undefined) return symbolizer;
  symbolizer = null;
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter((d) => d !== '')) {
    try {
      accessSync(join(dir, 'llvm-symbolizer'), constants.X_OK);
      symbolizer = join(dir, 'llvm-symbolizer');
      break;
    } catch {
      // next
    }
  }
  return symbolizer;
}

/** The consumer's environment: raw frames from the sanitizers when this side can symbolise them. */
export function sanitizerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (findSymbolizer() === null) return env;
  // Earlier options lose to later ones: the user's own settings come after.
  const opt = (name: string): string => `symbolize=0${env[name] ? `:${env[name]}` : ''}`;
  return { ...env, ASAN_OPTIONS: opt('ASAN_OPTIONS'), UBSAN_OPTIONS: opt('UBSAN_OPTIONS') };
}

/** Whether there are raw frames to rewrite (cheap: most stderr has none). */
function hasRawFrames(stderr: string): boolean {
  return stderr.includes('+0x') && /#\d+ 0x[0-9a-f]+\s+\(/.test(stderr);
}

/** The report with its raw frames symbolised; unchanged without llvm-symbolizer or raw frames. */
export function symbolizeReport(stderr: string): string {
  if (!hasRawFrames(stderr) || findSymbolizer() === null) return stderr;
  const lines = stderr.split('\n');
  const wanted = new Map<string, Set<string>>();
  for (const line of lines) {
    const m = FRAME.exec(line) ?? SUMMARY.exec(line);
    if (m === null) continue;
    const [module, offset] = m.length === 6 ? [m[4]!, m[5]!] : [m[2]!, m[3]!];
    if (cache.has(`${module}+${offset}`)) continue;
    if (!wanted.has(module)) wanted.set(module, new Set());
    wanted.get(module)!.add(offset);
  }
  for (const [module, offsets] of wanted) lookUp(module, [...offsets]);
  const out: string[] = [];
  let n = 0;
  for (const line of lines) {
    const frame = /^\s*#(\d+) 0x/.exec(line);
    if (frame !== null) {
      if (frame[1] === '0') n = 0; // a new stack
      const f = FRAME.exec(line);
      const places = f !== null ? cache.get(`${f[4]}+${f[5]}`) ?? [] : [];
      if (places.length === 0) out.push(line.replace(/#\d+/, `#${n++}`));
      for (const p of places) {
        out.push(`${f![1]}#${n++} ${f![3]} in ${p.fn} ${p.where === '' ? `(${f![4]}+${f![5]})` : p.where}`);
      }
      continue;
    }
    const s = SUMMARY.exec(line);
    const first = s !== null ? cache.get(`${s[2]}+${s[3]}`)?.[0] : undefined;
    out.push(s !== null && first !== undefined && first.where !== '' ? `${s[1]} ${first.where} in ${first.fn}` : line);
  }
  return out.join('\n');
}

/** Runs llvm-symbolizer once for a module's offsets; an offset it cannot place caches as none. */
function lookUp(module: string, offsets: readonly string[]): void {
  const r = spawnSync(symbolizer!, ['--inlining', '--demangle', `--obj=${module}`, ...offsets], { encoding: 'utf8', timeout: 10_000, maxBuffer: 4 * 1024 * 1024 });
  const blocks = r.status === 0 ? r.stdout.split(/\n\n/) : [];
  offsets.forEach((offset, i) => {
    const rows = (blocks[i] ?? '').split('\n').filter((l) => l !== '');
    const places: Place[] = [];
    for (let k = 0; k + 1 < rows.length; k += 2) {
      const fn = rows[k]!;
      if (fn === '??') continue;
      const where = rows[k + 1]!;
      places.push({ fn, where: where.startsWith('??') ? '' : where.replace(/:0$/, '') });
    }
    cache.set(`${module}+${offset}`, places);
  });
}
