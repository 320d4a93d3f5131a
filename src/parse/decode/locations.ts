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
  private rootLocation: Location = { offset: 0, size: 0 };

  constructor(private readonly root: Record<string, unknown>) {}

  setRoot(size: number): void {
    this.rootLocation = { offset: 0, size };
  }

  place(container: object, key: string | number, offset: number, size: number): void {
    let m = this.byContainer.get(container);
    if (!m) this.byContainer.set(container, (m = new Map()));
    m.set(key, { offset, size });
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
      container = (container as Record<string | number, unknown>)[seg];
    }
    return loc;
  };
}
