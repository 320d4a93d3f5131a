import { BRANCH, type CoverageSink } from './branches.js';
import type { CompiledProfile } from './compiled-profile.js';
import type { ConsumerFault } from '../../src/consumer/outcome.js';

export const HEADER_SIZE = 40;
export const MAGIC = 0xaaaaaaaa;
export const VERSION = 1;

/**
 * Load step 1 (spec section 3): the only checks the consumer makes. Returns the refusal
 * reason, or null when it goes on to trust the file.
 */
export function refusal(view: DataView, cp: CompiledProfile, cov: CoverageSink | undefined): ConsumerFault | null {
  const len = view.byteLength;
  if (len < HEADER_SIZE) {
    cov?.hit(BRANCH.REFUSE_TRUNCATED);
    return { code: 'TRUNCATED', path: ['header'], offset: 0, details: { needed: HEADER_SIZE, at: 0, available: len, what: 'header' } };
  }
  const magic = view.getUint32(0, true);
  if (magic !== MAGIC) {
    cov?.hit(BRANCH.REFUSE_MAGIC);
    return { code: 'BAD_MAGIC', path: ['header', 'magic'], offset: 0, details: { actual: magic, expected: MAGIC } };
  }
  const version = view.getUint16(4, true);
  if (version !== VERSION) {
    cov?.hit(BRANCH.REFUSE_VERSION);
    return { code: 'BAD_VERSION', path: ['header', 'version'], offset: 4, details: { actual: version, expected: VERSION } };
  }
  if (len > cp.maxFileSize) {
    cov?.hit(BRANCH.REFUSE_FILE_SIZE);
    return { code: 'LIMIT_EXCEEDED', path: [], offset: 0, details: { limit: 'file size', actual: len, max: cp.maxFileSize } };
  }
  const instances = view.getUint32(24, true);
  if (instances > cp.maxInstances) {
    cov?.hit(BRANCH.REFUSE_INSTANCE_COUNT);
    return {
      code: 'LIMIT_EXCEEDED', path: ['header', 'instance_count'], offset: 24,
      details: { limit: 'instance_count', actual: instances, max: cp.maxInstances },
    };
  }
  cov?.hit(BRANCH.HEADER_ACCEPTED);
  return null;
}
