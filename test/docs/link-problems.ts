import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { headingAnchors } from './heading-anchors.js';
import { markdownLinks } from './markdown-links.js';

/** Host names that are not public sites: a reader elsewhere cannot follow them. */
const PRIVATE_HOST = /^(localhost|.*\.(local|localhost|internal|lan|home|corp|test|invalid)|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|\[.*\]|[^.]*)$/i;

/**
 * The problems with the links of one Markdown file of the repository at `root` (`doc` is its
 * path relative to `root`), one line each: `doc:line: target: what is wrong`.
 *
 * - `https://…` must name a public host; every other scheme (`http:`, `file:`, …) is refused.
 * - A relative target must resolve inside the repository to a file or folder that exists and is
 *   not generated (not under a `.gitignore`d top-level folder such as `dist/`): a clone has
 *   nothing else, and `../shared/…` is outside it.
 * - `#anchor` (alone, or after a `.md` target) must be a heading of that Markdown file.
 */
export function linkProblems(root: string, doc: string, markdown: string): string[] {
  const problems: string[] = [];
  const ignored = ignoredTopFolders(root);
  for (const { line, target } of markdownLinks(markdown)) {
    const say = (what: string) => problems.push(`${doc}:${line}: ${target}: ${what}`);
    if (target === '') { say('empty link target'); continue; }
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(target)?.[1]?.toLowerCase();
    if (scheme !== undefined) {
      if (scheme !== 'https') { say('only https links may leave the repository'); continue; }
      let host: string;
      try { host = new URL(target).hostname; } catch { say('not a valid URL'); continue; }
      if (PRIVATE_HOST.test(host)) say(`"${host}" is not a public site`);
      continue;
    }
    const hashAt = target.indexOf('#');
    const pathPart = safeDecode(hashAt < 0 ? target : target.slice(0, hashAt));
    const anchor = hashAt < 0 ? undefined : target.slice(hashAt + 1);
    if (isAbsolute(pathPart) || pathPart.startsWith('/')) { say('absolute paths do not exist in a clone: use a relative link'); continue; }
    const file = resolve(root, dirname(doc), pathPart === '' ? basename(doc) : pathPart);
    const inRepo = relative(root, file);
    if (inRepo.startsWith('..') || isAbsolute(inRepo)) { say('points outside the repository'); continue; }
    if (pathPart !== '' && !existsSync(file)) { say('no such file in the repository'); continue; }
    const top = inRepo.split(sep)[0]!;
    if (ignored.has(top)) { say(`${top}/ is generated (in .gitignore), not in a clone`); continue; }
    if (anchor === undefined || anchor === '') continue;
    if (pathPart !== '' && (statSync(file).isDirectory() || !file.endsWith('.md'))) { say('an #anchor needs a Markdown file'); continue; }
    const headings = pathPart === '' ? markdown : readFileSync(file, 'utf8');
    if (!headingAnchors(headings).has(safeDecode(anchor).toLowerCase())) {
      say(`no heading with anchor #${anchor} in ${relative(root, file)}`);
    }
  }
  return problems;
}

/** Top-level names that `.gitignore` lists plainly (`dist/`, `/out/`): generated, not in a clone. */
function ignoredTopFolders(root: string): Set<string> {
  const names = new Set(['.git', 'node_modules']);
  const path = join(root, '.gitignore');
  if (!existsSync(path)) return names;
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const name = raw.trim().replace(/^\//, '').replace(/\/$/, '');
    if (/^[\w.-]+$/.test(name)) names.add(name);
  }
  return names;
}

/** `%20` and friends decoded; a malformed escape is kept as written (and then fails to resolve). */
function safeDecode(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}
