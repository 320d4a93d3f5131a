import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesOf, explain, ROOT, type FormatName } from './helpers.js';

const FOLDERS: ReadonlyArray<readonly [FormatName, string]> = [
  ['ccf', 'corpus/ccf/codes'], ['ccf', 'corpus/ccf/story'],
  ['sigpack', 'corpus/sigpack'], ['sigpack', 'corpus/sigpack/story'],
  ['rulebook', 'corpus/rulebook'],
];

const files = FOLDERS.flatMap(([fmt, dir]) => readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.bin')).map((f) => [fmt, `${dir}/${f}`] as const));

describe('explain: every fault and hazard of the corpus has a chain from a clause of its model', () => {
  const clauses = new Set<string>();

  it.each(files)('%s %s', (fmt, file) => {
    const x = explain(fmt, bytesOf(file));
    for (const k of x.consumers) {
      const chains = [...(k.outcome === 'load' ? [] : [{ clause: k.clause, chain: k.chain }]), ...k.hazards];
      if (k.outcome === 'load') expect(k.chain).toEqual([]);
      for (const { clause, chain } of chains) {
        expect(clause, `${k.profile}`).toBeDefined();
        expect(clause).not.toBe('unknown');
        clauses.add(clause!.replace(/\[\d+\]$/, '[i]').replace(/ .*$/, ''));
        expect(chain.length, `${k.profile} ${clause}`).toBeGreaterThanOrEqual(2);
        for (const s of chain) {
          expect(s.text).not.toMatch(/undefined|NaN|\[object|null dereference of null/);
          if (s.offset !== undefined) expect(s.offset).toBeGreaterThanOrEqual(0);
        }
      }
    }
  });

  it('between them, the corpus files exercise every kind of clause', () => {
    expect([...clauses].sort()).toEqual([
      'buffers[i]', 'copies', 'dispatch.lookup', 'dispatch.switch', 'engines[i]', 'inputs', 'inputs.declares', 'inputs.latent', 'load', 'refuse.read', 'refuse.rules[i]',
    ]);
  });
});
