/**
 * Writing a file without loss: a temporary sibling created exclusively, every byte written
 * and synced, renamed over the target, then the folder synced. A crash leaves the old file
 * or the new one, never half of one. Used by `-o` outputs and by the decisions store.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TriageError } from '../errors.js';

/** A fresh temporary path in the same folder as `path` (so the rename stays on one disk). */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Write every byte. One `write` may write only part (at a file-size limit, or as a disk
 * fills) and still succeed; the next one then reports the error. A single write would let a
 * truncated file be renamed into place as if it were whole.
 */
export async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    if (bytesWritten === 0) throw Object.assign(new Error('no bytes could be written'), { code: 'EIO' });
    offset += bytesWritten;
  }
}

/** Make a rename durable; best effort, as not every file system can sync a folder. */
export async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The rename itself has still happened.
  }
}

/**
 * Write `bytes` to `path` atomically. `beforeRename` runs after the temporary file is synced
 * and may throw to abandon the write (the decisions store checks nobody else changed the file).
 */
export async function writeFileAtomically(
  path: string,
  bytes: Uint8Array,
  options: { beforeRename?: () => Promise<void>; permissionHint?: string } = {},
): Promise<void> {
  const temp = tempPathFor(path);
  const mode = (await stat(path).catch(() => undefined))?.mode;
  let renamed = false;
  try {
    const handle = await open(temp, 'wx', mode !== undefined ? mode & 0o777 : 0o644);
    try {
      await writeAll(handle, bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.();
    await rename(temp, path);
    renamed = true;
  } catch (error) {
    throw writeError(error, path, options.permissionHint);
  } finally {
    if (!renamed) await rm(temp, { force: true });
  }
  await syncFolder(dirname(path));
}

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
