import { BRANCH } from './branches.js';
import { decodeInstances } from './decode-instances.js';
import { HEADER_SIZE } from './refuse.js';
import type { Run } from './run.js';

/**
 * Load steps 2-5 (spec section 3), after the header was accepted: table, index, pool
 * copy, then every instance record. The first fault is recorded on the run; decoding
 * then goes on wherever the layout still tells where things are, for the static
 * analysis (a truncated table leaves nothing more to decode).
 */
export function loadFile(r: Run): void {
  const indexStart = readTable(r);
  if (indexStart < 0) return;
  readIndex(r, indexStart);
  copyPool(r);
  decodeInstances(r);
}

/** Returns where the index starts, or -1 when the table runs past the end of the file. */
function readTable(r: Run): number {
  const { s, view, len } = r;
  const count = view.getUint16(20, true);
  let pos = HEADER_SIZE;
  for (let k = 0; k < count; k++) {
    if (pos + 4 > len) {
      r.cov?.hit(BRANCH.TABLE_HEAD_PAST_END);
      r.pastEnd(['types', k], pos, 4, `template type ${k}`);
      return -1;
    }
    const fc = view.getUint8(pos + 2);
    if (pos + 4 + fc > len) {
      r.cov?.hit(BRANCH.TABLE_KINDS_PAST_END);
      r.pastEnd(['types', k], pos, 4 + fc, `template type ${k} with its ${fc} field kind(s)`);
      return -1;
    }
    const id = view.getUint16(pos, true);
    if (k >= s.typeId.length) s.growTypes();
    s.typeId[k] = id;
    s.typeOff[k] = pos;
    s.typeFc[k] = fc;
    r.typeCount = k + 1;
    if (s.firstEntry[id] === 0) s.firstEntry[id] = k + 1;
    else r.cov?.hit(BRANCH.TABLE_DUPLICATE_TYPE);
    r.cov?.hit(fc === 0 ? BRANCH.TABLE_ENTRY_NO_FIELDS : BRANCH.TABLE_ENTRY);
    pos += 4 + fc;
  }
  return pos;
}

/** Reads the index entries that the buffer holds (never more than it can hold). */
function readIndex(r: Run, start: number): void {
  const { s, view, len } = r;
  const count = view.getUint32(24, true);
  if (count === 0) r.cov?.hit(BRANCH.INDEX_EMPTY);
  const fits = Math.min(count, Math.max(0, Math.floor((len - start) / 4)));
  s.growEntries(fits);
  for (let i = 0; i < fits; i++) s.entry[i] = view.getUint32(start + 4 * i, true);
  r.entryCount = fits;
  if (fits > 0) r.cov?.hit(BRANCH.INDEX_ENTRY);
  if (fits < count) {
    r.cov?.hit(BRANCH.INDEX_PAST_END);
    r.pastEnd(['index', fits], start + 4 * fits, 4, `index entry ${fits}`);
  }
}

/** Step 4: the pool copy. A pool of 0 bytes copies nothing, wherever it points. */
function copyPool(r: Run): void {
  const off = r.view.getUint32(28, true);
  const size = r.view.getUint32(32, true);
  r.poolOffset = off;
  r.poolSize = size;
  if (size === 0) {
    r.cov?.hit(BRANCH.POOL_EMPTY);
  } else if (off + size > r.len) {
    r.cov?.hit(BRANCH.POOL_PAST_END);
    r.pastEnd(['pool'], off, size, 'string pool');
  } else {
    r.cov?.hit(BRANCH.POOL_COPY);
  }
}
