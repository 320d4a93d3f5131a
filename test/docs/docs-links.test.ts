/**
 * README.md and docs/*.md point only at things a reader of a fresh clone has:
 * - every relative link resolves to a file or folder in the repository (and an `#anchor` to a
 *   heading of the Markdown file it names); nothing links outside the repository except https
 *   links to public sites (link-problems.ts);
 * - every repository path named in code (`corpus/ccf/…`, `src/…`) exists (path-mentions.ts);
 * - no example throws preflight's exit code away with `|| true` (silent-failures.ts).
 * extractors.test.ts shows each check failing on a broken doc.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentationFiles } from './doc-files.js';
import { linkProblems } from './link-problems.js';
import { pathMentionProblems } from './path-mentions.js';
import { silentFailureProblems } from './silent-failures.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DOCS = documentationFiles(ROOT);

describe.each(DOCS)('%s', (doc) => {
  const markdown = readFileSync(join(ROOT, doc), 'utf8');

  it('links resolve inside the repository (or to a public https site)', () => {
    expect(linkProblems(ROOT, doc, markdown)).toEqual([]);
  });

  it('every repository path it names in code exists', () => {
    expect(pathMentionProblems(ROOT, doc, markdown)).toEqual([]);
  });

  it('no example hides preflight\'s exit code', () => {
    expect(silentFailureProblems(doc, markdown)).toEqual([]);
  });
});
