import type { FieldPath } from '../../findings/index.js';
import type { Location } from '../../schema/index.js';

/**
 * Where each decoded node sits, stored beside the value rather than under path strings:
 * one small map per container (struct or array of structs), and nothing per element of an
 * array of integers (its elements are computed from the array's start and width).
 */
export class Locations {
  // Plain maps, not WeakMaps: they live exactly as long as the decode result, and ephemeron tables make the GC work hard.
  private readonly byContainer = new Map<object, Map<string | number, Location>>();
  private readonly widths = new Map<object, number>();
  /**
   * Structs being decoded (or whose decoding stopped), by container and key: the caller stores a
   * struct in its container only once it is decoded, but a problem found inside it must still be
   * located inside it (an unknown opcode at its opcode byte, not at the cursor after it).
   */
  private readonly unfinished = new Map<object, Map<string | number, object>>();
  private rootLocation: Location = { offset: 0, size: 0 };

  constructor(private root: Record<string, unknown>) {}

  /** Forgets every location and the tree they are in (the decode is done with: Decoded.release). */
  release(): void {
    this.byContainer.clear();
    this.widths.clear();
    this.unfinished.clear();
    this.root = {};
  }

  setRoot(size: number): void {
    this.rootLocation = { offset: 0, size };
  }

  /** `partial`: the node stopped part-way, so its size is not known (sizeof/end of it cannot be answered). */
  place(container: object, key: string | number, offset: number, size: number, partial = false): void {
    let m = this.byContainer.get(container);
    if (!m) this.byContainer.set(container, (m = new Map()));
    m.set(key, partial ? { offset, size, partial } : { offset, size });
  }

  /** Forgets where `container[key]` sits (a location that turned out to belong to another stream). */
  unplace(container: object, key: string | number): void {
    this.byContainer.get(container)?.delete(key);
  }

  /** `node` is being decoded into `container[key]` (which is not set yet). */
  enter(container: object, key: string | number, node: object): void {
    let m = this.unfinished.get(container);
    if (!m) this.unfinished.set(container, (m = new Map()));
    m.set(key, node);
  }

  /** `node` was decoded: its caller stores it in its container now. */
  leave(container: object, key: string | number): void {
    const m = this.unfinished.get(container);
    if (!m) return;
    m.delete(key);
    if (m.size === 0) this.unfinished.delete(container);
  }

  /** `copy` stands for `array` from now on (what was recorded in and of `array` moves to it). */
  replaceArray(array: object, copy: object): void {
    const width = this.widths.get(array);
    if (width !== undefined) {
      this.widths.delete(array);
      this.widths.set(copy, width);
    }
    const own = this.byContainer.get(array);
    if (own !== undefined) {
      this.byContainer.delete(array);
      this.byContainer.set(copy, own);
    }
  }

  /** An array of fixed-width integers: element i sits at the array's offset + i × width. */
  setElementWidth(array: object, width: number): void {
    this.widths.set(array, width);
  }

  locate = (path: FieldPath): Location | undefined => {
    let container: unknown = this.root;
    let loc: Location | undefined = this.rootLocation;
    for (const seg of path) {
      if (typeof container !== 'object' || container === null) return undefined;
      const own = this.byContainer.get(container)?.get(seg);
      if (own) loc = own;
      else {
        // An array placed record by record (with `at`) has no location of its own: only its elements do.
        const width = this.widths.get(container);
        loc = width !== undefined && typeof seg === 'number' && Number.isInteger(seg) && seg >= 0 && loc && Array.isArray(container) && seg < container.length
          ? { offset: loc.offset + seg * width, size: width }
          : undefined;
      }
      const child: unknown = (container as Record<string | number, unknown>)[seg];
      container = child ?? this.unfinished.get(container)?.get(seg);
    }
    return loc;
  };
}
