import { describe, expect, it } from 'vitest';
import { defaultFleetDir, loadFleet } from './index.js';
import { CONSUMERS } from './consumers.js';
import { buildCcf } from '../helpers/ccf-bytes.js';
import { GOOD_TYPE2, julyInstance, P711, P716, springInstance, TYPE1, TYPE2 } from './fixtures.js';

// March and April 2024: instances of the 21-field IPC-like type, all with ANY on field 21.
const spring = buildCcf({ types: [TYPE1, TYPE2], instances: [springInstance(1), springInstance(2), GOOD_TYPE2, springInstance(4)] });
// 19 July 2024: the same file plus an instance with a real criterion on field 21 (index 20).
const july = buildCcf({ types: [TYPE1, TYPE2], instances: [springInstance(1), springInstance(2), GOOD_TYPE2, springInstance(4), julyInstance(5)] });
const field21 = july.layout.criterionOffsets[4]![20]!;

describe.each(CONSUMERS)('the July 2024 scenario ($name)', ({ simulate: simulateConsumer }) => {
  it('spring content loads on 7.11 with a latent INPUT_COUNT_MISMATCH warning', () => {
    const r = simulateConsumer(spring.bytes, P711);
    expect(r.outcome).toBe('load');
    expect(r.fault).toBeNull();
    expect(r.issues).toEqual([{
      code: 'INPUT_COUNT_MISMATCH', path: ['types', 0, 'field_count'], offset: spring.layout.typeOffsets[0]! + 2,
      details: { type_id: 1, declared: 21, supplied: 20 }, profile: 'agent-7.11',
    }]);
  });

  it('spring content loads on 7.16 with nothing to report', () => {
    expect(simulateConsumer(spring.bytes, P716)).toEqual({ profile: 'agent-7.16', outcome: 'load', fault: null, issues: [] });
  });

  it('the July instance crashes 7.11 at the opcode byte of its field-21 criterion', () => {
    const r = simulateConsumer(july.bytes, P711);
    expect(r.outcome).toBe('crash');
    expect(r.fault).toEqual({
      code: 'OOB_INPUT_READ', path: ['instances', 4, 'criteria', 20], offset: field21,
      details: { index: 20, supplied: 20, type_id: 1 },
    });
    expect(july.bytes[field21]).toBe(5); // the REGEX opcode
    // The fault is the only issue: the hazard turned into the defect.
    expect(r.issues).toEqual([{ ...r.fault, profile: 'agent-7.11' }]);
  });

  it('the July instance loads on 7.16', () => {
    expect(simulateConsumer(july.bytes, P716)).toMatchObject({ outcome: 'load', fault: null, issues: [] });
  });

  it('the bundled default fleet tells the same story', () => {
    const fleet = loadFleet(defaultFleetDir());
    const byName = new Map(fleet.map((p) => [p.name, p]));
    const p711 = byName.get('agent-7.11')!;
    const p716 = byName.get('agent-7.16')!;
    expect(simulateConsumer(spring.bytes, p711).issues.map((i) => i.code)).toEqual(['INPUT_COUNT_MISMATCH']);
    expect(simulateConsumer(spring.bytes, p716).issues).toEqual([]);
    expect(simulateConsumer(july.bytes, p711).fault).toMatchObject({ code: 'OOB_INPUT_READ', offset: field21 });
    expect(simulateConsumer(july.bytes, p716).outcome).toBe('load');
  });
});
