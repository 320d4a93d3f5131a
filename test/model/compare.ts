import { formatPath, type Issue } from '../../src/findings/index.js';
import type { ConsumerProfile } from '../oracle/index.js';
import { parseModelProfile, type ConsumerModel, type ModelProfile } from '../../src/model/index.js';
import type { SimulationResult } from '../../src/consumer/index.js';

/** What the differential test compares: outcome, fault code, path and offset, and the set of issues (code, path, offset). */
export function summary(r: SimulationResult): { outcome: string; fault: string | null; issues: string[] } {
  const f = r.fault;
  return {
    outcome: r.outcome,
    fault: f === null ? null : `${f.code} ${formatPath(f.path)} @ ${f.offset}`,
    issues: [...new Set(r.issues.map(issueKey))].sort(),
  };
}

function issueKey(i: Issue): string {
  return `${i.code} ${formatPath(i.path)} @ ${i.offset}`;
}

/**
 * The same profile for the model: written back as profile YAML and read through the model's
 * `profile:` declaration (so the test also exercises the generic profile reader).
 */
export function toModelProfile(p: ConsumerProfile, model: ConsumerModel): ModelProfile {
  const lines = [`name: ${JSON.stringify(p.name)}`, `population: ${p.population}`, 'templates:'];
  if (p.templates.size === 0) lines[lines.length - 1] += ' {}';
  for (const [id, t] of p.templates) lines.push(`  ${id}: { inputs: [${t.inputs.join(', ')}] }`);
  lines.push(`ops: [${[...p.ops].join(', ')}]`);
  lines.push(`limits: { max_instances: ${p.limits.max_instances}, max_file_size: ${p.limits.max_file_size}, regex_max_length: ${p.limits.regex_max_length} }`);
  return parseModelProfile(lines.join('\n'), `${p.source} (as a model profile)`, model);
}
