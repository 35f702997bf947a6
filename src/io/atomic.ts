/**
 * Writing a file without loss: a temporary sibling of the real target (links followed)
 * created exclusively, every byte written and synced, renamed over the target, then the
 * folder synced. A crash leaves the old file or the new one, never half of one. A device, a
 * FIFO or `/dev/stdout` is written in place instead, and a file the user may not write is
 * refused (io/target.ts). Used by `-o` outputs, `init` and the decisions store.
 */
import { randomBytes } from 'node:crypto';
import { constants, rmSync, writeSync } from 'node:fs';
import { copyFile, link, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { untilDone } from './cleanup.js';
import { writeTarget, type TargetOptions, type WriteTarget } from './target.js';
import { writeError } from './write-error.js';

export { writeError } from './write-error.js';

/** A fresh temporary path in the same folder as `path` (so the rename stays on one disk). */
export function tempPathFor(path: string, suffix = 'tmp'): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.${suffix}`);
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

/** `writeAll`, blocking: see PendingFile.write for why. */
function writeAllSync(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) {
    const written = writeSync(fd, bytes, offset, bytes.length - offset);
    if (written === 0) throw Object.assign(new Error('no bytes could be written'), { code: 'EIO' });
    offset += written;
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

export interface PendingOptions extends TargetOptions {
  /** The way out when the file may not be written (default: choose a folder you can write to). */
  permissionHint?: string;
}

/**
 * A file being written. Bytes go to a temporary sibling of the real target until `commit`
 * renames it over the target; `abort`, or the process ending first, removes it. A device or
 * `/dev/stdout` is written straight into.
 */
export class PendingFile {
  private closed = false;
  private prepared = false;
  private constructor(
    /** The path as given, for messages. */
    readonly shown: string,
    private readonly target: WriteTarget,
    private readonly handle: FileHandle,
    /** The temporary file, or `undefined` when writing in place. */
    private readonly temp: string | undefined,
    private readonly release: () => void,
    private readonly hint: string | undefined,
  ) {}

  /** Open `path` for writing, deciding first where the bytes really go. */
  static async open(path: string, options: PendingOptions = {}): Promise<PendingFile> {
    if (path === '') throw writeError(new Error('no name'), path);
    const target = await writeTarget(path, options);
    if (target.kind === 'in-place') {
      let handle: FileHandle;
      try {
        handle = await open(path, 'w');
      } catch (error) {
        throw writeError(error, path, options.permissionHint);
      }
      return new PendingFile(path, target, handle, undefined, () => undefined, options.permissionHint);
    }
    const temp = tempPathFor(target.path);
    // Registered first: a signal between the file's creation and the registration would leave it.
    const release = untilDone(() => rmSync(temp, { force: true }));
    let handle: FileHandle;
    try {
      handle = await open(temp, 'wx', target.mode ?? 0o644);
    } catch (error) {
      release();
      throw writeError(error, path, options.permissionHint);
    }
    return new PendingFile(path, target, handle, temp, release, options.permissionHint);
  }

  /** True when the bytes go straight to a device, a pipe or a descriptor, not to a file replaced at the end. */
  get inPlace(): boolean {
    return this.temp === undefined;
  }

  /** The file that `commit` replaces (links resolved); the path as given when writing in place. */
  get realPath(): string {
    return this.target.path;
  }

  async write(bytes: Uint8Array): Promise<void> {
    try {
      if (this.temp !== undefined) writeAllSync(this.handle.fd, bytes);
      else await writeAll(this.handle, bytes);
    } catch (error) {
      throw writeError(error, this.shown, this.hint);
    }
  }

  /** Everything written, synced and closed: only the rename is left (which `commit` does). */
  async prepare(): Promise<void> {
    if (this.prepared) return;
    try {
      if (this.temp !== undefined) await this.handle.sync();
      await this.close();
      this.prepared = true;
    } catch (error) {
      await this.abort();
      throw writeError(error, this.shown, this.hint);
    }
  }

  /** Put the file in place. A failure leaves the target as it was and no temporary file. */
  async commit(): Promise<void> {
    await this.prepare();
    await this.rename();
    if (this.temp !== undefined) await syncFolder(dirname(this.target.path));
  }

  /** Give up: remove the temporary file and leave the target as it was. */
  async abort(): Promise<void> {
    await this.close().catch(() => undefined);
    if (this.temp !== undefined) await rm(this.temp, { force: true });
    this.release();
  }

  /** The rename alone (after `prepare`); on failure the temporary file is removed. */
  async rename(): Promise<void> {
    if (this.temp === undefined) return;
    try {
      await rename(this.temp, this.target.path);
      this.release();
    } catch (error) {
      await this.abort();
      throw writeError(error, this.shown, this.hint);
    }
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }
}

/**
 * Commit several files as one: every file is written and synced before any is renamed, and if
 * a rename fails, those already renamed are put back as they were (the old file restored from
 * a hard link kept until the end, or a new file removed). `init` writes both of its files or
 * neither.
 */
export async function commitTogether(files: readonly PendingFile[]): Promise<void> {
  try {
    for (const file of files) await file.prepare();
  } catch (error) {
    for (const file of files) await file.abort();
    throw error;
  }
  // Files renamed into place so far, each with a copy of what it replaced.
  const done: Array<{ file: PendingFile; backup: string | undefined }> = [];
  try {
    for (const file of files) {
      const backup = file.inPlace ? undefined : await keepOld(file.realPath);
      try {
        await file.rename();
      } catch (error) {
        if (backup !== undefined) await rm(backup, { force: true });
        throw error;
      }
      done.push({ file, backup });
    }
  } catch (error) {
    for (const { file, backup } of done.reverse()) {
      if (backup !== undefined) await rename(backup, file.realPath).catch(() => undefined);
      else if (!file.inPlace) await rm(file.realPath, { force: true });
    }
    for (const file of files) await file.abort();
    throw error;
  }
  for (const { backup } of done) if (backup !== undefined) await rm(backup, { force: true });
  for (const folder of new Set(files.filter((f) => !f.inPlace).map((f) => dirname(f.realPath)))) await syncFolder(folder);
}

/**
 * A second name for the file now at `path`, so it survives the rename: a hard link, or a copy
 * where the file system has no links. `undefined` when there is no file.
 */
async function keepOld(path: string): Promise<string | undefined> {
  const backup = tempPathFor(path, 'old');
  try {
    await link(path, backup);
    return backup;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
  }
  try {
    await copyFile(path, backup, constants.COPYFILE_EXCL);
    return backup;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw writeError(error, path);
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
  const file = await PendingFile.open(path, options.permissionHint !== undefined ? { permissionHint: options.permissionHint } : {});
  try {
    await file.write(bytes);
    await file.prepare();
    await options.beforeRename?.();
  } catch (error) {
    await file.abort();
    throw error;
  }
  await file.commit();
}
