/** `instances[5]` and `instances[5].criteria[20]` are within `instances`; `instancesX` is not; everything is within the root (''). */
export function within(path: string, top: string): boolean {
  if (top === '') return true;
  return path === top || (path.startsWith(top) && (path[top.length] === '.' || path[top.length] === '['));
}
