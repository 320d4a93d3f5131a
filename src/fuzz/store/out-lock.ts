import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { errnoWords } from './_internals/file-problem.js';

export const LOCK_NAME = '.preflight.lock';

/** Another campaign (or merge) holds the folder, or the lock cannot be taken; one line naming the folder. */
export class OutLockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutLockError';
  }
}

interface LockRecord {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
  readonly what: string;
  readonly token: string;
}

export interface OutLock {
  /** Set when a lock left by a process that no longer runs was replaced: say so. */
  readonly staleNote?: string;
  release(): void;
}

/** A lock file so old and empty was left by a process killed while creating it. */
const TORN_LOCK_MS = 10_000;

/**
 * Takes `OUT/.preflight.lock` (created exclusively), so two campaigns never write one output
 * folder at once: one report would point at files the other overwrote, and a smaller
 * reproducer could be replaced by a larger one. A lock whose process is gone (same host,
 * no such pid) is stale and replaced, with a note; a live one is an error naming its holder.
 */
export function acquireOutLock(out: string, what: string): OutLock {
  const file = join(out, LOCK_NAME);
  const me: LockRecord = { pid: process.pid, host: hostname(), started: new Date().toISOString(), what, token: randomBytes(8).toString('hex') };
  let staleNote: string | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(file, me)) return lockOf(file, me, staleNote);
    const holder = readLock(file);
    if (holder === 'gone') continue;
    const stale = staleReason(file, holder);
    if (stale === undefined) throw new OutLockError(inUseMessage(out, file, holder));
    if (!moveAsideIfUnchanged(file, holder)) continue;
    staleNote = `${out}: replaced a stale lock (${stale})`;
  }
  throw new OutLockError(`${out}: cannot take the lock ${file}: other processes keep replacing it`);
}

function tryCreate(file: string, me: LockRecord): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new OutLockError(`${file}: cannot create the lock file: ${errnoWords(e)}`);
  }
  try {
    writeSync(fd, `${JSON.stringify(me)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function lockOf(file: string, me: LockRecord, staleNote: string | undefined): OutLock {
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    const now = readLock(file);
    // Only our own lock: never remove one another process took after ours was (wrongly) judged stale.
    if (typeof now === 'object' && now !== null && now.token === me.token) {
      try { unlinkSync(file); } catch { /* already gone */ }
    }
  };
  process.on('exit', release);
  return { ...(staleNote !== undefined ? { staleNote } : {}), release };
}

/** The lock's record; null when it is not one (empty or torn); 'gone' when it disappeared meanwhile. */
function readLock(file: string): LockRecord | null | 'gone' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw new OutLockError(`${file}: cannot read the lock file: ${errnoWords(e)}`);
  }
  try {
    const r = JSON.parse(text) as Partial<LockRecord>;
    if (typeof r.pid === 'number' && Number.isSafeInteger(r.pid) && r.pid > 0 && typeof r.host === 'string' && typeof r.token === 'string') {
      return { pid: r.pid, host: r.host, token: r.token, started: String(r.started ?? '?'), what: String(r.what ?? '?') };
    }
  } catch { /* not JSON: a torn lock */ }
  return null;
}

/** Why the lock is stale, or undefined when its holder may still run. */
function staleReason(file: string, holder: LockRecord | null): string | undefined {
  if (holder === null) {
    const age = Date.now() - statSync(file).mtimeMs;
    return age > TORN_LOCK_MS ? 'an empty lock file left by a process killed while taking it' : undefined;
  }
  if (holder.host !== hostname()) return undefined; // cannot tell whether a process on another host runs
  try {
    process.kill(holder.pid, 0);
    return undefined;
  } catch (e) {
    // EPERM: the process exists, it belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'ESRCH' ? `process ${holder.pid}, which took it at ${holder.started}, no longer runs` : undefined;
  }
}

/** Moves a stale lock away; false when it changed since we read it (another process took it first). */
function moveAsideIfUnchanged(file: string, seen: LockRecord | null): boolean {
  const aside = `${file}.stale-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch {
    return false;
  }
  const moved = readLock(aside);
  const same = seen === null ? moved === null : typeof moved === 'object' && moved !== null && moved.token === seen.token;
  if (!same) {
    try { renameSync(aside, file); } catch { /* it is someone else's to sort out */ }
    return false;
  }
  try { unlinkSync(aside); } catch { /* gone already */ }
  return true;
}

function inUseMessage(out: string, file: string, holder: LockRecord | null): string {
  if (holder === null) return `${out}: another preflight process is just taking this folder (lock file ${file}); try again in a moment`;
  const who = `${holder.what} (pid ${holder.pid} on ${holder.host}, since ${holder.started})`;
  const remove = holder.host === hostname() ? '' : `; if it no longer runs, delete ${file}`;
  return `${out}: in use by another ${who}; use another folder, or wait for it to finish${remove}`;
}
