import { describe, expect, it } from 'vitest';
import { CommandSyntaxError, splitCommand, takesFile, withFile } from '../../src/exec/argv.js';

describe('--exec commands are split by preflight, never by a shell', () => {
  it('splits on blanks and keeps quoted words whole', () => {
    expect(splitCommand('  ./consumer  profile.yaml @@ ')).toEqual(['./consumer', 'profile.yaml', '@@']);
    expect(splitCommand(`a 'b c' "d \\" e" f\\ g`)).toEqual(['a', 'b c', 'd " e', 'f g']);
    expect(splitCommand(`x 'it''s'`)).toEqual(['x', 'its']);
    expect(splitCommand('x ""')).toEqual(['x', '']);
  });

  it('gives shell syntax no meaning: one word, never two commands or a variable', () => {
    expect(splitCommand('c a;rm -rf / $HOME `id` | tee >out')).toEqual(['c', 'a;rm', '-rf', '/', '$HOME', '`id`', '|', 'tee', '>out']);
    expect(splitCommand("c '$(id)'")).toEqual(['c', '$(id)']);
  });

  it('refuses what it cannot split', () => {
    expect(() => splitCommand("a 'b")).toThrow(CommandSyntaxError);
    expect(() => splitCommand('a "b')).toThrow(CommandSyntaxError);
    expect(() => splitCommand('a \\')).toThrow(CommandSyntaxError);
    expect(() => splitCommand('   ')).toThrow(CommandSyntaxError);
  });

  it('puts the file path in place of every @@, without re-splitting it', () => {
    const argv = splitCommand('c --in=@@ @@');
    expect(takesFile(argv)).toBe(true);
    expect(withFile(argv, '/tmp/a b;c')).toEqual(['c', '--in=/tmp/a b;c', '/tmp/a b;c']);
    expect(takesFile(splitCommand('c -'))).toBe(false);
  });
});
