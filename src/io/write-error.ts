/** File-system errors met while writing, as one line that says what to do. */
import { TriageError } from '../errors.js';

/** A file-system error while writing `path`, as one line that says what to do. */
export function writeError(error: unknown, path: string, permissionHint = 'choose a folder you can write to'): TriageError {
  if (error instanceof TriageError) return error;
  if (path === '') return new TriageError('usage', 'no file name given to write to', { hint: 'name a file, e.g. -o report.html' });
  const code = (error as NodeJS.ErrnoException).code;
  const position = { file: path };
  switch (code) {
    case 'ENOTDIR':
      return new TriageError('output', `cannot write ${path}: part of its path is a file, not a folder`, {
        position,
        hint: 'check the path, or choose another',
        cause: error,
      });
    case 'ENAMETOOLONG':
      return new TriageError('output', `cannot write ${path}: the name is too long for this system`, {
        position,
        hint: 'choose a shorter name',
        cause: error,
      });
    case 'ENOENT':
      return new TriageError('output', `cannot write ${path}: its folder does not exist`, {
        position,
        hint: 'create the folder first, or choose another path',
        cause: error,
      });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new TriageError('output', `no permission to write ${path}`, { position, hint: permissionHint, cause: error });
    case 'EFBIG':
      return new TriageError('output', 'the file would be larger than this system allows; nothing was written', {
        position,
        hint: 'raise the file size limit (ulimit -f), or choose a more compact format such as csv',
        cause: error,
      });
    case 'ENOSPC':
    case 'EDQUOT':
      return new TriageError('output', `the disk is full while writing ${path}; nothing was written`, {
        position,
        hint: 'free some space and run again',
        cause: error,
      });
    case 'EISDIR':
      return new TriageError('output', `cannot write to ${path}: it is a directory`, { position, hint: 'give a file name, e.g. -o report.html', cause: error });
    default:
      return new TriageError('output', `cannot write ${path}: ${(error as Error).message}`, {
        position,
        hint: 'check the path, and that its folder can be written to',
        cause: error,
      });
  }
}
