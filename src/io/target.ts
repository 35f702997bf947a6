/**
 * Where a write really goes, decided before anything is written, as a shell's `>` would:
 * - a symbolic link is followed (every hop, relative links from their own folder), and the
 *   file it ends at is what gets replaced, so the link stays a link and its target is updated;
 * - a character device, a FIFO, a socket, `/dev/stdout` and friends (`/dev/std*`, `/dev/fd/N`,
 *   `/proc/self/fd/N`) are written in place: there is no old content to protect, and renaming
 *   a file over `/dev/stdout` would replace the link for every later program;
 * - an existing file the user may not write (`access(W_OK)`, so root may write a read-only
 *   file as a shell lets root) is refused, and so is a directory;
 * - a file that is also one of the run's inputs is refused (same device and inode), so an
 *   output can never replace the backlog, principle set or decisions it is made from.
 */
import { constants, fstatSync } from 'node:fs';
import { access, lstat, readlink, realpath, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { TriageError } from '../errors.js';
import { writeError } from './write-error.js';

export type WriteTarget =
  /**
   * Write straight into it: open the path as given, or, for this process's own standard output
   * or error (`fd`), write to that stream (opening `/proc/self/fd/1` fails for a socket).
   */
  | { kind: 'in-place'; path: string; fd?: number }
  /** Write a temporary file beside `path` (the real file, links resolved) and rename it over. */
  | { kind: 'replace'; path: string; exists: boolean; mode: number | undefined };

/** Links followed before giving up, as the kernel does (ELOOP). */
const MAX_LINKS = 40;

/** `/dev/stdout`, `/dev/fd/3`, `/proc/self/fd/1`, `/proc/1234/fd/1`: names of open descriptors. */
const DESCRIPTOR = /^\/(?:dev\/(?:stdin|stdout|stderr|fd\/\d+)|proc\/(?:self|thread-self|\d+)\/fd\/\d+)$/;

export interface TargetOptions {
  /** The way out of a refusal for permission (default: choose another file). */
  permissionHint?: string;
  /** What to say when the path is a directory (default: as for `-o`). */
  directory?: { message: string; hint: string };
}

/** Decide how to write `path` (see the file's comment). */
export async function writeTarget(path: string, options: TargetOptions = {}): Promise<WriteTarget> {
  const hint = options.permissionHint ?? 'choose another file';
  if (path === '') throw new TriageError('usage', 'no file name given to write to', { hint: 'name a file, e.g. -o report.html' });
  let current = resolve(path);
  for (let hop = 0; hop <= MAX_LINKS; hop++) {
    if (DESCRIPTOR.test(current)) {
      const fd = ownDescriptor(current);
      return fd === undefined ? { kind: 'in-place', path } : { kind: 'in-place', path, fd };
    }
    let info;
    try {
      info = await lstat(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'replace', path: current, exists: false, mode: undefined };
      throw writeError(error, path);
    }
    if (info.isSymbolicLink()) {
      current = await followLink(current, path);
      continue;
    }
    if (info.isDirectory()) {
      const directory = options.directory ?? { message: `cannot write to ${path}: it is a directory`, hint: 'give a file name, e.g. -o report.html' };
      throw new TriageError('output', directory.message, { position: { file: path }, hint: directory.hint });
    }
    if (!info.isFile()) return { kind: 'in-place', path };
    try {
      await access(current, constants.W_OK);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EACCES' && (error as NodeJS.ErrnoException).code !== 'EROFS') throw writeError(error, path);
      throw new TriageError('output', `cannot write ${path}: you do not have permission to write it`, {
        position: { file: path },
        hint: `make it writable first (chmod u+w), or ${hint}`,
        cause: error,
      });
    }
    return { kind: 'replace', path: current, exists: true, mode: info.mode & 0o777 };
  }
  throw new TriageError('output', `cannot write ${path}: it is a chain of more than ${MAX_LINKS} symbolic links`, {
    position: { file: path },
    hint: 'check where the links point',
  });
}

/** The descriptor of this process that a descriptor path names (`/dev/stdout` is 1), if it is one of ours. */
function ownDescriptor(path: string): number | undefined {
  const named: Record<string, number> = { '/dev/stdin': 0, '/dev/stdout': 1, '/dev/stderr': 2 };
  if (Object.hasOwn(named, path)) return named[path];
  const match = /^\/(?:dev|proc\/(self|thread-self|\d+))\/fd\/(\d+)$/.exec(path);
  if (match === null) return undefined;
  const owner = match[1];
  if (owner !== undefined && owner !== 'self' && owner !== 'thread-self' && Number(owner) !== process.pid) return undefined;
  return Number(match[2]);
}

/** Where the link at `current` points, from the real folder it sits in (so `..` means what the kernel means). */
async function followLink(current: string, shown: string): Promise<string> {
  try {
    const link = await readlink(current);
    const folder = await realpath(dirname(current));
    return resolve(folder, link);
  } catch (error) {
    throw writeError(error, shown);
  }
}

/** An input of the run, as a command names it in a refusal: `{ path: 'backlog.csv', what: 'item file' }`. */
export interface RunInput {
  /** The path as given; `-` is standard input. */
  path: string;
  what: string;
}

/**
 * Refuse to write `shown` when it is the same file as one of `inputs`. Only regular files are
 * compared: two terminals or two pipes are not one file to protect.
 */
export async function refuseInputAsOutput(
  shown: string,
  inputs: readonly RunInput[],
  options: { stdin?: NodeJS.ReadableStream; hint?: string } = {},
): Promise<void> {
  const output = await identity(shown);
  if (output === undefined) return;
  for (const input of inputs) {
    const same = input.path === '-' ? stdinIdentity(options.stdin) : await identity(input.path);
    if (same === undefined || same.dev !== output.dev || same.ino !== output.ino) continue;
    const name = input.path === '-' ? 'standard input' : input.path;
    throw new TriageError('usage', `cannot write ${shown}: it is the ${input.what} ${name} that this run reads, and writing it would replace it`, {
      position: { file: shown },
      hint: options.hint ?? 'write to another file',
    });
  }
}

interface Identity {
  dev: number;
  ino: number;
}

/** Device and inode of a regular file (links followed), or `undefined` for anything else or nothing. */
async function identity(path: string): Promise<Identity | undefined> {
  if (path === '' || path === '-') return undefined;
  const info = await stat(path).catch(() => undefined);
  return info?.isFile() ? { dev: info.dev, ino: info.ino } : undefined;
}

/** Standard input's file, when it is a regular one (`< backlog.csv`). */
function stdinIdentity(stdin: NodeJS.ReadableStream | undefined): Identity | undefined {
  const fd = (stdin as { fd?: unknown } | undefined)?.fd;
  if (typeof fd !== 'number') return undefined;
  try {
    const info = fstatSync(fd);
    return info.isFile() ? { dev: info.dev, ino: info.ino } : undefined;
  } catch {
    return undefined;
  }
}
