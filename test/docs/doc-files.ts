import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** README.md and every Markdown file directly in docs/: the documentation a user reads. */
export function documentationFiles(root: string): string[] {
  const docs = readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`);
  return ['README.md', ...docs];
}
