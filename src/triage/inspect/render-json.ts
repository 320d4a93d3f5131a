import { nodeByPath, type ViewNode } from '../view/index.js';
import { treeRows } from './tree-rows.js';
import { findingsShown } from './findings-shown.js';
import type { Inspection, ShowLimits } from './types.js';

/**
 * The JSON document of `inspect` (docs/inspect.md): the view's summary and regions, the nodes the
 * text tree would show (bounded by --max-nodes like it, with what was left out), the findings and
 * consumers, and the byte or subtree asked about.
 */
export function inspectJson(ins: Inspection, limits: ShowLimits): Record<string, unknown> {
  const { view, report } = ins;
  const top = ins.subtree ?? view.nodes[0]!;
  const findings = findingsShown(ins);
  const forced = new Set<number>();
  for (const f of findings.slice(0, 200)) for (let n = nodeByPath(view, f.path); n && n.depth > top.depth; n = view.nodes[n.parent]) forced.add(n.id);
  const rows = ins.at ? [] : treeRows(view, top, forced, limits.maxNodes);
  const nodes = rows.flatMap((r) => ('node' in r ? [r.node] : []));
  const omitted = rows.flatMap((r) => ('elided' in r ? [{ depth: r.depth, count: r.elided, of: r.of }] : []));
  return {
    file: ins.file,
    format: view.format,
    size: view.size,
    verdict: report.verdict,
    complete: view.complete,
    ...(view.stopped ? { stopped: view.stopped } : {}),
    nodesKept: view.nodes.length,
    truncatedNodes: view.truncatedNodes,
    regions: view.regions,
    ...(ins.subtree ? { path: ins.subtree.path } : {}),
    ...(ins.at ? { at: atJson(ins) } : { nodes, omitted }),
    findings,
    consumers: report.consumers,
  };
}

/** The JSON document as text: 64-bit values (bigints in findings' details) as decimal strings. */
export function renderInspectJson(ins: Inspection, limits: ShowLimits): string {
  return `${JSON.stringify(inspectJson(ins, limits), (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}\n`;
}

function atJson(ins: Inspection): Record<string, unknown> {
  const at = ins.at!;
  const path = (n: ViewNode | undefined) => n?.path;
  return {
    offset: at.offset, byte: at.byte,
    field: path(at.field) ?? null, record: path(at.record) ?? null, element: path(at.element) ?? null,
    chain: at.chain,
    alsoIn: at.alsoIn.map((n) => n.path),
    ...(at.between ? { between: { before: path(at.between.before) ?? null, after: path(at.between.after) ?? null } } : {}),
  };
}
