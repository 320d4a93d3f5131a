import type { Location, Scope, StreamIo } from '../../schema/index.js';

/**
 * A stream the decoder reads from: the file, a `size`-bounded window of it (a substream, same
 * bytes, absolute positions), or decompressed bytes (`process`). Every read is checked against
 * `end`, never just against the bytes, so a struct cannot read past its substream.
 */
export class DecodeStream implements StreamIo {
  pos: number;
  readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    readonly start: number,
    readonly end: number,
    /**
     * Where decompressed bytes sit in the file (the compressed field): every node and finding
     * inside is located there, the position inside going into details.inner_offset.
     * Undefined for the file and its substreams, whose positions are already file offsets.
     */
    readonly origin: Location | undefined,
    /** The field that bounds this stream (for the `substream` detail of a truncation); undefined for the file. */
    readonly label: string | undefined,
    view?: DataView,
  ) {
    this.pos = start;
    this.view = view ?? new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** The window [start, end) of this stream, as its own stream (a `size` on a struct or switch). */
  sub(start: number, end: number, label: string): DecodeStream {
    return new DecodeStream(this.bytes, start, end, this.origin, label, this.view);
  }

  get size(): number {
    return this.end - this.start;
  }
}

/**
 * The stream a scope reads from: the decoder gives every scope it makes one of its own (the root's
 * in decode.ts, the others through childScope), so the cast holds; it runs once per node, where
 * an instanceof check showed in profiles.
 */
export function streamOf(scope: Scope): DecodeStream {
  return scope.io as DecodeStream;
}
