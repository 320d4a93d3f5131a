import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The node arguments that run preflight's CLI from the checkout at `root`: the built
 * `dist/cli/main.js` when it is at least as new as every source file (twice as fast to start),
 * else the TypeScript sources through tsx, so a stale build never hides a change to src/.
 */
export function cliEntry(root: string): string[] {
  const built = join(root, 'dist', 'cli', 'main.js');
  if (existsSync(built) && buildIsFresh(root)) return [built];
  const tsx = fileURLToPath(import.meta.resolve('tsx'));
  return ['--import', tsx, join(root, 'src', 'cli', 'main.ts')];
}

function buildIsFresh(root: string): boolean {
  const src = join(root, 'src');
  const stack = [src];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) { stack.push(path); continue; }
      if (!entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) continue;
      const out = join(root, 'dist', relative(src, path).replace(/\.ts$/, '.js'));
      if (!existsSync(out) || statSync(out).mtimeMs < statSync(path).mtimeMs) return false;
    }
  }
  return true;
}
