import { describe, expect, it } from 'vitest';
import { CONSUMERS } from './consumers.js';
import { buildCcf, patch, truncate } from '../helpers/ccf-bytes.js';
import { GOOD_TYPE2, makeProfile, TYPE1, TYPE2 } from './fixtures.js';

const profile = makeProfile();
const file = buildCcf({ types: [TYPE1, TYPE2], instances: [GOOD_TYPE2] }).bytes;

describe.each(CONSUMERS)('refusals (outcome reject) ($name)', ({ simulate: simulateConsumer }) => {
  it('loads the unmodified file', () => {
    const r = simulateConsumer(file, profile);
    expect(r).toMatchObject({ outcome: 'load', fault: null, profile: 'test' });
  });

  it('refuses a file shorter than 40 bytes, with no issue', () => {
    const r = simulateConsumer(truncate(file, 39), profile);
    expect(r.outcome).toBe('reject');
    expect(r.fault).toMatchObject({ code: 'TRUNCATED', offset: 0, details: { needed: 40, available: 39 } });
    expect(r.issues).toEqual([]);
    expect(simulateConsumer(new Uint8Array(0), profile).fault?.code).toBe('TRUNCATED');
  });

  it('refuses a wrong magic, then a wrong version, in that order', () => {
    const badMagic = patch(file, 0, 0xaaaaaaab, 4);
    expect(simulateConsumer(badMagic, profile).fault).toMatchObject({ code: 'BAD_MAGIC', path: ['header', 'magic'], offset: 0 });
    const both = patch(badMagic, 4, 2, 2);
    expect(simulateConsumer(both, profile).fault?.code).toBe('BAD_MAGIC');
    const badVersion = patch(file, 4, 2, 2);
    const r = simulateConsumer(badVersion, profile);
    expect(r.outcome).toBe('reject');
    expect(r.fault).toMatchObject({ code: 'BAD_VERSION', path: ['header', 'version'], offset: 4, details: { actual: 2, expected: 1 } });
    expect(r.issues).toEqual([]);
  });

  it('refuses a file over max_file_size (its actual length), as a LIMIT_EXCEEDED issue', () => {
    const small = makeProfile({ name: 'small', limits: { max_file_size: file.length - 1 } });
    const r = simulateConsumer(file, small);
    expect(r.outcome).toBe('reject');
    expect(r.fault).toMatchObject({ code: 'LIMIT_EXCEEDED', offset: 0, details: { limit: 'file size', actual: file.length, max: file.length - 1 } });
    expect(r.issues).toEqual([{ ...r.fault, profile: 'small' }]);
    expect(simulateConsumer(file, makeProfile({ limits: { max_file_size: file.length } })).outcome).toBe('load');
  });

  it('ignores the header file_size field: only the actual length counts', () => {
    const lying = patch(file, 36, 0xffffffff, 4);
    expect(simulateConsumer(lying, makeProfile({ limits: { max_file_size: file.length } })).outcome).toBe('load');
  });

  it('refuses an instance_count over max_instances, before reading anything else', () => {
    const many = patch(file, 24, 5, 4);
    const r = simulateConsumer(many, makeProfile({ limits: { max_instances: 4 } }));
    expect(r.outcome).toBe('reject');
    expect(r.fault).toMatchObject({ code: 'LIMIT_EXCEEDED', path: ['header', 'instance_count'], offset: 24, details: { actual: 5, max: 4 } });
    expect(r.issues).toHaveLength(1);
  });

  it('checks the file size before the instance count', () => {
    const many = patch(file, 24, 5, 4);
    const r = simulateConsumer(many, makeProfile({ limits: { max_instances: 4, max_file_size: 40 } }));
    expect(r.fault?.details).toMatchObject({ limit: 'file size' });
  });

  it('never looks at the CRC', () => {
    const badCrc = buildCcf({ types: [TYPE1, TYPE2], instances: [GOOD_TYPE2], crc: 0 }).bytes;
    expect(simulateConsumer(badCrc, profile).outcome).toBe('load');
  });
});
