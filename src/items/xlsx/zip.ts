/**
 * Reading the parts of a zip file (an .xlsx workbook is one) without trusting it. The
 * central directory at the end is read first, and every entry checked before a byte of it
 * is inflated: a known method, not encrypted, not named twice, inside the file, and a
 * declared size within the caller's limit. Inflating then stops the moment the output passes
 * the declared size, so a directory that lies about sizes buys nothing; the output's length
 * and CRC must match the declaration at the end. Only the entries asked for are read: a
 * macro project (vbaProject.bin), external links and anything else are never touched.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { TriageError } from '../../errors.js';
import { crc32 } from '../../io/crc32.js';
import { MAX_DIRECTORY_BYTES, MAX_ZIP_ENTRIES } from './limits.js';

/** Random access to the bytes of a file, or of a buffer already read. */
export interface ByteSource {
  readonly size: number;
  read(position: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

/** A file read piece by piece at the offsets asked for. */
export async function fileBytes(path: string): Promise<ByteSource> {
  const handle: FileHandle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return {
      size,
      async read(position, length) {
        const buffer = Buffer.alloc(length);
        let done = 0;
        while (done < length) {
          const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return done === length ? buffer : buffer.subarray(0, done);
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Bytes held in memory (a workbook from standard input). */
export function bufferBytes(bytes: Buffer): ByteSource {
  return {
    size: bytes.length,
    read: async (position, length) => bytes.subarray(position, Math.min(bytes.length, position + length)),
    close: async () => undefined,
  };
}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  compressedSize: number;
  /** The uncompressed size the directory declares. */
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_BYTES = 22;
/** The end record, plus a comment of at most 65,535 bytes. */
const TAIL_BYTES = EOCD_BYTES + 0xffff;
const MAX32 = 0xffffffff;

/** A zip file's first bytes, to tell a workbook from what it is not. */
export function zipSignature(head: Uint8Array): 'zip' | 'ole' | 'other' {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (ole.every((b, k) => head[k] === b)) return 'ole';
  return 'other';
}

/** The entries of a zip, by name, checked as the file's comment says. */
export async function readZipDirectory(source: ByteSource, file: string): Promise<Map<string, ZipEntry>> {
  const head = await source.read(0, 8);
  const kind = zipSignature(head);
  if (kind === 'ole') {
    throw damaged(
      file,
      'is a password-protected workbook or an Excel 97-2003 (.xls) file, which cannot be read',
      'open it in Excel and save it as an .xlsx workbook without a password',
    );
  }
  if (kind !== 'zip')
    throw damaged(file, 'is not an Excel workbook (an .xlsx file is a zip archive, and this is not one)', 'save the sheet from Excel as .xlsx, or as CSV');
  const tailStart = Math.max(0, source.size - TAIL_BYTES);
  const tail = await source.read(tailStart, source.size - tailStart);
  const at = findEnd(tail);
  if (at < 0) throw damaged(file, 'is a damaged zip: its central directory cannot be found (the file may be cut short)');
  if (tail.readUInt16LE(at + 4) !== 0 || tail.readUInt16LE(at + 6) !== 0) throw damaged(file, 'is a zip split across several files, which is not supported');
  let count = tail.readUInt16LE(at + 10);
  let directorySize = tail.readUInt32LE(at + 12);
  let directoryOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || directorySize === MAX32 || directoryOffset === MAX32) {
    ({ count, directorySize, directoryOffset } = await zip64End(source, tailStart + at, file));
  }
  if (count > MAX_ZIP_ENTRIES)
    throw damaged(file, `holds ${count.toLocaleString('en-GB')} zip entries, more than the limit of ${MAX_ZIP_ENTRIES.toLocaleString('en-GB')} for a workbook`);
  if (directorySize > MAX_DIRECTORY_BYTES || directoryOffset + directorySize > source.size) {
    throw damaged(file, 'is a damaged zip: its central directory lies outside the file');
  }
  const directory = await source.read(directoryOffset, directorySize);
  return parseDirectory(directory, count, directoryOffset, file);
}

function findEnd(tail: Buffer): number {
  for (let k = tail.length - EOCD_BYTES; k >= 0; k--) {
    if (tail.readUInt32LE(k) === EOCD && k + EOCD_BYTES + tail.readUInt16LE(k + 20) <= tail.length) return k;
  }
  return -1;
}

async function zip64End(source: ByteSource, eocdOffset: number, file: string): Promise<{ count: number; directorySize: number; directoryOffset: number }> {
  const locatorAt = eocdOffset - 20;
  const locator = locatorAt >= 0 ? await source.read(locatorAt, 20) : Buffer.alloc(0);
  if (locator.length < 20 || locator.readUInt32LE(0) !== ZIP64_LOCATOR) throw damaged(file, 'is a damaged zip: its ZIP64 directory cannot be found');
  const recordAt = safeNumber(locator.readBigUInt64LE(8), file);
  const record = await source.read(recordAt, 56);
  if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD) throw damaged(file, 'is a damaged zip: its ZIP64 directory cannot be found');
  return {
    count: safeNumber(record.readBigUInt64LE(32), file),
    directorySize: safeNumber(record.readBigUInt64LE(40), file),
    directoryOffset: safeNumber(record.readBigUInt64LE(48), file),
  };
}

function safeNumber(value: bigint, file: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw damaged(file, 'is a damaged zip: a size or offset is out of range');
  return Number(value);
}

function parseDirectory(directory: Buffer, count: number, directoryOffset: number, file: string): Map<string, ZipEntry> {
  const entries = new Map<string, ZipEntry>();
  let k = 0;
  for (let n = 0; n < count; n++) {
    if (k + 46 > directory.length || directory.readUInt32LE(k) !== CENTRAL) throw damaged(file, 'is a damaged zip: its central directory is cut short');
    const flags = directory.readUInt16LE(k + 8);
    const method = directory.readUInt16LE(k + 10);
    const crc = directory.readUInt32LE(k + 16);
    let compressedSize = directory.readUInt32LE(k + 20);
    let size = directory.readUInt32LE(k + 24);
    const nameLength = directory.readUInt16LE(k + 28);
    const extraLength = directory.readUInt16LE(k + 30);
    const commentLength = directory.readUInt16LE(k + 32);
    let localOffset = directory.readUInt32LE(k + 42);
    const end = k + 46 + nameLength + extraLength + commentLength;
    if (end > directory.length) throw damaged(file, 'is a damaged zip: its central directory is cut short');
    const name = directory.toString('utf8', k + 46, k + 46 + nameLength);
    const extra = directory.subarray(k + 46 + nameLength, k + 46 + nameLength + extraLength);
    if (size === MAX32 || compressedSize === MAX32 || localOffset === MAX32) {
      ({ size, compressedSize, localOffset } = zip64Sizes(extra, { size, compressedSize, localOffset }, file));
    }
    k = end;
    if (name.endsWith('/')) continue; // a folder
    if (entries.has(name)) throw damaged(file, `holds two zip entries named "${name}", so which one is meant is unclear: refusing an ambiguous file`);
    if (flags & 0x1) throw damaged(file, `is encrypted ("${name}")`, 'save it from Excel without a password');
    if (method !== 0 && method !== 8)
      throw damaged(file, `uses a compression method (${method}) workbooks do not use, for "${name}"`, 'save it again from Excel');
    if (localOffset + compressedSize > directoryOffset) throw damaged(file, `is a damaged zip: the entry "${name}" lies outside the file`);
    entries.set(name, { name, method, crc, compressedSize, size, localOffset });
  }
  return entries;
}

/** The ZIP64 extra field's values, for those the fixed fields mark as too large. */
function zip64Sizes(extra: Buffer, fixed: { size: number; compressedSize: number; localOffset: number }, file: string): typeof fixed {
  let k = 0;
  while (k + 4 <= extra.length) {
    const id = extra.readUInt16LE(k);
    const length = extra.readUInt16LE(k + 2);
    if (id === 0x0001) {
      const values = { ...fixed };
      let at = k + 4;
      const next = (): number => {
        if (at + 8 > k + 4 + length) throw damaged(file, 'is a damaged zip: a ZIP64 field is cut short');
        const value = safeNumber(extra.readBigUInt64LE(at), file);
        at += 8;
        return value;
      };
      if (fixed.size === MAX32) values.size = next();
      if (fixed.compressedSize === MAX32) values.compressedSize = next();
      if (fixed.localOffset === MAX32) values.localOffset = next();
      return values;
    }
    k += 4 + length;
  }
  throw damaged(file, 'is a damaged zip: a ZIP64 size is missing');
}

/** Bytes of compressed data read at a time. */
const READ_BYTES = 64 * 1024;

/**
 * An entry's uncompressed bytes, a chunk at a time, refusing more than `limit` (checked on the
 * declared size first). `onCompressed` hears how many compressed bytes have been read so far.
 */
export async function* entryBytes(
  source: ByteSource,
  entry: ZipEntry,
  file: string,
  limit: { bytes: number; what: string },
  onCompressed?: (bytes: number) => void,
): AsyncGenerator<Buffer> {
  if (entry.size > limit.bytes) throw tooLarge(file, entry, limit);
  const local = await source.read(entry.localOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL)
    throw damaged(file, `is a damaged zip: the entry "${entry.name}" cannot be found where its directory says`);
  const localName = (await source.read(entry.localOffset + 30, local.readUInt16LE(26))).toString('utf8');
  if (localName !== entry.name) throw damaged(file, `is a damaged zip: the entry "${entry.name}" has another name ("${localName}") where it is stored`);
  const dataStart = entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (dataStart + entry.compressedSize > source.size) throw damaged(file, `is a damaged zip: the entry "${entry.name}" is cut short`);
  const compressed = compressedChunks(source, dataStart, entry.compressedSize, onCompressed);
  const inflated = entry.method === 0 ? compressed : inflate(compressed, entry, file);
  let total = 0;
  let crc = 0;
  for await (const chunk of inflated) {
    total += chunk.length;
    // Stop at the declared size: a directory that understates it gains nothing.
    if (total > entry.size)
      throw damaged(file, `is a damaged or hostile zip: "${entry.name}" inflates to more than the ${entry.size.toLocaleString('en-GB')} bytes it declares`);
    crc = crc32(chunk, crc);
    yield chunk;
  }
  if (total !== entry.size)
    throw damaged(
      file,
      `is a damaged zip: "${entry.name}" holds ${total.toLocaleString('en-GB')} bytes, not the ${entry.size.toLocaleString('en-GB')} it declares`,
    );
  if (crc !== entry.crc) throw damaged(file, `is a damaged zip: the checksum of "${entry.name}" does not match`);
}

async function* compressedChunks(source: ByteSource, start: number, length: number, onCompressed?: (bytes: number) => void): AsyncGenerator<Buffer> {
  for (let done = 0; done < length;) {
    const chunk = await source.read(start + done, Math.min(READ_BYTES, length - done));
    if (chunk.length === 0) break;
    done += chunk.length;
    onCompressed?.(done);
    yield chunk;
  }
}

/**
 * Raw deflate, streamed: the compressed chunks are piped through zlib, which reads more only
 * as its output is taken, so no more than a chunk or two is ever held.
 */
async function* inflate(compressed: AsyncIterable<Buffer>, entry: ZipEntry, file: string): AsyncGenerator<Buffer> {
  const inflater = zlib.createInflateRaw();
  const source = Readable.from(compressed, { objectMode: false });
  source.on('error', (error) => inflater.destroy(error));
  source.pipe(inflater);
  try {
    for await (const chunk of inflater) yield chunk as Buffer;
  } catch (error) {
    if (error instanceof TriageError) throw error;
    throw damaged(file, `is a damaged zip: "${entry.name}" cannot be inflated (${(error as Error).message})`);
  } finally {
    source.destroy();
    inflater.destroy();
  }
}

function tooLarge(file: string, entry: ZipEntry, limit: { bytes: number; what: string }): TriageError {
  const mb = (bytes: number): string => `${Math.round(bytes / 1024 / 1024).toLocaleString('en-GB')} MB`;
  return damaged(
    file,
    `has ${limit.what} that unpacks to ${mb(entry.size)} ("${entry.name}"), more than the limit of ${mb(limit.bytes)}`,
    'a backlog this large streams better as CSV: save the sheet as CSV from Excel',
  );
}

/** A workbook that cannot be read: one line naming the file, and the way out. */
export function damaged(file: string, what: string, hint = 'open it in Excel and save it again, or save the sheet as CSV'): TriageError {
  return new TriageError('syntax', `${file} ${what}`, { position: { file }, hint });
}
