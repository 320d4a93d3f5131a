/**
 * Regex verdicts (issue 12): what one distinct pattern costs `validate`. Builds CCF files (the
 * project's encoder) whose instances carry N distinct REGEX criteria, and the same files with
 * the same strings as EQ_STR (same layout and size, no pattern to judge), and runs whole-process
 * `validate` on each in a fresh process (empty verdict caches), 3 times, medians. The difference
 * over N is the cost of one distinct pattern: RE2 validity (src/regex: a linear-time scanner
 * first, RE2 itself in a worker when the scanner cannot decide) and the ReDoS analysis, each
 * memoised per distinct pattern. Run: npx tsx bench/regex.ts (after npm run build).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from '../src/encode/index.js';
import { defaultSchemaPath, loadSchema } from '../src/schema/index.js';
import { regexCacheStats } from '../src/regex/index.js';
import { validateBytes } from '../src/validate/index.js';
import { timedNode } from './scale/timed-run.js';

const ROOT = join(import.meta.dirname, '..');
const SIZES = (process.env['REGEX_PATTERNS'] ?? '1000,4000').split(',').map(Number);
const schema = loadSchema(defaultSchemaPath());

/** Realistic detection patterns, each distinct: anchored paths, classes, bounded repeats, alternations. */
function pattern(i: number): string {
  switch (i % 4) {
    case 0: return `^C:\\\\Windows\\\\Temp\\\\agent-${i}-[a-z0-9]{4,8}\\.exe$`;
    case 1: return `(?i)^/usr/(local/)?bin/tool${i}(-[0-9]+)?$`;
    case 2: return `^\\\\\\\\\\.\\\\pipe\\\\svc${i}_[A-F0-9]{8}$`;
    default: return `^(cmd|powershell)\\.exe .*-enc(odedcommand)? [A-Za-z0-9+/=]{${i % 50 + 10},}$`;
  }
}

function file(n: number, op: 'REGEX' | 'EQ_STR'): Uint8Array {
  const perInstance = 8;
  const instances = Math.ceil(n / perInstance);
  return encode(schema, {
    types: [{ type_id: 1, field_kinds: Array(perInstance).fill('STR') }],
    instances: Array.from({ length: instances }, (_, k) => ({
      instance_id: k + 1, type_id: 1, action: 'block',
      criteria: Array.from({ length: perInstance }, (_, f) => ({ op, text: pattern(k * perInstance + f) })),
    })),
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const work = mkdtempSync(join(tmpdir(), 'preflight-regex-'));
try {
  for (const n of SIZES) {
    const times: Record<string, number> = {};
    for (const op of ['REGEX', 'EQ_STR'] as const) {
      const path = join(work, `${op}-${n}.bin`);
      writeFileSync(path, file(n, op));
      const runs = [0, 1, 2].map(() => timedNode(['dist/cli/main.js', 'validate', path, '--no-progress', '--format', 'json'], ROOT).wallMs);
      times[op] = median(runs);
    }
    const per = (times['REGEX']! - times['EQ_STR']!) / n;
    // In this process: the verdict caches' counters for one validate of the file (first time: all misses).
    const before = regexCacheStats();
    const bytes = file(n, 'REGEX');
    const t = performance.now();
    const report = validateBytes('regex.bin', bytes, { schema });
    const ms = performance.now() - t;
    const after = regexCacheStats();
    const again = performance.now();
    validateBytes('regex.bin', bytes, { schema });
    const warm = performance.now() - again;
    process.stdout.write(`  in-process: ${ms.toFixed(0)} ms (structural findings: ${report.findings.length}), then ${warm.toFixed(0)} ms with the verdicts cached; `
      + `syntax misses ${after.syntax.misses - before.syntax.misses}, quick verdicts ${after.quickVerdicts - before.quickVerdicts}, RE2 compiles ${after.re2Compiles - before.re2Compiles}, ReDoS analyses ${after.detectorRuns - before.detectorRuns}\n`);
    process.stdout.write(`${n} distinct patterns: validate ${(times['REGEX']! / 1000).toFixed(2)} s, the same file with plain strings ${(times['EQ_STR']! / 1000).toFixed(2)} s: ${(per * 1000).toFixed(0)} µs a distinct pattern\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
