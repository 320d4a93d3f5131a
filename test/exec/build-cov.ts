import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { EXAMPLES } from './build.js';

export const CCF_COV = join(EXAMPLES, 'ccf-consumer-cov');
export const CCF_COV8 = join(EXAMPLES, 'ccf-consumer-cov8');

/**
 * Builds the C examples with clang's SanitizerCoverage (make cov cov8). Returns why it cannot
 * (clang missing), so the tests skip with that reason; a failing build with clang present is an error.
 */
export function buildCoverageConsumers(): string | undefined {
  for (const tool of ['clang', 'clang++', 'make']) {
    if (spawnSync(tool, ['--version'], { encoding: 'utf8' }).status !== 0) {
      return `${tool} not found: the coverage build (make -C examples/consumer-c cov) needs clang (Debian: apt-get install clang libre2-dev; .ci/run does it)`;
    }
  }
  const flock = spawnSync('flock', ['--version'], { encoding: 'utf8' }).status === 0;
  const lock = join(EXAMPLES, '.build.lock');
  const args = ['-C', EXAMPLES, 'ccf-consumer-cov', 'ccf-consumer-cov8'];
  const r = flock ? spawnSync('flock', [lock, 'make', ...args], { encoding: 'utf8' }) : spawnSync('make', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`make -C examples/consumer-c cov failed (clang's ASan runtime: libclang-rt-14-dev or libclang-common-14-dev):\n${r.stdout}\n${r.stderr}`);
  return undefined;
}
