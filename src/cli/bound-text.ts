/** An echoed value longer than this is cut, and its length said instead. */
export const MAX_ECHO = 200;

/** A message as a whole is never longer than this on the terminal. */
const MAX_LINE = 2000;

/**
 * A value from the user or from a file, safe to echo in a one-line message: control characters
 * (newlines included) made visible, and anything longer than MAX_ECHO cut with its length
 * (a 5 MB number in a source must not come back as a 5 MB line).
 */
export function boundValue(value: string): string {
  const visible = escapeControls(value);
  if (visible.length <= MAX_ECHO) return visible;
  return `${visible.slice(0, MAX_ECHO)}… (${formatThousands(value.length)} characters)`;
}

/**
 * A whole error message as one bounded line. Messages from other modules may quote a value
 * unbounded: every run of non-space characters longer than MAX_ECHO is cut the same way, and
 * a multi-line message (a YAML code frame) keeps its first line.
 */
export function oneLine(message: string): string {
  const first = message.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  // Split on spaces rather than a /\S{201,}/ regex: V8 takes seconds for that one on a 5 MB run.
  const bounded = escapeControls(first).split(/(\s+)/).map((run) => (run.length > MAX_ECHO ? `${run.slice(0, MAX_ECHO)}… (${formatThousands(run.length)} characters)` : run)).join('');
  return bounded.length <= MAX_LINE ? bounded : `${bounded.slice(0, MAX_LINE)}… (${formatThousands(bounded.length)} characters)`;
}

function escapeControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function formatThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
