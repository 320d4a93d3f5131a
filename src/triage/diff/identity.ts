import type { FieldPath } from '../../findings/index.js';
import { formatPath } from '../../findings/index.js';

/**
 * Paths of one file rewritten by identity: `instances[5].criteria[20]` of the July file is
 * `instances[instance_id=106].criteria[20]`, as is wherever that element sits in the other file.
 * Each compared array registers how its elements are named; arrays inside an added or removed
 * element are not compared, so their indexes stay as they are under the element's identity.
 */
export class IdentityMap {
  private readonly arrays = new Map<string, (index: number) => string>();

  register(arrayPath: FieldPath, element: (index: number) => string): void {
    this.arrays.set(formatPath(arrayPath), element);
  }

  /** The identity form of a formatted path (`(file)` for the root). */
  identify(path: string): string {
    const segs = parsePath(path);
    if (segs === undefined) return path;
    let out = '';
    const raw: Array<string | number> = [];
    for (const seg of segs) {
      if (typeof seg === 'number') {
        const named = this.arrays.get(formatPath(raw));
        out = named !== undefined ? named(seg) : `${out}[${seg}]`;
      } else {
        out = out === '' ? seg : `${out}.${seg}`;
      }
      raw.push(seg);
    }
    return out === '' ? '(file)' : out;
  }
}

/** `instances[5].criteria[20]` → ['instances', 5, 'criteria', 20]; undefined for text that is no path. */
export function parsePath(path: string): Array<string | number> | undefined {
  if (path === '(file)' || path === '') return [];
  const out: Array<string | number> = [];
  const re = /([^.[\]]+)|\[(\d+)\]|(\.)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < path.length && (m = re.exec(path)) !== null) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    at = re.lastIndex;
  }
  return at === path.length ? out : undefined;
}
