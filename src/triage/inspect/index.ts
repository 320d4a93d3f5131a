export { inspectFile, type InspectRequest } from './inspect-file.js';
export { InspectError } from './inspect-error.js';
export { parseOffset } from './parse-offset.js';
export { renderInspectText } from './render-text.js';
export { inspectJson, renderInspectJson } from './render-json.js';
export { byteInfo } from './byte-info.js';
export { DEFAULT_SHOW_LIMITS, type ByteInfo, type Inspection, type ShowLimits } from './types.js';
