/** Why a file could not be read or written, in words (never a bare errno code). */
export function errnoWords(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return 'it does not exist';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'it is a folder';
    case 'ENOTDIR': return 'a part of its path is a file, not a folder';
    case 'EROFS': return 'the file system is read-only';
    case 'ENOSPC': return 'the disk is full';
    case 'EDQUOT': return 'the disk quota is used up';
    case 'EEXIST': return 'it already exists';
    case 'ELOOP': return 'too many symbolic links';
    case 'ENAMETOOLONG': return 'the name is too long';
    case 'EMFILE':
    case 'ENFILE': return 'too many open files';
    default: return code !== undefined ? `system error ${code}` : e instanceof Error ? e.message : String(e);
  }
}
