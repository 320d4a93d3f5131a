/** Characters a POSIX shell takes literally in a word: such a word needs no quotes. */
const PLAIN = /^[A-Za-z0-9_./:@%+=,-]+$/;

/**
 * One shell word (POSIX sh): single-quoted unless every character is plain, with each `'`
 * written as `'\''`. Inside single quotes nothing is special, so the word is exactly `arg`.
 */
export function shellQuote(arg: string): string {
  if (PLAIN.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The sidecar's `command` field: the replay command line for a reproducer. */
export function replayCommand(binPath: string): string {
  return `preflight replay ${shellQuote(binPath)}`;
}
