/** Longest pattern excerpt a reason quotes: reasons are read in one-line reports. */
const MAX_QUOTE_LENGTH = 40;

/** The excerpt source[start, end), shortened with an ellipsis when long. */
export function quotePattern(source: string, start: number, end: number): string {
  const excerpt = source.slice(Math.max(0, start), Math.max(start, end));
  if (excerpt.length <= MAX_QUOTE_LENGTH) return excerpt;
  return `${excerpt.slice(0, MAX_QUOTE_LENGTH - 1)}…`;
}
