export { re2Check, re2SyntaxError, type Re2Check } from './re2-syntax-error.js';
export { redosHazard } from './redos-hazard.js';
export { regexCacheStats, type RegexCacheStats } from './regex-caches.js';
