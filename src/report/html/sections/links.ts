import { escapeHtml, safeHtml } from '../escape.js';

/**
 * A link to a place in one file's inspector: the page's script selects the field (by path, or
 * the byte at the offset when the path is not in the tree) and scrolls the inspector into view.
 * Without the script it is a plain anchor to the inspector.
 */
export function placeLink(file: number, path: string | undefined, offset: number | undefined, label?: string): string {
  const at = offset !== undefined && offset >= 0 ? ` @ ${offset} (0x${offset.toString(16)})` : '';
  const text = label ?? `${path !== undefined && path !== '' ? path : '(file)'}${at}`;
  const attrs = [
    `href="#inspector-${file}"`,
    'class="place"',
    `data-goto-file="${file}"`,
    ...(path !== undefined ? [`data-goto-path="${escapeHtml(path)}"`] : []),
    ...(offset !== undefined && offset >= 0 ? [`data-goto-offset="${offset}"`] : []),
  ];
  return `<a ${attrs.join(' ')}>${safeHtml(text, 300)}</a>`;
}
