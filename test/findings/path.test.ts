import { describe, expect, it } from 'vitest';
import { formatPath, normalisePath } from '../../src/findings/index.js';

describe('paths', () => {
  it('format like the spec writes them', () => {
    expect(formatPath(['instances', 8, 'criteria', 20])).toBe('instances[8].criteria[20]');
    expect(formatPath(['header', 'magic'])).toBe('header.magic');
    expect(formatPath([])).toBe('(file)');
  });

  it('normalise to a bucket key that keeps only a trailing index', () => {
    expect(normalisePath(['instances', 8, 'criteria', 20])).toBe('instances[*].criteria[20]');
    expect(normalisePath(['instances', 3, 'type_id'])).toBe('instances[*].type_id');
    expect(normalisePath(['index', 5])).toBe('index[*]');
    expect(normalisePath(['types', 5])).toBe('types[*]');
    expect(normalisePath(['types', 2, 'field_kinds', 7])).toBe('types[*].field_kinds[7]');
    expect(normalisePath(['instances', 8, 'criteria', 20], false)).toBe('instances[*].criteria[*]');
  });
});
