import { bucketId, SIDECAR_FORMAT, type Sidecar } from '../../../src/fuzz/index.js';

/** A sidecar for a bucket key, as a campaign would write it. */
export function sidecarFor(key: string, size: number, extra: Partial<Sidecar> = {}): Sidecar {
  const [kind, profile, fault, location] = key.split('|') as [Sidecar['kind'], string, string, string];
  return {
    format: SIDECAR_FORMAT, id: bucketId(key), bucket: key, kind, profile, schema: 'schemas/ccf-v1.yaml', fault, location,
    path: location, offset: 0, how: 'test', seed: 1, run: 0, shard: '1/1', size, first_size: size, found_ms: 10, hits: 1,
    shrink: { value_calls: 0, byte_attempts: 0 }, command: `preflight replay x/${bucketId(key)}.bin`, ...extra,
  };
}
