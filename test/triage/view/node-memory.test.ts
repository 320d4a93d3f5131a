/**
 * A view node's memory (issue 12): ~80,000 of them for 1 MiB of random bytes read as CCF. The
 * seven fields few nodes have live in one object only those nodes carry, so a node has 13 own
 * fields (it had 19: 176 bytes a node, now 128), and its JSON is what it was, field for field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSchemaPath, loadSchema } from '../../../src/schema/index.js';
import { buildFileView } from '../../../src/triage/view/index.js';
import { ROOT } from '../../cli/run-cli.js';

const schema = loadSchema(defaultSchemaPath());
const ORDER = ['id', 'parent', 'depth', 'path', 'name', 'kind', 'type', 'offset', 'size', 'value', 'meaning', 'partial', 'children', 'count', 'placedBy', 'pointsTo', 'scattered', 'innerOffset', 'doc'];

describe('view nodes', () => {
  const view = buildFileView(schema, new Uint8Array(readFileSync(join(ROOT, 'corpus/ccf/story/2024-04-24-spring.bin'))));

  it('have at most 13 own fields, the rare ones in one shared object', () => {
    for (const n of view.nodes) expect(Object.keys(n).length).toBeLessThanOrEqual(13);
    expect(view.nodes.some((n) => n.count !== undefined)).toBe(true);
    expect(view.nodes.some((n) => n.placedBy !== undefined && n.pointsTo === undefined)).toBe(true);
    expect(view.nodes.some((n) => n.pointsTo !== undefined)).toBe(true);
  });

  it('give the JSON they gave as plain objects: the same fields in the same order, absent ones left out', () => {
    for (const n of view.nodes) {
      const json = JSON.parse(JSON.stringify(n)) as Record<string, unknown>;
      const keys = Object.keys(json);
      expect(keys).toEqual(ORDER.filter((k) => (n as unknown as Record<string, unknown>)[k] !== undefined));
      for (const k of keys) expect(json[k]).toEqual((n as unknown as Record<string, unknown>)[k]);
    }
  });
});
