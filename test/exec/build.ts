import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const EXAMPLES = join(ROOT, 'examples', 'consumer-c');
export const CCF = join(EXAMPLES, 'ccf-consumer');
export const SIGPACK = join(EXAMPLES, 'sigpack-consumer');

/**
 * Builds the example C consumers (make, gcc, g++ and libre2-dev; .ci/run installs them). Fails
 * with what is missing rather than skipping: these tests are the only check of --exec.
 */
export function buildConsumers(): void {
  for (const tool of ['make', 'gcc', 'g++']) {
    const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`test/exec needs ${tool} to build examples/consumer-c (Debian: apt-get install gcc g++ make libre2-dev; .ci/run does it)`);
  }
  // Test files build in parallel workers: one make at a time (flock, from util-linux), so none reads a half-written binary.
  const flock = spawnSync('flock', ['--version'], { encoding: 'utf8' }).status === 0;
  const lock = join(EXAMPLES, '.build.lock');
  const r = flock
    ? spawnSync('flock', [lock, 'make', '-C', EXAMPLES], { encoding: 'utf8' })
    : spawnSync('make', ['-C', EXAMPLES], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`make -C examples/consumer-c failed (is libre2-dev installed?):\n${r.stdout}\n${r.stderr}`);
}
