export type { MutationContext } from './context.js';
export { mutate } from './mutate.js';
export { flipBytes } from './flip.js';
export { fieldMutation } from './field.js';
export { rawMutation } from './raw.js';
export { MAX_BYTES } from './limits.js';
export { edgeMutant, edgePass, type EdgeStep } from './edge-pass.js';
