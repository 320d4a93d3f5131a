import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../schema/bundled.js';

export const VERSION: string = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

/** Colour only for a person at a terminal; NO_COLOR and FORCE_COLOR are honoured. */
export function useColor(): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return process.stdout.isTTY === true;
}
