import { crc32, deflateSync } from 'node:zlib';

/** One PNG chunk: length, type, data, CRC-32 of type and data (what every PNG writer does). */
export function pngChunk(kind: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(kind, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngOptions {
  readonly width?: number;
  readonly height?: number;
  /** Extra chunks between IHDR and IDAT. */
  readonly before?: readonly Buffer[];
  /** Split the image data over this many IDAT chunks. */
  readonly idatChunks?: number;
}

/** A real RGB PNG made with Node's zlib: IHDR, optional chunks, IDAT (filter byte 0 per row), IEND. */
export function makePng(options: PngOptions = {}): Buffer {
  const width = options.width ?? 4;
  const height = options.height ?? 3;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, adaptive filtering, no interlace
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) row.set([x * 40, y * 60, 200], 1 + x * 3);
    rows.push(row);
  }
  const image = deflateSync(Buffer.concat(rows));
  const parts = options.idatChunks ?? 1;
  const step = Math.ceil(image.length / parts);
  const idats: Buffer[] = [];
  for (let i = 0; i < image.length; i += step) idats.push(pngChunk('IDAT', image.subarray(i, i + step)));
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', ihdr), ...(options.before ?? []), ...idats, pngChunk('IEND', new Uint8Array(0))]);
}

/** A tEXt chunk: Latin-1 keyword, a zero byte, Latin-1 text. */
export function textChunk(keyword: string, text: string): Buffer {
  return pngChunk('tEXt', Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(text, 'latin1')]));
}

/** A zTXt chunk: keyword, zero, method 0, zlib-compressed Latin-1 text. */
export function compressedTextChunk(keyword: string, text: string): Buffer {
  return pngChunk('zTXt', Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0, 0]), deflateSync(Buffer.from(text, 'latin1'))]));
}

/** An iCCP chunk with a minimal profile whose size field is its length (or `sizeField`). */
export function iccChunk(name: string, profileSize = 132, sizeField = profileSize): Buffer {
  const profile = Buffer.alloc(profileSize);
  profile.writeUInt32BE(sizeField, 0);
  profile.write('lcms', 4, 'ascii');
  profile.writeUInt32BE(0x04300000, 8);
  return pngChunk('iCCP', Buffer.concat([Buffer.from(name, 'latin1'), Buffer.from([0, 0]), deflateSync(profile)]));
}
