/**
 * Where results go: standard output, or a file written atomically. A file is written to a
 * temporary sibling and renamed into place only when everything succeeded, so a failed run
 * never leaves a half-written file and never touches the file that was there before.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TriageError } from '../errors.js';

export interface Output {
  write(text: string): Promise<void>;
  /** Finish: for a file, sync and rename into place. */
  commit(): Promise<void>;
  /** Give up: for a file, remove the temporary file and leave any old file as it was. */
  abort(): Promise<void>;
  /** True when writing to a file rather than standard output. */
  readonly toFile: boolean;
}

/** Standard output, with backpressure. */
export function stdoutOutput(stdout: NodeJS.WritableStream): Output {
  return {
    write: (text) => writeText(stdout, text),
    commit: async () => undefined,
    abort: async () => undefined,
    toFile: false,
  };
}

/** Open `path` for an atomic write (or standard output for `-` / undefined). */
export async function openOutput(path: string | undefined, stdout: NodeJS.WritableStream): Promise<Output> {
  if (path === undefined || path === '-') return stdoutOutput(stdout);
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) {
    throw new TriageError('output', `cannot write to ${path}: it is a directory`, {
      position: { file: path },
      hint: 'give a file name, e.g. -o report.html',
    });
  }
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: FileHandle;
  try {
    handle = await open(temp, 'wx', existing ? existing.mode & 0o777 : 0o644);
  } catch (error) {
    throw outputError(error, path);
  }
  let closed = false;
  const close = async (): Promise<void> => {
    if (!closed) {
      closed = true;
      await handle.close();
    }
  };
  return {
    toFile: true,
    async write(text) {
      try {
        await handle.write(text);
      } catch (error) {
        throw outputError(error, path);
      }
    },
    async commit() {
      try {
        await handle.sync();
        await close();
        await rename(temp, path);
      } catch (error) {
        await rm(temp, { force: true });
        throw outputError(error, path);
      }
      await syncFolder(dirname(path));
    },
    async abort() {
      await close().catch(() => undefined);
      await rm(temp, { force: true });
    },
  };
}

/** Make the rename durable; best effort, as not every file system allows it. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some systems cannot fsync a directory; the rename itself has still happened.
  }
}

function outputError(error: unknown, path: string): TriageError {
  if (error instanceof TriageError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const position = { file: path };
  switch (code) {
    case 'ENOENT':
      return new TriageError('output', `cannot write ${path}: its folder does not exist`, {
        position,
        hint: 'create the folder first, or choose another path',
        cause: error,
      });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new TriageError('output', `no permission to write ${path}`, {
        position,
        hint: 'choose a folder you can write to',
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
      return new TriageError('output', `cannot write to ${path}: it is a directory`, { position, cause: error });
    default:
      return new TriageError('output', `cannot write ${path}: ${(error as Error).message}`, { position, cause: error });
  }
}

/** Write text and wait when the stream asks us to (backpressure). */
export async function writeText(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (text === '') return;
  if (!stream.write(text)) {
    await new Promise<void>((resolve) => {
      const done = (): void => {
        stream.off('drain', done);
        stream.off('close', done);
        stream.off('error', done);
        resolve();
      };
      stream.once('drain', done);
      stream.once('close', done);
      stream.once('error', done);
    });
  }
}
