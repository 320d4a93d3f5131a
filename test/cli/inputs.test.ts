import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, stderrLines } from './run-cli.js';

const CLEAN = 'corpus/ccf/codes/clean.bin';
const JULY = 'corpus/ccf/story/2024-07-19-0409-channel-291.bin';

interface JsonFile { file: string; verdict: string; error?: string }
const filesOf = (stdout: string): JsonFile[] => (JSON.parse(stdout) as { files: JsonFile[] }).files;

describe('validate: inputs that are not regular files (issue 7 §3)', () => {
  // Before: /dev/zero was read until memory ran out, and a FIFO blocked in open() forever (the
  // run is killed at the timeout, status null).
  it('gives /dev/zero and a FIFO a one-line error report each, validates the others, exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-inputs-'));
    const fifo = join(dir, 'pipe.bin');
    execFileSync('mkfifo', [fifo]);
    const r = runCli(['validate', '--format', 'json', CLEAN, '/dev/zero', fifo, JULY], { timeoutMs: 30_000 });
    expect(r.status).toBe(2);
    const files = filesOf(r.stdout);
    expect(files.map((f) => f.verdict)).toEqual(['pass', 'error', 'error', 'fail']);
    expect(files[1]!.error).toMatch(/\/dev\/zero: it is a character device, not a regular file/);
    expect(files[2]!.error).toMatch(/pipe\.bin: it is a named pipe \(FIFO\), not a regular file/);
    // The report is on stdout, so each error is also one line on stderr.
    expect(stderrLines(r)).toEqual([expect.stringMatching(/^preflight: cannot read \/dev\/zero: /), expect.stringMatching(/^preflight: cannot read .*pipe\.bin: /)]);
  });

  it('refuses a socket as an input, and as a schema', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-inputs-'));
    const sock = join(dir, 's.bin');
    const server = createServer();
    await new Promise<void>((done) => server.listen(sock, done));
    try {
      const r = runCli(['validate', '--format', 'json', sock]);
      expect(r.status).toBe(2);
      expect(filesOf(r.stdout)[0]!.error).toMatch(/s\.bin: it is a socket, not a regular file/);
      const s = runCli(['validate', '--schema', sock, CLEAN]);
      expect(s.status).toBe(2);
      expect(stderrLines(s)).toEqual([expect.stringMatching(/^preflight: cannot read .*s\.bin: it is a socket/)]);
    } finally {
      server.close();
    }
  });

  it('refuses /dev/zero as --schema or --profile, and a folder as the pack source', () => {
    for (const args of [['validate', '--schema', '/dev/zero', CLEAN], ['validate', '--profile', '/dev/zero', CLEAN], ['pack', 'corpus', '-o', '/tmp/x.bin']]) {
      const r = runCli(args, { timeoutMs: 30_000 });
      expect(r.status, args.join(' ')).toBe(2);
      expect(stderrLines(r), args.join(' ')).toEqual([expect.stringMatching(/^preflight: cannot read (\/dev\/zero: it is a character device|corpus: it is a folder)/)]);
    }
  });

  it('keeps a missing file from stopping the run: the others still get reports', () => {
    const r = runCli(['validate', '--format', 'json', 'no-such.bin', CLEAN]);
    expect(r.status).toBe(2);
    expect(filesOf(r.stdout).map((f) => [f.file, f.verdict])).toEqual([['no-such.bin', 'error'], [CLEAN, 'pass']]);
    expect(r.stderr).toBe('preflight: cannot read no-such.bin: no such file or folder\n');
  });
});

describe('validate FOLDER', () => {
  // Before: a FIFO named *.bin in a folder was skipped in silence, and so were links to files.
  it('lists a *.bin that is not a regular file as an error, and follows links to files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-folder-'));
    execFileSync('mkfifo', [join(dir, 'b-pipe.bin')]);
    symlinkSync(join(process.cwd(), CLEAN), join(dir, 'a-link.bin'));
    symlinkSync(dir, join(dir, 'loop'));
    writeFileSync(join(dir, 'notes.txt'), 'not an input');
    const r = runCli(['validate', '--format', 'json', dir], { timeoutMs: 30_000 });
    expect(r.status).toBe(2);
    expect(filesOf(r.stdout).map((f) => [f.file.slice(dir.length + 1), f.verdict])).toEqual([['a-link.bin', 'pass'], ['b-pipe.bin', 'error']]);
  });
});

describe('validate --max-file-size', () => {
  it('gives a file over the limit an error report, checked before reading', () => {
    const r = runCli(['validate', '--format', 'json', '--max-file-size', '64', CLEAN, JULY]);
    expect(r.status).toBe(2);
    const files = filesOf(r.stdout);
    expect(files[0]!.error).toBe(`cannot read ${CLEAN}: it is 85 bytes, over the --max-file-size limit of 64 bytes`);
    expect(files[1]!.verdict).toBe('error');
  });

  it('takes sizes with units, and rejects what is not one', () => {
    expect(runCli(['validate', '--max-file-size', '1KiB', CLEAN]).status).toBe(0);
    const bad = runCli(['validate', '--max-file-size', '12 parsecs', CLEAN]);
    expect(bad.status).toBe(2);
    expect(stderrLines(bad)).toEqual([expect.stringMatching(/^preflight: .*--max-file-size takes a size/)]);
  });

  it('bounds stdin too', () => {
    const r = runCli(['validate', '--format', 'json', '--max-file-size', '1000', '-'], { input: Buffer.alloc(5000) });
    expect(r.status).toBe(2);
    expect(filesOf(r.stdout)[0]!.error).toBe('cannot read <stdin>: it holds more than the --max-file-size limit of 1,000 bytes');
  });
});

describe('stdin', () => {
  // Before: `-` was a file name ("-: no such file").
  it('validate - reads one file from stdin and names it <stdin>', () => {
    const r = runCli(['validate', '--format', 'json', '-'], { input: readFileSync(JULY) });
    expect(r.status).toBe(1);
    expect(filesOf(r.stdout).map((f) => [f.file, f.verdict])).toEqual([['<stdin>', 'fail']]);
  });

  it('refuses - twice', () => {
    const r = runCli(['validate', '-', '-']);
    expect(r.status).toBe(2);
    expect(stderrLines(r)).toEqual(['preflight: stdin (-) can be read only once']);
  });

  it('unpack - and pack -o - work in a pipe, and create no file named -', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-stdin-'));
    const source = runCli(['unpack', '-', '-o', '-'], { input: readFileSync(JULY), cwd: dir });
    expect(source.status).toBe(0);
    const packed = runCli(['pack', '-', '-o', '-'], { input: source.stdout, cwd: dir });
    expect(packed.status).toBe(0);
    expect(Buffer.from(packed.stdout, 'latin1').length).toBeGreaterThan(0);
    expect(existsSync(join(dir, '-'))).toBe(false);
  });
});

describe('validate -o -', () => {
  // Before: `-o -` wrote a file named "-".
  it('writes the report to stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-stdout-'));
    const abs = join(process.cwd(), CLEAN);
    const r = runCli(['validate', '--format', 'json', '-o', '-', abs], { cwd: dir });
    expect(r.status).toBe(0);
    expect(filesOf(r.stdout)[0]!.verdict).toBe('pass');
    expect(existsSync(join(dir, '-'))).toBe(false);
    writeFileSync(join(dir, 'keep'), '');
  });
});
