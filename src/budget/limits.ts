/**
 * Nesting that preflight follows when it decodes or checks a file: records inside records,
 * including recursive types (a tree through `repeat`, a cycle through `at`). Deeper structure is
 * a DECODE_BUDGET finding at the path where work stopped. 200 levels is far beyond any real
 * format and keeps the decoder's and the checks' recursion well inside Node's default stack.
 */
export const MAX_NESTING = 200;
