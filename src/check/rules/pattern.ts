import type { FieldPath } from '../../findings/index.js';
import { re2SyntaxError, redosHazard } from '../../regex/index.js';
import type { FieldDef } from '../../schema/index.js';
import { raise, type CheckContext } from '../check-context.js';

/** A pattern must compile as its declared syntax and must not backtrack super-linearly. */
export function checkPattern(ctx: CheckContext, field: FieldDef, pattern: unknown, path: FieldPath): void {
  if (typeof pattern !== 'string') return;
  const rule = field.pattern!;
  const invalid = re2SyntaxError(pattern);
  if (invalid !== null) {
    raise(ctx, rule.invalidCode, path, { pattern, reason: invalid });
    return;
  }
  if (!rule.redosCode) return;
  const hazard = redosHazard(pattern);
  if (hazard !== null) raise(ctx, rule.redosCode, path, { pattern, reason: hazard });
}
