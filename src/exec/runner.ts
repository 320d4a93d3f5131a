import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, closeSync, constants, existsSync, fstatSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync, writeSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { takesFile, withFile } from './argv.js';
import { parseSanitizer, type SanitizerReport } from './sanitizer.js';
import { COV_ENV, EdgeMap, type EdgeCounts } from './edge-map.js';
import { sanitizerEnv, symbolizeReport } from './symbolize.js';

/** How to run the real consumer: its argv (split by splitCommand), the mode and the time limit. */
export interface ExecSetup {
  readonly argv: readonly string[];
  /** The consumer speaks the persistent protocol (docs/real-consumers.md): one process for many inputs. */
  readonly persistent: boolean;
  /** Per input: over it is a hang (the process is killed). */
  readonly timeoutMs: number;
  /** The name the real consumer goes by in reports and bucket keys. */
  readonly name: string;
  /** --differential: the profile of the consumer model the real consumer is compared with. */
  readonly differential?: string;
  /**
   * Edge coverage of a binary built with SanitizerCoverage (src/exec/edge-map.ts): `steer` (the
   * default) keeps the inputs that reach new edges instead of new model branches; `observe` reads
   * and counts the edges but the model steers; `off` does not share a map. A binary without the
   * instrumentation never writes the map: the model steers.
   */
  readonly coverage?: 'steer' | 'observe' | 'off';
}

export const DEFAULT_EXEC_TIMEOUT_MS = 5000;
export const EXEC_NAME = 'exec';

/** What the real consumer did with one input. */
export interface ExecResult {
  /** `no-answer`: it exited normally without saying load or reject. */
  readonly outcome: 'load' | 'reject' | 'crash' | 'hang' | 'no-answer';
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly sanitizer?: SanitizerReport;
  /** The end of what it wrote on stderr for this input (bounded). */
  readonly stderr: string;
  readonly ms: number;
  /** The binary's edge counts for this input, when it is instrumented (see ExecSetup.coverage). */
  readonly edges?: EdgeCounts;
}

const STDERR_KEEP = 16 * 1024;

/** The command's program, checked before any input runs: a typo is one line, not a crash per input. */
export function checkProgram(argv: readonly string[]): string | undefined {
  const prog = argv[0]!;
  const candidates = prog.includes('/') ? [prog] : (process.env.PATH ?? '').split(delimiter).filter((d) => d !== '').map((d) => join(d, prog));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return undefined;
    } catch {
      // next
    }
  }
  return prog.includes('/') ? `${prog}: no such executable file` : `${prog}: not found on PATH`;
}

/**
 * Runs the real consumer on inputs, synchronously (the campaign's executor is synchronous):
 * one process per input (spawnSync, no shell), or, in persistent mode, one long-lived process
 * fed through named pipes, restarted after each crash or hang.
 */
export class ExecRunner {
  private dir: string | undefined;
  private proc: Persistent | undefined;
  private runs = 0;
  private edgeMap: EdgeMap | undefined;
  private env: NodeJS.ProcessEnv | undefined;

  constructor(readonly setup: ExecSetup) {}

  run(bytes: Uint8Array): ExecResult {
    this.runs++;
    if (this.env === undefined) {
      if (this.setup.coverage !== 'off') this.edgeMap = new EdgeMap();
      this.env = sanitizerEnv(this.edgeMap !== undefined ? { ...process.env, [COV_ENV]: this.edgeMap.path } : process.env);
    }
    this.edgeMap?.reset();
    const r = this.setup.persistent ? this.runPersistent(bytes) : this.runOnce(bytes);
    const edges = this.edgeMap?.read();
    return edges !== undefined ? { ...r, edges } : r;
  }

  private tempDir(): string {
    this.dir ??= mkdtempSync(join(tmpdir(), 'preflight-exec-'));
    return this.dir;
  }

  private runOnce(bytes: Uint8Array): ExecResult {
    const argv = this.setup.argv;
    const file = takesFile(argv);
    let args = argv;
    if (file) {
      const path = join(this.tempDir(), 'input.bin');
      writeFileSync(path, bytes);
      args = withFile(argv, path);
    }
    const t0 = performance.now();
    const r = spawnSync(args[0]!, args.slice(1), {
      ...(file ? { stdio: ['ignore', 'pipe', 'pipe'] } : { input: bytes }),
      timeout: this.setup.timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024, windowsHide: true, ...(this.env ? { env: this.env } : {}),
    });
    const ms = performance.now() - t0;
    const stderr = tail(r.stderr?.toString('utf8') ?? '');
    const err = r.error as NodeJS.ErrnoException | undefined;
    if (err?.code === 'ETIMEDOUT') return { outcome: 'hang', exitCode: null, signal: null, stderr, ms };
    if (err !== undefined && r.status === null && r.signal === null) {
      return { outcome: 'crash', exitCode: null, signal: null, stderr: tail(`${stderr}\ncould not run the command: ${err.message}`), ms };
    }
    return classify(r.stdout?.toString('utf8') ?? '', r.status, r.signal, stderr, ms);
  }

