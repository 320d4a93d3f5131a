import { formatPath, renderMessage, type Issue } from '../../findings/index.js';
import type { Decoded } from '../../parse/index.js';
import type { FormatSchema } from '../../schema/index.js';
import { formatCatalog } from '../../validate/format-catalog.js';
import type { FileView } from './types.js';

/** Codes that end a sequence: a read past the end, a budget. Anything else stops only what it names. */
const CUTTING = new Set(['TRUNCATED', 'DECODE_BUDGET']);

/**
 * Where reading stopped and why, for an incomplete decode: the decoder's first finding that cut
 * it short (a truncation, a budget), else its first finding (an offset outside the file, an
 * unknown tag), rendered as validate renders it.
 */
export function stoppedAt(schema: FormatSchema, decoded: Decoded): FileView['stopped'] {
  if (decoded.complete) return undefined;
  const issue: Issue | undefined = decoded.issues.find((i) => CUTTING.has(i.code)) ?? decoded.issues[0];
  if (!issue) return { path: '', offset: 0, reason: 'the decoder did not read the whole layout', code: 'INCOMPLETE' };
  const message = renderMessage(issue.code, issue.details, formatCatalog(schema));
  const path = formatPath(issue.path);
  return { path: path === '(file)' ? '' : path, offset: Math.max(0, issue.offset), reason: `${issue.code}: ${message}`, code: issue.code };
}
