/**
 * Where results go: standard output, or a file written atomically. A file is written to a
 * temporary sibling and renamed into place only when everything succeeded, so a failed run
 * never leaves a half-written file and never touches the file that was there before.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
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
  // A device or a named pipe (-o /dev/null, -o /dev/stderr) is written in place: renaming a
  // temporary file over it would replace the device itself with a plain file.
  if (existing && !existing.isFile()) return inPlaceOutput(path);
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: FileHandle;
  try {
    handle = await open(temp, 'wx', existing ? existing.mode & 0o777 : 0o644);
  } catch (error) {
    throw outputError(error, path);
  }
  holdTemp(temp);
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
        await writeAll(handle, text);
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
      } finally {
        releaseTemp(temp);
      }
      await syncFolder(dirname(path));
    },
    async abort() {
      await close().catch(() => undefined);
      await rm(temp, { force: true });
      releaseTemp(temp);
    },
  };
}

/**
 * Temporary files not yet renamed or removed. Ctrl-C (or a SIGTERM from a CI runner) would
 * otherwise end the process before `abort` runs and leave them behind: remove them first,
 * then let the signal end the process as it would have.
 */
const pendingTemps = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

function holdTemp(temp: string): void {
  if (pendingTemps.size === 0) for (const signal of SIGNALS) process.once(signal, removeTempsAndResignal);
  pendingTemps.add(temp);
}

function releaseTemp(temp: string): void {
  pendingTemps.delete(temp);
  if (pendingTemps.size === 0) for (const signal of SIGNALS) process.removeListener(signal, removeTempsAndResignal);
}

function removeTempsAndResignal(signal: NodeJS.Signals): void {
  for (const temp of pendingTemps) rmSync(temp, { force: true });
  pendingTemps.clear();
  for (const other of SIGNALS) process.removeListener(other, removeTempsAndResignal);
  // With our listener gone the signal's default action applies: the process ends as interrupted.
  process.kill(process.pid, signal);
}

/**
 * Write every byte. One `write` may write only part (at a file-size limit, or as a disk
 * fills) and still succeed; the next one then reports the error. A single write would let a
 * truncated report be renamed into place as if it were whole.
 */
async function writeAll(handle: FileHandle, text: string): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    if (bytesWritten === 0) throw Object.assign(new Error('no bytes could be written'), { code: 'EIO' });
    offset += bytesWritten;
  }
}

/** Write straight to something that is not a regular file: there is no old content to protect. */
async function inPlaceOutput(path: string): Promise<Output> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'w');
  } catch (error) {
    throw outputError(error, path);
  }
  return {
    toFile: true,
    async write(text) {
      try {
        await handle.write(text);
      } catch (error) {
        throw outputError(error, path);
      }
    },
    commit: () => handle.close(),
    abort: () => handle.close(),
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
