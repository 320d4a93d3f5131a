import { describe, expect, it } from 'vitest';
import { FileProgress, type ProgressStream } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean, columns = 60): ProgressStream & { out: string } {
  const s = { isTTY, columns, out: '', write(text: string) { s.out += text; return true; } };
  return s;
}

describe('FileProgress', () => {
  it('off a terminal: one plain line every few seconds, never a carriage return', () => {
    let now = 0;
    const stream = fakeStream(false);
    const p = new FileProgress(stream, 1000, { now: () => now, logEveryMs: 5000 });
    for (let i = 0; i < 1000; i++) {
      now += 37; // 37 s in all: 7 lines
      p.update(i, `f${i}.bin`);
    }
    p.end();
    const lines = stream.out.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(7);
    expect(lines[0]).toBe('preflight: validated 135 of 1000 files (13%), 0:05; now f135.bin');
    expect(stream.out).not.toContain('\r');
  });

  it('on a terminal: redrawn in place, fits the width, cleared at the end, control characters hidden', () => {
    let now = 0;
    const stream = fakeStream(true, 50);
    const p = new FileProgress(stream, 3, { now: () => now });
    now = 200;
    p.update(1, 'a-very-long-folder-name/and-a-longer-file-name\u001b[31m.bin');
    expect(stream.out.startsWith('\r')).toBe(true);
    expect(stream.out).not.toContain('\u001b');
    expect(stream.out.length).toBeLessThanOrEqual(50);
    p.end();
    expect(stream.out.endsWith('\r')).toBe(true);
    expect(stream.out).not.toContain('\n');
  });
});
