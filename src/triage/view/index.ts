export { buildFileView, viewOfDecoded } from './build-file-view.js';
export { nodeAt, nodesContaining } from './node-at.js';
export { nodeByPath, normalisePathText } from './node-by-path.js';
export { hexPreview } from './describe-value.js';
export { defaultMaxNodes, MAX_VIEW_NODES } from './types.js';
export type { BuildViewOptions, FileView, Region, ViewNode, ViewNodeKind } from './types.js';
