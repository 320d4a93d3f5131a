export { re2SyntaxError } from './re2-syntax-error.js';
export { redosHazard } from './redos-hazard.js';
export { regexCacheStats, type RegexCacheStats } from './regex-caches.js';
