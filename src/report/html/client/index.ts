import { BOOT_JS } from './boot.js';
import { FILE_DATA_JS } from './file-data.js';
import { HEX_VIEW_JS } from './hex-view.js';
import { INSPECTOR_JS } from './inspector.js';
import { TREE_VIEW_JS } from './tree-view.js';
import { VIRTUAL_LIST_JS } from './virtual-list.js';

/**
 * The page's whole script, inline (a report has no other file). Plain ES5-style JavaScript kept
 * as strings, not compiled TypeScript: it runs in the reader's browser, not in Node, and the
 * build copies it with the module that holds it (dist/ and the bundled CLI alike).
 */
export const CLIENT_SCRIPT = `(function () {\n'use strict';\n${[VIRTUAL_LIST_JS, FILE_DATA_JS, HEX_VIEW_JS, TREE_VIEW_JS, INSPECTOR_JS, BOOT_JS].join('\n')}\n})();\n`;
