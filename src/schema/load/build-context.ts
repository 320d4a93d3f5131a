import { isFindingCode, type FindingCode } from '../../findings/index.js';
import { ExprSyntaxError, parseExpr, type CompiledExpr } from '../expr/index.js';
import type { Endian } from '../model.js';

export type Raw = Record<string, unknown>;
export type Path = readonly (string | number)[];
export type Fail = (path: Path, reason: string) => never;

/** What every part of the model builder needs: where to report, the defaults, and the codes in play. */
export interface BuildContext {
  readonly fail: Fail;
  readonly endian: Endian;
  readonly bitEndian: Endian;
  /** Codes the schema declares (`codes:`), usable wherever a built-in code is. */
  readonly ownCodes: ReadonlySet<string>;
}

export function expr(value: unknown, path: Path, fail: Fail): CompiledExpr {
  const text = typeof value === 'number' || typeof value === 'bigint' ? String(value) : (value as string);
  try {
    return parseExpr(text);
  } catch (e) {
    if (e instanceof ExprSyntaxError) fail(path, `${e.message} at character ${e.position + 1} of ${JSON.stringify(text)}`);
    throw e;
  }
}

export function optExpr(value: unknown, path: Path, fail: Fail): CompiledExpr | undefined {
  return value === undefined ? undefined : expr(value, path, fail);
}

export function code(value: unknown, path: Path, b: BuildContext): FindingCode {
  if (typeof value !== 'string' || !(isFindingCode(value) || b.ownCodes.has(value))) {
    const own = [...b.ownCodes];
    b.fail(path, `${String(value)} is not a finding code (see docs/findings.md)${own.length ? ` nor one the schema declares (${own.join(', ')})` : ''}`);
  }
  return value as FindingCode;
}

export function optCode(value: unknown, path: Path, b: BuildContext): FindingCode | undefined {
  return value === undefined ? undefined : code(value, path, b);
}
