/** Longest piece of a source value echoed in a message: a 5 MB number must not come back on one line. */
export const MAX_ECHO = 80;

/** `text`, or its first MAX_ECHO characters and how long it was. */
export function clip(text: string): string {
  return text.length <= MAX_ECHO ? text : `${text.slice(0, MAX_ECHO)}… (${text.length.toLocaleString('en-US')} chars)`;
}
