import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Whether `file` resolves to a path strictly inside `folder`. Every path the store writes is
 * checked with it, whatever produced the name: names never come from input, and this keeps a
 * future mistake from becoming a write outside the output folder.
 */
export function isInside(folder: string, file: string): boolean {
  const rel = relative(resolve(folder), resolve(file));
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
