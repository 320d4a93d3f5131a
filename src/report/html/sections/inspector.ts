import { formatCount } from '../../format.js';
import { safeHtml } from '../escape.js';
import { MAX_EMBEDDED_BYTES } from '../embed-file.js';
import type { HtmlFile } from '../model.js';

/**
 * The frame of one file's inspector: the field tree with a detail box (left) and the hex view
 * (right). The page's script fills both from the file's embedded data; what the file could not
 * give (no tree, reading stopped, nodes or bytes left out) is said here in words.
 */
export function inspectorSection(file: HtmlFile, index: number, legend: string): string {
  const notes: string[] = [];
  if ('missing' in file.view) notes.push(`No field tree: ${safeHtml(file.view.missing, 400)}. The hex view shows the bytes alone.`);
  else {
    const v = file.view.value;
    if (v.stopped !== undefined) notes.push(`Reading stopped at ${safeHtml(v.stopped.path || '(file)', 300)} @ ${v.stopped.offset}: ${safeHtml(v.stopped.reason, 400)}. Everything read before is shown.`);
    if (v.truncatedNodes > 0) notes.push(`The tree is truncated at ${formatCount(v.nodes.length)} fields: ${formatCount(v.truncatedNodes)} more (elements of long arrays and what they hold) are counted, not kept, to bound memory.`);
  }
  if (file.bytes.length > MAX_EMBEDDED_BYTES) notes.push(`Only the first ${formatCount(MAX_EMBEDDED_BYTES)} of ${formatCount(file.bytes.length)} bytes are in this page.`);
  return `<section class="inspector" id="inspector-${index}" aria-label="Field tree and bytes of ${safeHtml(file.name, 300)}">`
    + `<h3>Field tree and bytes</h3>`
    + notes.map((n) => `<p class="note">${n}</p>`).join('')
    + `<div class="toolbar"><label>Go to <input class="goto" type="text" spellcheck="false" placeholder="a path (instances[5]) or an offset (358, 0x166)"></label> <span class="goto-msg" role="status"></span>`
    + `<span class="hint">Click a field to light up its bytes; click a byte to open its field.</span></div>`
    + `<div class="panes"><div class="tree-pane"><div class="tree" role="tree" tabindex="0" aria-label="field tree"></div><div class="detail" aria-live="polite"><span class="note">Click a field in the tree, or a byte, to see it here.</span></div></div>`
    + `<div class="hex-pane"><div class="hex-head" aria-hidden="true">offset    00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f</div><div class="hex" role="grid" aria-label="bytes"></div>${legend}</div></div>`
    + `</section>`;
}
