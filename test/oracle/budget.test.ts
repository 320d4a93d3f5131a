import { describe, expect, it } from 'vitest';
import { fanOut } from '../../scripts/hostile/builders.js';
import { WorkBudget } from '../../src/budget/work-budget.js';
import { defaultFleetDir, loadFleet } from './index.js';
import { CappedIssues } from '../../src/findings/capped-issues.js';
import { simulateConsumer } from './index.js';

const [profile] = loadFleet(defaultFleetDir());
/** A consumer without practical limits: nothing refuses a hostile file before it is decoded. */
const unlimited = { ...profile!, limits: { ...profile!.limits, max_instances: 1e12, max_file_size: 2 ** 32 - 1 } };

describe('the simulation spends the file\'s budget', () => {
  it('out of time, it stops decoding instances and says where (DECODE_BUDGET), instead of running on', () => {
    const bytes = fanOut();
    const sink = new CappedIssues();
    simulateConsumer(bytes, unlimited, undefined, { sink, budget: new WorkBudget(bytes.length, { timeMs: 0 }) });
    const stop = sink.kept.find((i) => i.code === 'DECODE_BUDGET')!;
    expect(stop.details).toMatchObject({ budget: 'time', stage: 'consumer simulation' });
    expect(stop.profile).toBe(profile!.name);
    expect(stop.path[0]).toBe('instances');
  });

  it('without a budget it decodes everything, as before', () => {
    const r = simulateConsumer(fanOut(), unlimited);
    expect(r.issues.some((i) => i.code === 'DECODE_BUDGET')).toBe(false);
    expect(r.issues.filter((i) => i.code === 'OOB_INPUT_READ').length).toBeGreaterThan(900_000);
  });
});
