/**
 * Reading whole files (or standard input) with a size cap, strict UTF-8 and errors that
 * say what to do. Streaming readers for large backlogs live with the item readers.
 */
import { fstatSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { TriageError } from '../errors.js';

/** The name standard input goes by in messages. */
export const STDIN_NAME = '<stdin>';

export interface ReadOptions {
  /** What the file is, for messages: "principle set", "item file", ... */
  what: string;
  maxBytes: number;
  /** Added to the too-large message. */
  tooLargeHint?: string;
  /** Added to the message for a directory (default: give the path of a file). */
  directoryHint?: string;
  stdin?: NodeJS.ReadableStream;
}

/** Display name of a path argument: `-` is standard input. */
export function displayName(path: string): string {
  return path === '-' ? STDIN_NAME : path;
}

/** Read a file (or `-` for standard input) whole, refusing anything over `maxBytes`. */
export async function readBytes(path: string, options: ReadOptions): Promise<Buffer> {
  if (path === '-') return readStream(options.stdin ?? process.stdin, options);
  const file = path;
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      throw new TriageError('file-unreadable', `${file} is a directory, not a ${options.what}`, {
        position: { file },
        hint: options.directoryHint ?? 'give the path of a file',
      });
    }
    if (info.size > options.maxBytes) throw tooLarge(file, options);
    const bytes = await readAtMost(path, options.maxBytes);
    if (bytes === undefined) throw tooLarge(file, options);
    return bytes;
  } catch (error) {
    throw fileError(error, file, options.what);
  }
}

/** Bytes read at a time by readAtMost. */
const READ_CHUNK = 1024 * 1024;

/**
 * A file's bytes, or `undefined` when it holds more than `maxBytes`. Reading stops at the
 * limit whatever the file's reported size: a device or a pipe (`/dev/zero`, `<(...)`)
 * reports 0 and may never end, and a file can grow while it is read.
 */
export async function readAtMost(path: string, maxBytes: number): Promise<Buffer | undefined> {
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(READ_CHUNK, maxBytes + 1 - size));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return Buffer.concat(chunks, size);
      size += bytesRead;
      if (size > maxBytes) return undefined;
      chunks.push(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
}

/** Turn a Node.js file-system error into a TriageError that says what to do. */
export function fileError(error: unknown, file: string, what: string): unknown {
  if (error instanceof TriageError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const position = { file };
  switch (code) {
    case 'ENOENT':
      return new TriageError('file-not-found', `cannot find ${what} ${file}`, {
        position,
        hint: 'check the path and the current folder',
        cause: error,
      });
    case 'EISDIR':
      return new TriageError('file-unreadable', `${file} is a directory, not a ${what}`, {
        position,
        hint: 'give the path of a file',
        cause: error,
      });
    case 'ENOTDIR':
      return new TriageError('file-not-found', `cannot find ${what} ${file}: part of its path is a file, not a folder`, {
        position,
        hint: 'check the path',
        cause: error,
      });
    case 'ENAMETOOLONG':
      return new TriageError('file-not-found', `cannot find ${what} ${file}: the name is too long for this system`, {
        position,
        hint: 'check the path',
        cause: error,
      });
    case 'EACCES':
    case 'EPERM':
      return new TriageError('file-unreadable', `no permission to read ${file}`, {
        position,
        hint: 'check the file permissions',
        cause: error,
      });
    default:
      return new TriageError('file-unreadable', `cannot read ${file}: ${(error as Error).message}`, {
        position,
        hint: 'check that the file can be read',
        cause: error,
      });
  }
}

/**
 * Refuse a standard input that is a directory (`< folder`). Node reads one as a stream that
 * ends at once, which would pass for an empty file.
 */
export function refuseDirectoryStdin(stdin: NodeJS.ReadableStream): void {
  const fd = (stdin as { fd?: unknown }).fd;
  if (typeof fd !== 'number') return;
  let directory = false;
  try {
    directory = fstatSync(fd).isDirectory();
  } catch {
    return;
  }
  if (directory) {
    throw new TriageError('file-unreadable', 'standard input is a directory, not a file', {
      position: { file: STDIN_NAME },
      hint: 'redirect a file into it (< backlog.csv), or name the file instead of -',
    });
  }
}

async function readStream(stream: NodeJS.ReadableStream, options: ReadOptions): Promise<Buffer> {
  refuseDirectoryStdin(stream);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > options.maxBytes) throw tooLarge(STDIN_NAME, options);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** A file over the limit of its kind: callers that report it as a finding tell it apart by its class. */
export class TooLargeError extends TriageError {}

function tooLarge(file: string, options: ReadOptions): TriageError {
  return new TooLargeError('file-unreadable', `${file} is larger than ${sizeText(options.maxBytes)}, the limit for a ${options.what}`, {
    position: { file },
    hint: options.tooLargeHint ?? `check that it is the ${options.what} you meant`,
  });
}

/** A size limit in words: `20 MB`, `256 KB`. */
function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * Decode UTF-8 strictly: invalid bytes are an error naming the line, never silently
 * replaced. A leading byte-order mark is dropped.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  refuseUtf16WithoutMark(bytes, file);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const { line, column } = lineColumnOfByte(bytes, offset);
    throw new TriageError('file-unreadable', `${file} is not valid UTF-8 (byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')})`, {
      position: { file, line, column },
      hint: 'save it as UTF-8, or give its encoding with --encoding (latin1, windows-1252, utf16le)',
    });
  }
}

