/**
 * Packs a packaged document's parts (an .xlsx workbook's XML) into a zip, streamed onto an
 * output: each part deflated as its text comes, so memory holds one segment of it at a time
 * whatever the workbook's size. The zip is written front to back with no seeking (each
 * entry's sizes and checksum follow its data), so it can go to a pipe as well as to a file
 * written atomically. The same parts and time give the same bytes: each part is deflated in
 * fixed segments, and every entry carries the run's time rather than the clock's.
 */
import * as zlib from 'node:zlib';
import { TriageError } from '../errors.js';
import { crc32 } from './crc32.js';
import type { Output } from './output.js';

/** Uncompressed bytes deflated at a time; each segment ends on a byte boundary, so they join. */
const SEGMENT_BYTES = 256 * 1024;
/** Text gathered before it is encoded. */
const TEXT_CHARS = 64 * 1024;
const MAX32 = 0xffffffff;
/** The compression level: zlib's default, as Excel's own files. */
const LEVEL = 6;

interface Written {
  name: Buffer;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** An output taking a packaged document's parts (startPart, write) and writing them, zipped, to `target`. */
export function zipOutput(target: Output, time: Date): Output {
  if (!target.writeBytes) throw new Error('the output cannot take bytes');
  const writeBytes = target.writeBytes.bind(target);
  const stamp = dosTime(time);
  const done: Written[] = [];
  let offset = 0;
  let current: PartWriter | undefined;

  const emit = async (bytes: Uint8Array): Promise<void> => {
    offset += bytes.length;
    if (offset > MAX32) throw tooLarge();
    await writeBytes(bytes);
  };
  const close = async (): Promise<void> => {
    if (!current) return;
    done.push(await current.finish());
    current = undefined;
  };

  return {
    toFile: target.toFile,
    async startPart(name) {
      await close();
      current = new PartWriter(name, stamp, offset, emit);
      await current.start();
    },
    async write(text) {
      if (text === '') return;
      if (!current) throw new Error('text written before the first part of a packaged document');
      await current.write(text);
    },
    async commit() {
      await close();
      await emit(centralDirectory(done, stamp, offset));
      await target.commit();
    },
    abort: () => target.abort(),
  };
}

/** One entry: local header, deflated data in segments, then its data descriptor. */
class PartWriter {
  private readonly name: Buffer;
  private text: string[] = [];
  private textChars = 0;
  private segment = Buffer.allocUnsafe(SEGMENT_BYTES);
  private used = 0;
  private crc = 0;
  private size = 0;
  private compressedSize = 0;

  constructor(
    name: string,
    private readonly stamp: { time: number; date: number },
    private readonly offset: number,
    private readonly emit: (bytes: Uint8Array) => Promise<void>,
  ) {
    this.name = Buffer.from(name, 'utf8');
  }

  async start(): Promise<void> {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    header.writeUInt16LE(0x0808, 6); // sizes follow the data; the name is UTF-8
    header.writeUInt16LE(8, 8);
    header.writeUInt16LE(this.stamp.time, 10);
    header.writeUInt16LE(this.stamp.date, 12);
    header.writeUInt16LE(this.name.length, 26);
    await this.emit(Buffer.concat([header, this.name]));
  }

  async write(text: string): Promise<void> {
    this.text.push(text);
    this.textChars += text.length;
    if (this.textChars >= TEXT_CHARS) await this.encode();
  }

  async finish(): Promise<Written> {
    await this.encode();
    await this.deflate(this.segment.subarray(0, this.used), true);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(this.crc, 4);
    descriptor.writeUInt32LE(this.compressedSize, 8);
    descriptor.writeUInt32LE(this.size, 12);
    await this.emit(descriptor);
    return { name: this.name, crc: this.crc, compressedSize: this.compressedSize, size: this.size, offset: this.offset };
  }

  /** The gathered text into the segment, deflating each segment as it fills. */
  private async encode(): Promise<void> {
    if (this.textChars === 0) return;
    const bytes = Buffer.from(this.text.join(''), 'utf8');
    this.text = [];
    this.textChars = 0;
    for (let at = 0; at < bytes.length;) {
      const taken = bytes.copy(this.segment, this.used, at, Math.min(bytes.length, at + SEGMENT_BYTES - this.used));
      this.used += taken;
      at += taken;
      if (this.used === SEGMENT_BYTES) {
        await this.deflate(this.segment, false);
        this.used = 0;
      }
    }
  }

  /** Deflate a segment on its own: a sync flush ends every segment but the last, which ends the stream. */
  private async deflate(bytes: Buffer, last: boolean): Promise<void> {
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    if (this.size > MAX32) throw tooLarge();
    const finishFlush = last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH;
    const compressed = zlib.deflateRawSync(bytes, { level: LEVEL, finishFlush });
    this.compressedSize += compressed.length;
    await this.emit(compressed);
  }
}

function centralDirectory(entries: readonly Written[], stamp: { time: number; date: number }, start: number): Buffer {
  const records: Buffer[] = [];
  let size = 0;
  for (const entry of entries) {
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(0x031e, 4); // made by: Unix, zip 3.0
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(0x0808, 8);
    record.writeUInt16LE(8, 10);
    record.writeUInt16LE(stamp.time, 12);
    record.writeUInt16LE(stamp.date, 14);
    record.writeUInt32LE(entry.crc, 16);
    record.writeUInt32LE(entry.compressedSize, 20);
    record.writeUInt32LE(entry.size, 24);
    record.writeUInt16LE(entry.name.length, 28);
    record.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file, rw-r--r--
    record.writeUInt32LE(entry.offset, 42);
    records.push(record, entry.name);
    size += record.length + entry.name.length;
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(start, 16);
  return Buffer.concat([...records, end]);
}

/** A time as zip stores it (MS-DOS, two-second steps, from 1980), in UTC so it does not depend on where the run is. */
function dosTime(when: Date): { time: number; date: number } {
  const valid = Number.isFinite(when.getTime()) && when.getUTCFullYear() >= 1980 && when.getUTCFullYear() <= 2107;
  const at = valid ? when : new Date(Date.UTC(1980, 0, 1));
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1),
    date: ((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}

function tooLarge(): TriageError {
  return new TriageError('output', 'the workbook would be larger than 4 GB, more than an .xlsx file can hold', {
    hint: 'write the results as CSV (-f csv), or leave out --route-sheets',
  });
}
