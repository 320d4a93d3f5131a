import { describe, expect, it } from 'vitest';
import { parseSanitizer, topFrames } from '../../src/exec/sanitizer.js';

const ASAN = `=================================================================
==4902==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x61d00007a6a0 at pc 0x5558ba965ce5 bp 0x7ffce4a16c90 sp 0x7ffce4a16c88
READ of size 8 at 0x61d00007a6a0 thread T0
    #0 0x5558ba965ce4 in evaluate_instance /work/examples/consumer-c/ccf_consumer.c:154
    #1 0x5558ba9693b2 in consume /work/examples/consumer-c/ccf_consumer.c:201
    #2 0x5558ba966f35 in main /work/examples/consumer-c/ccf_consumer.c:195
    #3 0x7f8a37a45249 in __libc_start_call_main ../sysdeps/nptl/libc_start_call_main.h:58

0x61d00007a6a0 is located 0 bytes to the right of 160-byte region [0x61d00007a600,0x61d00007a6a0)
allocated by thread T0 here:
    #0 0x7f8a388b89cf in __interceptor_malloc ../../../../src/libsanitizer/asan/asan_malloc_linux.cpp:69
    #1 0x5558ba9655bd in consume /work/examples/consumer-c/ccf_consumer.c:161

SUMMARY: AddressSanitizer: heap-buffer-overflow /work/examples/consumer-c/ccf_consumer.c:154 in evaluate_instance
`;

describe('sanitizer reports', () => {
  it('reads the fault kind, the access, the first stack and the SUMMARY line of an ASan report', () => {
    const r = parseSanitizer(ASAN)!;
    expect(r).toMatchObject({ tool: 'AddressSanitizer', kind: 'heap-buffer-overflow', access: 'READ', size: 8 });
    expect(r.frames).toEqual(['evaluate_instance', 'consume', 'main', '__libc_start_call_main']);
    expect(r.places[0]).toBe('ccf_consumer.c:154');
    expect(r.summary).toBe('SUMMARY: AddressSanitizer: heap-buffer-overflow /work/examples/consumer-c/ccf_consumer.c:154 in evaluate_instance');
    expect(topFrames(r)).toEqual(['evaluate_instance', 'consume']);
  });

  it('reads a fatal UBSan report and a SEGV, and skips the sanitizer and libc frames', () => {
    const ubsan = 'ccf_consumer.c:125:17: runtime error: member access within null pointer of type \'const struct template\'\n    #0 0x55 in load_instance /x/ccf_consumer.c:125\n    #1 0x56 in consume /x/ccf_consumer.c:190\nSUMMARY: UndefinedBehaviorSanitizer: undefined-behavior ccf_consumer.c:125:17 in \n';
    expect(parseSanitizer(ubsan)).toMatchObject({ kind: 'undefined-behavior', frames: ['load_instance', 'consume'], message: "member access within null pointer of type 'const struct template'" });
    const abrt = '==7==ERROR: AddressSanitizer: ABRT on unknown address 0x03e800001b5b (pc 0x7f bp 0x1 sp 0x2 T0)\n    #0 0x7f in __pthread_kill_implementation nptl/pthread_kill.c:44\n    #1 0x7f in __GI_raise ../sysdeps/posix/raise.c:26\n    #2 0x7f in __GI_abort stdlib/abort.c:79\n    #3 0x55 in op_regex /x/ccf_consumer.c:90\n    #4 0x55 in load_instance /x/ccf_consumer.c:130\nSUMMARY: AddressSanitizer: ABRT nptl/pthread_kill.c:44 in __pthread_kill_implementation\n';
    const r = parseSanitizer(abrt)!;
    expect(r.kind).toBe('ABRT');
    expect(topFrames(r)).toEqual(['op_regex', 'load_instance']);
  });

  it('finds nothing in ordinary stderr', () => {
    expect(parseSanitizer('')).toBeUndefined();
    expect(parseSanitizer('warning: something\nload\n')).toBeUndefined();
  });
});