/** Offset of the first byte that breaks UTF-8, or the length when all is valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += need + 1;
  }
  return i;
}

/** 1-based line and column (in characters, roughly) of a byte offset. */
function lineColumnOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const before = Buffer.from(bytes.subarray(lineStart, offset)).toString('utf8');
  return { line, column: [...before].length + 1 };
}

/** Bytes looked at to tell UTF-16 without a byte-order mark. */
export const UTF16_SNIFF_BYTES = 64;

/**
 * UTF-16 saved without a byte-order mark: in text that is mostly ASCII, every other byte is 0
 * (the odd ones for little-endian). Read as UTF-8 it is "valid", with a NUL between every two
 * letters, and every later message would be about columns and ids nobody wrote. `undefined`
 * when the bytes do not look so, or start with a mark (which says for itself).
 */
export function utf16WithoutMark(bytes: Uint8Array): 'utf16le' | 'utf16be' | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return undefined;
  const pairs = Math.floor(Math.min(bytes.length, UTF16_SNIFF_BYTES) / 2);
  if (pairs < 2) return undefined;
  let little = 0;
  let big = 0;
  for (let k = 0; k < pairs; k++) {
    const even = bytes[2 * k] as number;
    const odd = bytes[2 * k + 1] as number;
    if (even !== 0 && odd === 0) little++;
    else if (even === 0 && odd !== 0) big++;
  }
  if (little * 4 >= pairs * 3) return 'utf16le';
  if (big * 4 >= pairs * 3) return 'utf16be';
  return undefined;
}

/** Refuse UTF-16 without a byte-order mark, saying which it looks like and how to read it. */
export function refuseUtf16WithoutMark(bytes: Uint8Array, file: string, canUseEncoding = true): void {
  const looks = utf16WithoutMark(bytes);
  if (looks === undefined) return;
  const name = looks === 'utf16le' ? 'UTF-16LE' : 'UTF-16 big-endian';
  const hint =
    looks === 'utf16le' && canUseEncoding
      ? 'read it with --encoding utf16le, or save it as UTF-8'
      : 'save it as UTF-8 (or as UTF-16LE with a byte-order mark, "Unicode text")';
  throw new TriageError('file-unreadable', `${file} looks like ${name} text without a byte-order mark (every other byte is 0), not UTF-8`, {
    position: { file, line: 1, column: 1 },
    hint,
  });
}