  private runPersistent(bytes: Uint8Array): ExecResult {
    this.proc ??= new Persistent(this.setup, this.tempDir(), this.env);
    const r = this.proc.feed(bytes, this.setup.timeoutMs);
    if ((r.outcome === 'crash' || r.outcome === 'hang' || r.outcome === 'no-answer') && !this.proc.servedCrash) {
      this.proc.close();
      this.proc = undefined; // restarted on the next input
    }
    return r;
  }

  close(): void {
    this.proc?.close();
    this.proc = undefined;
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
    this.edgeMap?.close();
    this.edgeMap = undefined;
    this.env = undefined;
  }
}

/** The outcome of a process that ended (or answered): sanitizer report, signal, answer word, exit code. */
function classify(stdout: string, status: number | null, signal: string | null, rawStderr: string, ms: number): ExecResult {
  const stderr = symbolizeReport(rawStderr);
  const sanitizer = parseSanitizer(stderr);
  const base = { exitCode: status, signal, stderr, ms, ...(sanitizer ? { sanitizer } : {}) };
  if (sanitizer !== undefined || signal !== null) return { outcome: 'crash', ...base };
  const word = lastWord(stdout);
  if (status === 0 && (word === 'load' || word === 'reject')) return { outcome: word, ...base };
  if (status !== 0) return { outcome: 'crash', ...base };
  return { outcome: 'no-answer', ...base };
}

function lastWord(stdout: string): string {
  const lines = stdout.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines[lines.length - 1] ?? '';
}

function tail(s: string): string {
  return s.length > STDERR_KEEP ? s.slice(s.length - STDERR_KEEP) : s;
}

const SLEEP = new Int32Array(new SharedArrayBuffer(4));

/**
 * One persistent consumer process: stdin and stdout are named pipes (created in the runner's
 * temporary folder) so that this side can write and poll them synchronously; stderr is a file,
 * so a crash report is read from where this input's part of it starts. The process reads
 * `u32 little-endian length + bytes` and answers one line per input; a crash is the end of its
 * stdout before the answer, attributed to the input in flight.
 */
class Persistent {
  private readonly child: ChildProcess;
  private readonly toChild: number;
  private readonly fromChild: number;
  private readonly errFd: number;
  private pending = '';
  private closed = false;
  /** The last input's crash was reported by a fork server (`died ...`): the process serves on. */
  servedCrash = false;

  constructor(setup: ExecSetup, dir: string, env: NodeJS.ProcessEnv | undefined) {
    const inPath = join(dir, 'stdin.fifo');
    const outPath = join(dir, 'stdout.fifo');
    for (const p of [inPath, outPath]) {
      if (existsSync(p)) rmSync(p);
      const r = spawnSync('mkfifo', ['-m', '600', p]);
      if (r.status !== 0) throw new Error(`could not make a named pipe in ${dir} (mkfifo): ${r.stderr?.toString().trim() ?? r.error?.message}`);
    }
    // Read-write for this side, so the child's blocking open for reading succeeds at once; the
    // child sees end of input when this side closes it (or dies).
    this.toChild = openSync(inPath, constants.O_RDWR | constants.O_NONBLOCK);
    const childIn = openSync(inPath, constants.O_RDONLY);
    this.fromChild = openSync(outPath, constants.O_RDONLY | constants.O_NONBLOCK);
    const childOut = openSync(outPath, constants.O_WRONLY);
    this.errFd = openSync(join(dir, 'stderr.txt'), 'w+');
    ftruncateSync(this.errFd, 0);
    try {
      this.child = spawn(setup.argv[0]!, setup.argv.slice(1), { stdio: [childIn, childOut, this.errFd], windowsHide: true, ...(env ? { env } : {}) });
      this.child.on('error', () => undefined); // seen as the end of its stdout
      // Talked to synchronously: a live child must not keep the event loop up, or a command that
      // still holds a runner when it is done (fuzz's rerun of its reproducers, on a fork server
      // that survives crashes) never reaches 'exit', where closeRunners stops it.
      this.child.unref();
    } finally {
      closeSync(childIn);
      closeSync(childOut);
    }
  }

