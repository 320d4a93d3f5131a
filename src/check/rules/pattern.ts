import { REGEX_FILE_BUDGET_MS } from '../../budget/work-budget.js';
import type { FieldPath } from '../../findings/index.js';
import { re2Check, redosHazard } from '../../regex/index.js';
import type { FieldDef } from '../../schema/index.js';
import { raise, type CheckContext } from '../check-context.js';

/**
 * A pattern must compile as its declared syntax and must not backtrack super-linearly. Both
 * checks spend from the file's regex budget; a pattern RE2 had no time left for is a
 * DECODE_BUDGET finding (never a pass), and one the ReDoS detector had no time for keeps its
 * structural hazard ("analysis exceeded its budget").
 */
export function checkPattern(ctx: CheckContext, field: FieldDef, pattern: unknown, path: FieldPath): void {
  if (typeof pattern !== 'string') return;
  const rule = field.pattern!;
  const syntax = ctx.budget.timedRegex((ms) => re2Check(pattern, ms));
  if (syntax.kind === 'unchecked') {
    raise(ctx, 'DECODE_BUDGET', path, { budget: 'regex time', limit: REGEX_FILE_BUDGET_MS, stage: 'checks', pattern: clip(pattern), reason: syntax.reason });
    return;
  }
  if (syntax.kind === 'invalid') {
    raise(ctx, rule.invalidCode, path, { pattern, reason: syntax.reason });
    return;
  }
  if (!rule.redosCode) return;
  const hazard = ctx.budget.timedRegex((ms) => redosHazard(pattern, ms));
  if (hazard !== null) raise(ctx, rule.redosCode, path, { pattern, reason: hazard });
}

const clip = (s: string): string => (s.length > 200 ? `${s.slice(0, 200)}…` : s);
