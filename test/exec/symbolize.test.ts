import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExecRunner } from '../../src/exec/runner.js';
import { parseSanitizer } from '../../src/exec/sanitizer.js';
import { crashLocation } from '../../src/exec/hits.js';
import { sanitizerEnv, symbolizeReport } from '../../src/exec/symbolize.js';
import { buildConsumers, CCF, ROOT, SIGPACK } from './build.js';

beforeAll(buildConsumers, 180_000);

const hasSymbolizer = sanitizerEnv({}).ASAN_OPTIONS !== undefined;
const binFiles = (dir: string): string[] => readdirSync(dir).flatMap((f) => statSync(join(dir, f)).isDirectory() ? binFiles(join(dir, f)) : f.endsWith('.bin') ? [join(dir, f)] : []);

describe.skipIf(!hasSymbolizer)('sanitizer reports symbolised by preflight (llvm-symbolizer on PATH), not in the dying consumer', () => {
  it('asks for raw frames, and the user\'s own options still win', () => {
    expect(sanitizerEnv({}).ASAN_OPTIONS).toBe('symbolize=0');
    expect(sanitizerEnv({ ASAN_OPTIONS: 'symbolize=1' }).ASAN_OPTIONS).toBe('symbolize=0:symbolize=1');
    expect(sanitizerEnv({ UBSAN_OPTIONS: 'halt_on_error=1' }).UBSAN_OPTIONS).toBe('symbolize=0:halt_on_error=1');
  });

  it('rewrites raw frames as the sanitizer prints them: inlined frames numbered on, SUMMARY with place and function', () => {
    const profile = join(ROOT, 'profiles', 'default', 'agent-7.11.yaml');
    const file = join(ROOT, 'corpus', 'ccf', 'story', '2024-07-19-0409-channel-291.bin');
    const raw = spawnSync(CCF, [profile, file], { encoding: 'utf8', env: { ...process.env, ASAN_OPTIONS: 'symbolize=0' } }).stderr;
    expect(raw).toMatch(/#0 0x[0-9a-f]+\s+\(\S+ccf-consumer\+0x[0-9a-f]+\)/);
    const text = symbolizeReport(raw);
    expect(text).toMatch(/#0 0x[0-9a-f]+ in evaluate_instance \S+ccf_consumer\.c:\d+/);
    expect(text).toMatch(/^SUMMARY: AddressSanitizer: heap-buffer-overflow \S+ccf_consumer\.c:\d+(:\d+)? in evaluate_instance$/m);
    expect(text).toMatch(/located 0 bytes to the right of 160-byte region/);
    expect(symbolizeReport('no report here\n')).toBe('no report here\n');
  });

  it('every crashing corpus file falls in the same bucket as with the sanitizer\'s own symbolisation (CCF and sigpack, gcc builds)', () => {
    const sets = [
      { bin: CCF, profile: join(ROOT, 'profiles', 'default', 'agent-7.11.yaml'), files: binFiles(join(ROOT, 'corpus', 'ccf')) },
      { bin: SIGPACK, profile: join(ROOT, 'profiles', 'sigpack-v1', 'scanner-2.3.yaml'), files: binFiles(join(ROOT, 'corpus', 'sigpack')) },
    ];
    let crashes = 0;
    for (const s of sets) {
      const runner = new ExecRunner({ argv: [s.bin, s.profile, '@@'], persistent: false, timeoutMs: 20_000, name: 'exec', coverage: 'off' });
      try {
        for (const f of s.files) {
          const own = spawnSync(s.bin, [s.profile, f], { encoding: 'utf8' }); // the sanitizer symbolises
          const report = parseSanitizer(own.stderr);
          const ours = runner.run(new Uint8Array(readFileSync(f)));
          if (report === undefined) {
            expect(ours.sanitizer, f).toBeUndefined();
            continue;
          }
          crashes++;
          expect(crashLocation(ours), f).toBe(crashLocation({ outcome: 'crash', exitCode: own.status, signal: own.signal, stderr: own.stderr, ms: 0, sanitizer: report }));
          expect(ours.sanitizer!.summary, f).toMatch(/^SUMMARY: \w+Sanitizer: |^runtime error: /);
        }
      } finally {
        runner.close();
      }
    }
    expect(crashes).toBeGreaterThan(20);
  }, 240_000);
});
