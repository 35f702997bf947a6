/**
 * Where results go: standard output, or a file written atomically. A file is written to a
 * temporary sibling and renamed into place only when everything succeeded, so a failed run
 * never leaves a half-written file and never touches the file that was there before.
 */
import { rmSync } from 'node:fs';
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TriageError } from '../errors.js';
import { syncFolder, tempPathFor, writeAll, writeError } from './atomic.js';

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
  const temp = tempPathFor(path);
  let handle: FileHandle;
  try {
    handle = await open(temp, 'wx', existing ? existing.mode & 0o777 : 0o644);
  } catch (error) {
    throw writeError(error, path);
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
        await writeAll(handle, Buffer.from(text, 'utf8'));
      } catch (error) {
        throw writeError(error, path);
      }
    },
    async commit() {
      try {
        await handle.sync();
        await close();
        await rename(temp, path);
      } catch (error) {
        await rm(temp, { force: true });
        throw writeError(error, path);
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
// SIGHUP: the terminal closed, or the SSH session dropped.
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

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

/** Write straight to something that is not a regular file: there is no old content to protect. */
async function inPlaceOutput(path: string): Promise<Output> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'w');
  } catch (error) {
    throw writeError(error, path);
  }
  return {
    toFile: true,
    async write(text) {
      try {
        await handle.write(text);
      } catch (error) {
        throw writeError(error, path);
      }
    },
    commit: () => handle.close(),
    abort: () => handle.close(),
  };
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
