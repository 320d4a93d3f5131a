import type { Part } from './model.js';

/**
 * Runs one part of the report (the tree, explain's chains, the diff); a throw becomes a missing
 * part that says why, and the rest of the page is still written. PREFLIGHT_DEBUG prints the stack.
 */
export function part<T>(make: () => T, what: string): Part<T> {
  try {
    return { value: make() };
  } catch (e) {
    if (process.env.PREFLIGHT_DEBUG) process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    return { missing: `${what} (internal error, please report it: ${messageOf(e)})` };
  }
}

/** The first line of an error's message, bounded. */
export function messageOf(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 300);
}
