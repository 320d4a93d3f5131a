// A real consumer process that hangs on one particular input, for test/exec/hang.test.ts.
//   node hang-consumer.mjs LOG [FILE | --persistent]
// An input whose bytes hold the marker below never answers: it spins (a busy loop, so only a
// kill ends it). An input holding "REJ" is rejected, any other loaded. Each process appends
// "<pid> start", then "<pid> spin" or "<pid> load|reject" per input, to LOG, so the test can
// see which process got which input and whether the spinning one was killed.
import { appendFileSync, readFileSync, readSync } from 'node:fs';

const MARKER = 'HANG-ON-THIS-INPUT';
const [log, mode] = process.argv.slice(2);
const note = (what) => appendFileSync(log, `${process.pid} ${what}\n`);

function answer(bytes) {
  const text = Buffer.from(bytes).toString('latin1');
  if (text.includes(MARKER)) {
    note('spin');
    for (;;); // spin: only SIGKILL ends it
  }
  const word = text.includes('REJ') ? 'reject' : 'load';
  note(word);
  process.stdout.write(`${word}\n`);
}

function readExactly(n) {
  const buf = Buffer.alloc(n);
  let got = 0;
  while (got < n) {
    const k = readSync(0, buf, got, n - got, null);
    if (k === 0) return got === 0 && n === 4 ? null : buf.subarray(0, got);
    got += k;
  }
  return buf;
}

note('start');
if (mode === '--persistent') {
  // The protocol of docs/real-consumers.md: u32 little-endian length, the bytes; one line per input.
  for (;;) {
    const head = readExactly(4);
    if (head === null || head.length < 4) break;
    answer(readExactly(head.readUInt32LE(0)));
  }
} else {
  answer(mode === undefined ? readFileSync(0) : readFileSync(mode));
}
