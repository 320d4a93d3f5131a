import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINDING_CODES } from '../../src/findings/index.js';

describe('the finding catalogue is public interface', () => {
  const doc = readFileSync(new URL('../../docs/findings.md', import.meta.url), 'utf8');
  it.each(Object.entries(FINDING_CODES))('%s is documented with its severity', (code, info) => {
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
    expect(row, `docs/findings.md has no row for ${code}`).toBeDefined();
    expect(row).toContain(`| ${info.severity} |`);
  });
});
