/**
 * `--exec "CMD ARGS @@"` split into argv by preflight itself: the command never goes through a
 * shell, so a file name (untrusted: it may come from a fuzzing run's temporary folder or a user's
 * folder) can never become shell syntax. The rules are a small, strict subset of POSIX sh words:
 *
 * - words are separated by unquoted spaces, tabs or newlines;
 * - '...' keeps everything inside literally (no escapes);
 * - "..." keeps everything literally except \" and \\, which stand for " and \;
 * - outside quotes, \ escapes the next character (\  is a space inside a word);
 * - nothing else is special: no $VAR, no globbing, no ~, no ; | & < > (they are plain characters,
 *   so `a;b` is one argument, never two commands).
 *
 * An unterminated quote or a trailing backslash is an error. `@@` as a whole word, or inside a
 * word (--input=@@), is replaced by the input file's path; without any @@ the input goes to stdin.
 */
export class CommandSyntaxError extends Error {}

export function splitCommand(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) throw new CommandSyntaxError(`unterminated ' in the command at character ${i + 1}`);
      word += command.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < command.length && command[j] !== '"'; j++) {
        if (command[j] === '\\' && (command[j + 1] === '"' || command[j + 1] === '\\')) j++;
        word += command[j];
      }
      if (j >= command.length) throw new CommandSyntaxError(`unterminated " in the command at character ${i + 1}`);
      i = j;
    } else if (c === '\\') {
      if (i + 1 >= command.length) throw new CommandSyntaxError('the command ends with a lone backslash');
      word += command[++i];
    } else word += c;
  }
  if (inWord) words.push(word);
  if (words.length === 0) throw new CommandSyntaxError('the command is empty');
  return words;
}

/** Whether any word holds the file placeholder. */
export function takesFile(argv: readonly string[]): boolean {
  return argv.some((w) => w.includes('@@'));
}

/** argv with every @@ replaced by `path`. */
export function withFile(argv: readonly string[], path: string): string[] {
  return argv.map((w) => w.split('@@').join(path));
}
