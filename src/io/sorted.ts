/**
 * Items in another order than they came (`score --sort`) without holding them all. Values are
 * kept, as JSON text, while they add up to a few megabytes (by size, not count: a thousand
 * items with half-megabyte titles are half a gigabyte); past that, each is written to a
 * temporary file, and memory keeps only its sort key and its length (about 20 bytes an item,
 * plus the key).
 * Sorted, they are read back in order; values that sit near one another in the file are
 * read together. JSON keeps plain data exactly, which is all an item is (every number in one is
 * finite), and reads back faster than the V8 serialiser.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { writeAll, writeError } from './atomic.js';
import { TEMP_HINT, type TempFolder } from './temp-folder.js';
import { Uint32List } from './uint32-list.js';

/** Characters of JSON kept in memory before every value moves to the file. */
const MEMORY_CHARS = 8 * 1024 * 1024;
/** Bytes gathered before they are written to the file. */
const BUFFER_BYTES = 1024 * 1024;
/** Most bytes read at once for a run of neighbouring values. */
const READ_BYTES = 1024 * 1024;
/** Most bytes read between two values to read them in one go: cheaper than another read. */
const MAX_GAP = 16 * 1024;

export interface SortedSpoolOptions<T, K> {
  /** Order of two keys; values with equal keys keep the order they came in. */
  compare: (a: K, b: K) => number;
  /** Make a value read back whole again (JSON keeps data, not prototypes). */
  revive?(value: T): T;
  /** Characters of JSON held in memory before the values move to disk (default 8 Mi). */
  memoryChars?: number;
}

export class SortedSpool<T, K> {
  private keys: K[] = [];
  /** The values as JSON, until they add up to more than the memory budget. */
  private memory: string[] | undefined = [];
  private memoryChars = 0;
  /** On disk: each value's length in bytes, in the order they came. */
  private readonly lengths = new Uint32List();
  private path: string | undefined;
  private handle: FileHandle | undefined;
  private buffer: Buffer | undefined;
  private used = 0;

  constructor(
    private readonly folder: TempFolder,
    private readonly options: SortedSpoolOptions<T, K>,
  ) {}

  /** Hold a value with its sort key. */
  async add(value: T, key: K): Promise<void> {
    this.keys.push(key);
    const text = JSON.stringify(value);
    if (!this.memory) return this.write(text);
    this.memory.push(text);
    this.memoryChars += text.length;
    if (this.memoryChars > (this.options.memoryChars ?? MEMORY_CHARS)) {
      const held = this.memory;
      this.memory = undefined;
      this.memoryChars = 0;
      for (const piece of held) await this.write(piece);
    }
  }

  /** Every value held, in key order. */
  async *sorted(): AsyncGenerator<T> {
    if (this.keys.length === 0) return;
    const order = this.order();
    if (this.memory) {
      const held = this.memory;
      for (const k of order) yield this.revived(JSON.parse(held[k] as string) as T);
      return;
    }
    await this.flush();
    await this.handle?.close();
    this.handle = undefined;
    const offsets = this.offsets();
    const fd = openSync(this.path as string, 'r');
    // One buffer for every read: each value is parsed before the next read.
    let scratch = Buffer.allocUnsafe(READ_BYTES);
    try {
      for (let p = 0; p < order.length;) {
        // Values that come next in the order and sit a little further on in the file (a run of
        // one route, say) are read in one go, with what lies between them.
        const start = offsets[order[p] as number] as number;
        let end = p + 1;
        let stop = start + this.lengths.at(order[p] as number);
        while (end < order.length) {
          const next = order[end] as number;
          const from = offsets[next] as number;
          const to = from + this.lengths.at(next);
          if (from < stop || from - stop > MAX_GAP || to - start > READ_BYTES) break;
          stop = to;
          end++;
        }
        if (stop - start > scratch.length) scratch = Buffer.allocUnsafe(stop - start);
        const buffer = scratch.subarray(0, stop - start);
        readFully(fd, buffer, start);
        for (; p < end; p++) {
          const k = order[p] as number;
          const at = (offsets[k] as number) - start;
          yield this.revived(JSON.parse(buffer.toString('utf8', at, at + this.lengths.at(k))) as T);
        }
      }
    } finally {
      closeSync(fd);
    }
  }

  private revived(value: T): T {
    return this.options.revive ? this.options.revive(value) : value;
  }

  /** Close the file, whether sorting finished or not; the folder's owner removes it. */
  async close(): Promise<void> {
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
  }

  /** Positions of the values, sorted by key, ties in the order they came; the keys are then let go. */
  private order(): Uint32Array {
    const { keys } = this;
    this.keys = [];
    const order = new Uint32Array(keys.length);
    for (let k = 0; k < order.length; k++) order[k] = k;
    const compare = this.options.compare;
    return order.sort((a, b) => compare(keys[a] as K, keys[b] as K) || a - b);
  }

  /** Where each value starts in the file. */
  private offsets(): Float64Array {
    const offsets = new Float64Array(this.lengths.size);
    let at = 0;
    for (let k = 0; k < offsets.length; k++) {
      offsets[k] = at;
      at += this.lengths.at(k);
    }
    return offsets;
  }

  private async write(text: string): Promise<void> {
    const buffer = (this.buffer ??= Buffer.allocUnsafe(BUFFER_BYTES));
    // UTF-8 takes at most three bytes per UTF-16 code unit.
    if (this.used + text.length * 3 > buffer.length) {
      await this.flush();
      if (text.length * 3 > buffer.length) {
        const bytes = Buffer.from(text);
        this.lengths.push(bytes.length);
        await this.append(bytes);
        return;
      }
    }
    const length = buffer.write(text, this.used);
    this.used += length;
    this.lengths.push(length);
  }

  private async flush(): Promise<void> {
    if (this.used === 0 || !this.buffer) return;
    const used = this.used;
    this.used = 0;
    await this.append(this.buffer.subarray(0, used));
  }

  private async append(bytes: Uint8Array): Promise<void> {
    const path = (this.path ??= await this.folder.newFile('sort'));
    try {
      this.handle ??= await open(path, 'a');
      await writeAll(this.handle, bytes);
    } catch (error) {
      throw writeError(error, path, TEMP_HINT);
    }
  }
}

function readFully(fd: number, buffer: Buffer, position: number): void {
  let read = 0;
  while (read < buffer.length) {
    const n = readSync(fd, buffer, read, buffer.length - read, position + read);
    if (n === 0) throw new Error('the sort file is shorter than was written');
    read += n;
  }
}
