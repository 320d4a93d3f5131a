import { re2Check } from '../../src/regex/index.js';
import { BRANCH, DECODE_BRANCH } from './branches.js';
import { OP_FIRST_STR, OP_REGEX, PAYLOAD } from './compiled-profile.js';
import type { Run } from './run.js';

const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * Criteria one simulation keeps (11 bytes each): a profile with very large limits would otherwise
 * let a 100 MB file of index entries that share one record of 255 criteria need gigabytes. Past
 * it (or past the file's time) decoding stops, and the run says so (a DECODE_BUDGET finding).
 */
export const MAX_SIMULATED_CRITERIA = 16_000_000;

/**
 * Load step 5: each instance in index order, its head, then its criteria. An instance
 * whose head or a criterion cannot be read stops there; the next instance is decoded
 * from its own index entry.
 */
export function decodeInstances(r: Run): void {
  const { s, view, len, bytes, cp } = r;
  const implemented = cp.implemented;
  for (let i = 0; i < r.entryCount; i++) {
    const off = s.entry[i]!;
    if (r.budget && !r.budget.tick()) {
      r.cutShort = { path: ['instances', i], offset: off, details: { ...r.budget.timeExceeded } };
      return;
    }
    if (r.critCount + 255 > MAX_SIMULATED_CRITERIA) {
      r.cutShort = { path: ['instances', i], offset: off, details: { budget: 'criteria', limit: MAX_SIMULATED_CRITERIA } };
      return;
    }
    if (off + 8 > len) {
      r.cov?.hit(BRANCH.INSTANCE_HEAD_PAST_END);
      r.pastEnd(['instances', i], off, 8, `instance ${i} record head`, i);
      continue;
    }
    r.cov?.hit(BRANCH.INSTANCE_HEAD);
    const typeId = view.getUint16(off + 4, true);
    const count = bytes[off + 6]!;
    const q = r.instCount++;
    if (q >= s.instIdx.length) s.growInstances();
    s.instIdx[q] = i;
    s.instOff[q] = off;
    s.instType[q] = typeId;
    s.critStart[q] = r.critCount;
    s.critEnd[q] = r.critCount;
    if (s.firstEntry[typeId] === 0) {
      r.cov?.hit(BRANCH.INSTANCE_UNKNOWN_TEMPLATE);
      r.crash('UNKNOWN_TEMPLATE', ['instances', i, 'type_id'], off + 4, { type_id: typeId }, i);
    }
    if (count === 0) r.cov?.hit(BRANCH.INSTANCE_NO_CRITERIA);
    let pos = off + 8;
    for (let j = 0; j < count; j++) {
      if (pos + 1 > len) {
        r.cov?.hit(BRANCH.CRIT_OPCODE_PAST_END);
        r.pastEnd(['instances', i, 'criteria', j], pos, 1, `instance ${i} criterion ${j} opcode`, i, j);
        break;
      }
      const op = bytes[pos]!;
      if (implemented[op] !== 1) {
        r.cov?.hit(op < PAYLOAD.length ? BRANCH.CRIT_UNIMPLEMENTED_OP : BRANCH.CRIT_UNDEFINED_OP);
        if (r.fault === null) {
          r.crash('UNKNOWN_OP', ['instances', i, 'criteria', j], pos, { actual: op, implemented: cp.implementedNames }, i, j);
        }
        break;
      }
      const payload = PAYLOAD[op]!;
      if (pos + 1 + payload > len) {
        r.cov?.hit(BRANCH.CRIT_PAYLOAD_PAST_END);
        r.pastEnd(['instances', i, 'criteria', j], pos, 1 + payload, `instance ${i} criterion ${j}`, i, j);
        break;
      }
      r.cov?.hit(DECODE_BRANCH[op]!);
      let strLen = 0;
      if (op >= OP_FIRST_STR) {
        const strOff = view.getUint32(pos + 1, true);
        strLen = view.getUint16(pos + 5, true);
        if (strOff + strLen > r.poolSize) {
          r.cov?.hit(BRANCH.STR_POOL_OOB);
          if (r.fault === null) {
            r.crash('POOL_OOB', ['instances', i, 'criteria', j], pos, { end: strOff + strLen, pool_size: r.poolSize }, i, j);
          }
        } else if (op === OP_REGEX && r.fault === null) {
          checkRegex(r, i, j, pos, r.poolOffset + strOff, strLen);
        }
      }
      const c = r.critCount++;
      if (c >= s.critOp.length) s.growCriteria();
      s.critOp[c] = op;
      s.critPos[c] = pos;
      s.critLen[c] = strLen;
      s.critEnd[q] = c + 1;
      pos += 1 + payload;
    }
  }
}

/** A REGEX whose string lies in the pool, while no fault has happened yet. */
function checkRegex(r: Run, i: number, j: number, pos: number, start: number, length: number): void {
  const max = r.cp.regexMaxLength;
  if (length > max) {
    r.cov?.hit(BRANCH.REGEX_TOO_LONG);
    r.crash('REGEX_TOO_LONG', ['instances', i, 'criteria', j], pos, { length, max }, i, j);
    return;
  }
  const pattern = utf8.decode(r.bytes.subarray(start, start + length));
  let reason: string | null;
  try {
    // With a file budget, RE2 gets what is left of it; a pattern it had no time for cannot be
    // judged, so the consumer's outcome is unknown: the run records it (a DECODE_BUDGET finding).
    const check = r.budget ? r.budget.timedRegex((ms) => re2Check(pattern, ms)) : re2Check(pattern);
    if (check.kind === 'unchecked') {
      r.unjudged ??= { path: ['instances', i, 'criteria', j], offset: pos, reason: check.reason };
      return;
    }
    reason = check.kind === 'valid' ? null : check.reason;
  } catch (err) {
    reason = err instanceof Error ? err.message : String(err);
  }
  if (reason === null) {
    r.cov?.hit(BRANCH.REGEX_COMPILED);
    return;
  }
  r.cov?.hit(BRANCH.REGEX_INVALID);
  r.crash('REGEX_INVALID', ['instances', i, 'criteria', j], pos, { pattern, reason }, i, j);
}