  feed(bytes: Uint8Array, timeoutMs: number): ExecResult {
    this.servedCrash = false;
    const t0 = performance.now();
    const deadline = t0 + timeoutMs;
    const errFrom = fstatSync(this.errFd).size;
    const head = Buffer.alloc(4);
    head.writeUInt32LE(bytes.length, 0);
    const sent = this.write(head, deadline) && this.write(bytes, deadline);
    const end = (outcome: 'crash' | 'hang' | 'no-answer'): ExecResult => {
      if (outcome === 'hang') this.kill();
      const stderr = this.stderrFrom(errFrom);
      const status = outcome === 'hang' ? { code: null, signal: null } : this.status();
      const r = classify('', status.code, status.signal, stderr, performance.now() - t0);
      return outcome === 'hang' ? { ...r, outcome: 'hang', sanitizer: undefined } : r.outcome === 'no-answer' && status.code === null ? { ...r, outcome: 'crash' } : r;
    };
    if (sent === 'hang') return end('hang');
    if (!sent) return end('crash');
    const buf = Buffer.alloc(256);
    let spins = 0;
    for (;;) {
      const nl = this.pending.indexOf('\n');
      if (nl >= 0) {
        const word = this.pending.slice(0, nl).trim();
        this.pending = this.pending.slice(nl + 1);
        if (word === 'load' || word === 'reject') {
          const stderr = symbolizeReport(this.stderrFrom(errFrom));
          const sanitizer = parseSanitizer(stderr);
          return { outcome: word, exitCode: null, signal: null, stderr, ms: performance.now() - t0, ...(sanitizer ? { sanitizer } : {}) };
        }
        // A fork server's child died on this input (docs/real-consumers.md): a crash, and the server serves on.
        const died = /^died (signal|exit) (\d+)$/.exec(word);
        if (died !== null) {
          const n = Number(died[2]);
          const r = classify('', died[1] === 'exit' ? n : null, died[1] === 'signal' ? SIGNALS[n] ?? `signal ${n}` : null, this.stderrFrom(errFrom), performance.now() - t0);
          this.servedCrash = true;
          return r.outcome === 'no-answer' ? { ...r, outcome: 'crash' } : r;
        }
        continue; // not an answer: skip the line
      }
      let n: number;
      try {
        n = readSync(this.fromChild, buf, 0, buf.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') return end('crash');
        if (performance.now() > deadline) return end('hang');
        if (++spins > 200) Atomics.wait(SLEEP, 0, 0, 0.05);
        continue;
      }
      if (n === 0) return end('crash'); // the process closed its stdout: it died on this input
      this.pending += buf.toString('utf8', 0, n);
    }
  }

  /** Writes all of `data`; false when the process is gone, 'hang' past the deadline. */
  private write(data: Uint8Array, deadline: number): boolean | 'hang' {
    let off = 0;
    while (off < data.length) {
      try {
        off += writeSync(this.toChild, data, off, data.length - off);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'EAGAIN') return false;
        if (this.exited()) return false;
        if (performance.now() > deadline) return 'hang';
        Atomics.wait(SLEEP, 0, 0, 0.05);
      }
    }
    return true;
  }

  private stderrFrom(from: number): string {
    const size = fstatSync(this.errFd).size;
    const start = Math.max(from, size - STDERR_KEEP);
    if (size <= start) return '';
    const b = Buffer.alloc(size - start);
    readSync(this.errFd, b, 0, b.length, start);
    return b.toString('utf8');
  }

  private exited(): boolean {
    const s = this.status(false);
    return s.code !== null || s.signal !== null;
  }

  /**
   * How the process ended, read from /proc (Linux): its zombie's exit status, which this
   * synchronous code can see before Node reaps it. Unknown elsewhere (the sanitizer report
   * and the missing answer still make it a crash).
   */
  private status(wait = true): { code: number | null; signal: string | null } {
    const pid = this.child.pid;
    if (pid === undefined) return { code: null, signal: null };
    for (let i = 0; i < (wait ? 200 : 1); i++) {
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        return { code: this.child.exitCode, signal: this.child.signalCode };
      }
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const state = fields[0];
      if (state === 'Z' || state === 'X') {
        const raw = Number(fields[49]); // field 52 of stat: the exit status as waitpid(2) reports it
        if (!Number.isInteger(raw)) return { code: null, signal: null };
        const sig = raw & 0x7f;
        return sig !== 0 ? { code: null, signal: SIGNALS[sig] ?? `signal ${sig}` } : { code: (raw >> 8) & 0xff, signal: null };
      }
      if (wait) Atomics.wait(SLEEP, 0, 0, 0.5); // still exiting
    }
    return { code: null, signal: null };
  }

  private kill(): void {
    try {
      this.child.kill('SIGKILL');
    } catch {
      // gone already
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const fd of [this.toChild, this.fromChild, this.errFd]) {
      try {
        closeSync(fd);
      } catch {
        // closed
      }
    }
    this.kill();
  }
}

const SIGNALS: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 3: 'SIGQUIT', 4: 'SIGILL', 5: 'SIGTRAP', 6: 'SIGABRT', 7: 'SIGBUS', 8: 'SIGFPE', 9: 'SIGKILL', 11: 'SIGSEGV', 13: 'SIGPIPE', 15: 'SIGTERM', 24: 'SIGXCPU', 25: 'SIGXFSZ', 31: 'SIGSYS' };
