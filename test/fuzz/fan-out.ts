import { crc32 } from 'node:zlib';

/**
 * The fan-out file of issue 7 §3: `entries` index entries all pointing at one instance record
 * of `criteria` EQ_STR criteria (type 1 declares that many STR fields). About 18 KB; before the
 * budgets it took the simulator's analysis a finding per entry × criterion (a million).
 */
export function fanOutFile(entries = 4096, criteria = 255): Uint8Array {
  const typeTable = 4 + criteria;
  const indexOff = 40 + typeTable;
  const recordOff = indexOff + 4 * entries;
  const recordSize = 8 + 7 * criteria;
  const poolOff = recordOff + recordSize;
  const size = poolOff + 1 + 4;
  const b = Buffer.alloc(size);
  b.writeUInt32LE(0xaaaaaaaa, 0);
  b.writeUInt16LE(1, 4);
  b.writeUInt16LE(40, 6);
  b.writeUInt16LE(291, 8);
  b.writeUInt16LE(1, 20); // type_count
  b.writeUInt32LE(entries, 24);
  b.writeUInt32LE(poolOff, 28);
  b.writeUInt32LE(1, 32); // pool_size
  b.writeUInt32LE(size, 36);
  b.writeUInt16LE(1, 40); // type_id
  b.writeUInt8(criteria, 42); // field_count
  b.fill(2, 44, 44 + criteria); // every field STR
  for (let i = 0; i < entries; i++) b.writeUInt32LE(recordOff, indexOff + 4 * i);
  b.writeUInt32LE(1, recordOff);
  b.writeUInt16LE(1, recordOff + 4);
  b.writeUInt8(criteria, recordOff + 6);
  for (let c = 0; c < criteria; c++) {
    const at = recordOff + 8 + 7 * c;
    b.writeUInt8(3, at); // EQ_STR
    b.writeUInt32LE(0, at + 1);
    b.writeUInt16LE(1, at + 5);
  }
  b.write('a', poolOff);
  b.writeUInt32LE(crc32(b.subarray(0, size - 4)), size - 4);
  return new Uint8Array(b);
}
