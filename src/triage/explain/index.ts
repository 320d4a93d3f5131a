export { explainFile, MAX_HAZARDS, MAX_SUMMARY_FINDINGS } from './explain-file.js';
export type { ExplainFileInput } from './explain-file.js';
export { explainCode, knownCodes, nearCodes } from './explain-code.js';
export { renderExplanation } from './render-text.js';
export type { RenderOptions } from './render-text.js';
export { renderCodeExplanation } from './render-code.js';
export type * from './types.js';
