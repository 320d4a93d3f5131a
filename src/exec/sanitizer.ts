/**
 * Reads a sanitizer's report off a consumer's stderr: AddressSanitizer (and LeakSanitizer),
 * UndefinedBehaviorSanitizer, MemorySanitizer, ThreadSanitizer, as gcc and clang print them.
 *
 *   ==123==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x… at pc 0x… bp 0x… sp 0x…
 *   READ of size 8 at 0x… thread T0
 *       #0 0x… in evaluate_instance /src/ccf_consumer.c:154
 *       #1 0x… in consume /src/ccf_consumer.c:201
 *   …
 *   SUMMARY: AddressSanitizer: heap-buffer-overflow /src/ccf_consumer.c:154 in evaluate_instance
 *
 * UBSan's fatal form is one line, `file.c:12:5: runtime error: member access within null pointer
 * of type 'struct t'`, then its SUMMARY.
 */
export interface SanitizerReport {
  /** AddressSanitizer, UndefinedBehaviorSanitizer, ... */
  readonly tool: string;
  /** The fault kind: heap-buffer-overflow, SEGV, stack-overflow, undefined-behavior, ... */
  readonly kind: string;
  /** READ or WRITE, with the access size in bytes, when the report says. */
  readonly access?: 'READ' | 'WRITE';
  readonly size?: number;
  /** The first frames of the faulting stack: function names (or module+offset when there is no symbol). */
  readonly frames: readonly string[];
  /** Where the frames point, file:line, when the report says (same order as frames). */
  readonly places: readonly string[];
  /** The SUMMARY line, as printed (bounded). */
  readonly summary: string;
  /** For UBSan: the runtime error's text (bounded). */
  readonly message?: string;
}

const MAX_FRAMES = 8;
const MAX_TEXT = 300;

export function parseSanitizer(stderr: string): SanitizerReport | undefined {
  const error = /==\d+==ERROR: (\w+Sanitizer): ([\w-]+)/.exec(stderr);
  const summaryMatch = /^SUMMARY: (\w+Sanitizer): (.*)$/m.exec(stderr);
  const runtime = /^(.*?): runtime error: (.*)$/m.exec(stderr);
  if (!error && !summaryMatch && !runtime) return undefined;
  const tool = error?.[1] ?? summaryMatch?.[1] ?? 'UndefinedBehaviorSanitizer';
  let kind = error?.[2] ?? (summaryMatch ? summaryMatch[2]!.split(/\s/, 1)[0]! : 'undefined-behavior');
  if (runtime && !error) kind = 'undefined-behavior';
  const access = /^(READ|WRITE) of size (\d+)/m.exec(stderr);
  // The first stack after the error line: frames #0, #1, ... until the numbering restarts.
  const from = error ? error.index : runtime ? runtime.index : 0;
  const frames: string[] = [];
  const places: string[] = [];
  const frameRe = /^\s*#(\d+) 0x[0-9a-f]+(?: in (\S+))?(?: (\S+))?(?: \(([^)]*)\))?/gm;
  frameRe.lastIndex = from;
  for (let m = frameRe.exec(stderr), n = 0; m !== null && frames.length < MAX_FRAMES; m = frameRe.exec(stderr), n++) {
    if (Number(m[1]) !== n) break;
    const fn = m[2] ?? (m[4] ? m[4].replace(/^.*\//, '') : '??');
    frames.push(fn.replace(/^__interceptor_/, ''));
    places.push((m[3] ?? '').replace(/^.*\//, ''));
  }
  if (frames.length === 0 && runtime) {
    // A UBSan report without a stack: its location is the source position before "runtime error".
    places.push(runtime[1]!.replace(/^.*\//, ''));
  }
  const summary = (summaryMatch ? `SUMMARY: ${summaryMatch[1]}: ${summaryMatch[2]}` : error ? error[0].replace(/^==\d+==/, '') : `runtime error: ${runtime![2]}`).slice(0, MAX_TEXT);
  return {
    tool, kind, frames, places, summary,
    ...(access ? { access: access[1] as 'READ' | 'WRITE', size: Number(access[2]) } : {}),
    ...(runtime ? { message: runtime[2]!.slice(0, MAX_TEXT) } : {}),
  };
}

/** Frames that say nothing about the consumer: the sanitizer runtime and libc's own. */
const NOISE = /^(__memmove|__memcpy|__memset|__strlen|__pthread_kill|pthread_kill|gsignal|__asan_|__ubsan_|__sanitizer_|__interceptor_|__libc_start|_start$|memcpy$|memmove$|memset$|strlen$|__GI_|raise$|abort$)/;

/** The top frames that belong to the consumer (at most `n`), for bucketing. */
export function topFrames(r: SanitizerReport, n = 2): string[] {
  const own = r.frames.filter((f) => !NOISE.test(f));
  return (own.length > 0 ? own : r.frames).slice(0, n);
}
