import type { Finding } from '../../findings/index.js';
import type { Inspection } from './types.js';
import { within } from './within.js';

/** The findings an inspection shows: all of them; with --path those inside the subtree; with --at those on the byte's chain or at it. */
export function findingsShown(ins: Inspection): readonly Finding[] {
  const all = ins.report.findings;
  if (ins.subtree) return all.filter((f) => within(f.path, ins.subtree!.path));
  const at = ins.at;
  if (at) return all.filter((f) => f.offset === at.offset || at.chain.some((n) => n.depth > 0 && n.path === f.path));
  return all;
}
