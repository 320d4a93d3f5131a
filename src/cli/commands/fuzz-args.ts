import { InvalidArgumentError } from 'commander';
import { availableParallelism } from 'node:os';
import { campaignSeed } from '../../fuzz/engine/campaign-seed.js';
import { parseShard, type Shard } from '../../fuzz/engine/shard.js';

/** Values echoed in messages are cut: an argument can be megabytes long. */
const quoted = (v: string): string => JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);

/** `--seed`: any integer (values outside 0..2^32-1 are hashed to 32 bits; see campaignSeed). */
export function seedArg(v: string): { seed: number; given: string } {
  const seed = campaignSeed(v);
  if (seed === undefined) throw new InvalidArgumentError(`--seed takes an integer, got ${quoted(v)}`);
  return { seed, given: v.trim() };
}

export function uintArg(flag: string, max: number, min = 0): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${flag} takes a whole number ${min}..${max}, got ${quoted(v)}`);
    return n;
  };
}

/** More workers than this only cost memory and start-up time (each holds a replica of the campaign). */
export function maxWorkers(cores = availableParallelism()): number {
  return 4 * Math.max(1, cores);
}

export function workersArg(v: string): number {
  const cores = availableParallelism();
  const max = maxWorkers(cores);
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < 1 || n > max) {
    throw new InvalidArgumentError(`--workers takes 1..${max} (at most 4 × the ${cores} core(s) here), got ${quoted(v)}`);
  }
  return n;
}

export function positiveArg(flag: string): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${flag} takes a positive number of seconds, got ${quoted(v)}`);
    return n;
  };
}

export function shardArg(v: string): Shard {
  const s = parseShard(v);
  if (s !== undefined) return s;
  const m = /^\s*(\d+)\/(\d+)\s*$/.exec(v);
  const why = m === null ? 'the form is K/N, such as 2/4' : Number(m[2]) < 1 ? 'N must be at least 1' : 'K must be 1..N';
  throw new InvalidArgumentError(`--shard takes K/N with 1 <= K <= N, got ${quoted(v)} (${why})`);
}
