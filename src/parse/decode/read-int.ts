import type { IntType } from '../../schema/index.js';

/** Reads one integer; u8/s8 come back as bigint, the rest as number. Bounds are checked by the caller. */
export function readInt(view: DataView, offset: number, type: IntType, littleEndian: boolean): number | bigint {
  switch (type) {
    case 'u1': return view.getUint8(offset);
    case 's1': return view.getInt8(offset);
    case 'u2': return view.getUint16(offset, littleEndian);
    case 's2': return view.getInt16(offset, littleEndian);
    case 'u4': return view.getUint32(offset, littleEndian);
    case 's4': return view.getInt32(offset, littleEndian);
    case 'u8': return view.getBigUint64(offset, littleEndian);
    case 's8': return view.getBigInt64(offset, littleEndian);
  }
}
