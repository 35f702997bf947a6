/**
 * Every id seen so far, with where it was first seen, for duplicate detection over a
 * million-row backlog in little memory. A Map of id strings to position objects costs about
 * 160 bytes an id (163 MB for a million). Here each id and its position are packed as bytes
 * into blocks, and an open-addressing hash table of offsets finds them: about 8 bytes an id
 * for numbered ids such as WI-0000017, with a 4-byte slot or two of table, and no big copy
 * when the index grows.
 *
 * An entry is one of two kinds, told apart by the lowest bit of its first varint:
 * - whole (even): varint 2 * id length, the id's UTF-16 units (one byte below 0xFF, else
 *   0xFF and two bytes), varint line, varint column, varint file number;
 * - relative (odd): varint 2 * back + 1, where the last whole entry before it (its base)
 *   starts `back` bytes earlier in the same block; varint how many units the id shares with
 *   the base's from the start, varint how many follow, those units, varint the line's
 *   difference from the base's (zigzag), and varint 0 when column and file are the base's,
 *   else varint column + 1 and varint file number.
 * Ids in one export mostly share their start with the id a few rows before, and come with
 * the same column and a nearby line: a relative entry for WI-0000017 after WI-0000011 takes
 * 6 bytes where a whole one takes 16. An entry is written relative when that is at most
 * half the size, so a base stays near the entries that read it.
 */

import { pageMemory } from '../io/page-memory.js';

export interface FirstSeen {
  file: string;
  line: number;
  column: number;
}

/** Offsets are `block << BLOCK_BITS | position`, so a block holds at most 4 MB. */
const BLOCK_BITS = 22;
const BLOCK_SIZE = 1 << BLOCK_BITS;
const FIRST_BLOCK = 64 * 1024;
/** Keeps `offset + 1` within an Int32. */
const MAX_BLOCKS = 511;
/** Marks a UTF-16 unit written in two more bytes. */
const WIDE = 0xff;

export class IdIndex {
  private readonly blocks: Uint8Array[] = [];
  private used = 0;
  private count = 0;
  /** Entry offset + 1 per slot; 0 is empty. Kept at most half full. */
  private table = tableOf(1024);
  private readonly files: string[] = [];
  private readonly fileNumbers = new Map<string, number>();
  // The read position of `readVarint`/`readUnit`, kept here so reading allocates nothing.
  private at = 0;
  /** `add`'s copy of an id's units, reused. */
  private scratch = new Uint16Array(64);
  /** The last whole entry: its offset (-1 before the first), id and place. */
  private base = -1;
  private baseUnits = new Uint16Array(64);
  private baseLength = 0;
  private baseLine = 0;
  private baseColumn = 0;
  private baseFile = 0;
  /** What `readPlace` read. */
  private placeLine = 0;
  private placeColumn = 0;
  private placeFile = 0;

  get size(): number {
    return this.count;
  }

  /** Record `id`; when it was seen before, return where (and record nothing). */
  add(id: string, where: FirstSeen): FirstSeen | undefined {
    if (this.scratch.length < id.length) this.scratch = new Uint16Array(Math.max(id.length, this.scratch.length * 2));
    const units = this.scratch;
    for (let k = 0; k < id.length; k++) units[k] = id.charCodeAt(k);
    return this.addUnits(units, 0, id.length, where);
  }

  /**
   * Record the id whose UTF-16 units are `units[start..end)`, as `add` does: how `score
   * --jobs` ranges send their ids, packed, so that none is a string on either thread.
   */
  addUnits(units: Uint16Array, start: number, end: number, where: FirstSeen): FirstSeen | undefined {
    const mask = this.table.length - 1;
    let slot = hashUnits(units, start, end) & mask;
    for (let entry = this.table[slot] as number; entry !== 0; entry = this.table[slot] as number) {
      if (this.matches(entry - 1, units, start, end)) return this.firstSeen(entry - 1);
      slot = (slot + 1) & mask;
    }
    this.table[slot] = this.append(units, start, end, where) + 1;
    this.count++;
    if (this.count * 2 > this.table.length) this.rehash();
    return undefined;
  }

  private append(units: Uint16Array, start: number, end: number, where: FirstSeen): number {
    const length = end - start;
    const file = this.fileNumber(where.file);
    // Room for either kind: 3 bytes a unit at most, and five varints of at most 8 bytes.
    const offset = this.reserve(length * 3 + 40);
    const block = this.blocks[offset >>> BLOCK_BITS] as Uint8Array;
    let at = offset & (BLOCK_SIZE - 1);
    const back = offset - this.base;
    if (this.base >= 0 && this.base >>> BLOCK_BITS === offset >>> BLOCK_BITS && back < RELATIVE_REACH) {
      const shared = commonStart(units, start, end, this.baseUnits, this.baseLength);
      const spot = where.column === this.baseColumn && file === this.baseFile;
      const delta = zigzag(where.line - this.baseLine);
      const suffixBytes = unitBytes(units, start + shared, end);
      const relative =
        varintBytes(2 * back + 1) +
        varintBytes(shared) +
        varintBytes(length - shared) +
        suffixBytes +
        varintBytes(delta) +
        (spot ? 1 : varintBytes(where.column + 1) + varintBytes(file));
      const whole =
        varintBytes(2 * length) +
        unitBytes(units, start, start + shared) +
        suffixBytes +
        varintBytes(where.line) +
        varintBytes(where.column) +
        varintBytes(file);
      if (2 * relative <= whole) {
        at = putVarint(block, at, 2 * back + 1);
        at = putVarint(block, at, shared);
        at = putVarint(block, at, length - shared);
        at = putUnits(block, at, units, start + shared, end);
        at = putVarint(block, at, delta);
        if (spot) block[at++] = 0;
        else {
          at = putVarint(block, at, where.column + 1);
          at = putVarint(block, at, file);
        }
        this.used = at;
        return offset;
      }
    }
    at = putVarint(block, at, 2 * length);
    at = putUnits(block, at, units, start, end);
    at = putVarint(block, at, where.line);
    at = putVarint(block, at, where.column);
    at = putVarint(block, at, file);
    this.used = at;
    this.base = offset;
    if (this.baseUnits.length < length) this.baseUnits = new Uint16Array(Math.max(length, this.baseUnits.length * 2));
    this.baseUnits.set(units.subarray(start, end));
    this.baseLength = length;
    this.baseLine = where.line;
    this.baseColumn = where.column;
    this.baseFile = file;
    return offset;
  }

  /** An offset with room for `bytes` in the current block, starting a new block if need be. */
  private reserve(bytes: number): number {
    const last = this.blocks.length - 1;
    const block = this.blocks[last];
    if (block !== undefined && this.used + bytes <= block.length) return (last << BLOCK_BITS) | this.used;
    if (this.blocks.length >= MAX_BLOCKS) throw new RangeError('too many ids to check for duplicates');
    // Blocks start small so a short backlog costs little, and grow to the 4 MB limit.
    const size = Math.max(Math.min(BLOCK_SIZE, FIRST_BLOCK << this.blocks.length), bytes);
    this.blocks.push(new Uint8Array(size));
    this.used = 0;
    return (this.blocks.length - 1) << BLOCK_BITS;
  }

  /** Whether the entry at `offset` is the id in `units[start..end)`. */
  private matches(offset: number, units: Uint16Array, start: number, end: number): boolean {
    this.at = offset;
    const head = this.readVarint();
    if (head % 2 === 0) return head === 2 * (end - start) && this.unitsMatch(units, start, end);
    const shared = this.readVarint();
    if (shared + this.readVarint() !== end - start) return false;
    const suffix = this.at;
    // The shared start is the start of the base's id.
    this.seekBase(offset, head);
    if (!this.unitsMatch(units, start, start + shared)) return false;
    this.at = suffix;
    return this.unitsMatch(units, start + shared, end);
  }

  /** Whether the units at `at` are `units[start..end)`, reading past them. */
  private unitsMatch(units: Uint16Array, start: number, end: number): boolean {
    for (let k = start; k < end; k++) if (this.readUnit() !== units[k]) return false;
    return true;
  }

  private firstSeen(offset: number): FirstSeen {
    this.at = offset;
    const head = this.readVarint();
    if (head % 2 === 0) {
      this.skipUnits(head / 2);
      this.readPlace();
      return { file: this.files[this.placeFile] as string, line: this.placeLine, column: this.placeColumn };
    }
    this.readVarint();
    this.skipUnits(this.readVarint());
    const delta = unzigzag(this.readVarint());
    const spot = this.readVarint();
    let column = spot - 1;
    let file = spot === 0 ? 0 : this.readVarint();
    // The line, and unless given here the column and file, are the base's.
    this.skipUnits(this.seekBase(offset, head));
    this.readPlace();
    if (spot === 0) {
      column = this.placeColumn;
      file = this.placeFile;
    }
    return { file: this.files[file] as string, line: this.placeLine + delta, column };
  }

  /** Move to the first unit of the base's id for the relative entry at `offset`, whose first varint is `head`; returns that id's length. */
  private seekBase(offset: number, head: number): number {
    this.at = offset - (head - 1) / 2;
    return this.readVarint() / 2;
  }

  private readPlace(): void {
    this.placeLine = this.readVarint();
    this.placeColumn = this.readVarint();
    this.placeFile = this.readVarint();
  }

  private skipUnits(count: number): void {
    for (let k = 0; k < count; k++) this.readUnit();
  }

  private hashAt(offset: number): number {
    this.at = offset;
    const head = this.readVarint();
    let h = FNV_OFFSET;
    if (head % 2 === 0) {
      for (let k = head / 2; k > 0; k--) h = Math.imul(h ^ this.readUnit(), FNV_PRIME);
      return h >>> 0;
    }
    const shared = this.readVarint();
    const rest = this.readVarint();
    const suffix = this.at;
    this.seekBase(offset, head);
    for (let k = 0; k < shared; k++) h = Math.imul(h ^ this.readUnit(), FNV_PRIME);
    this.at = suffix;
    for (let k = 0; k < rest; k++) h = Math.imul(h ^ this.readUnit(), FNV_PRIME);
    return h >>> 0;
  }

  private rehash(): void {
    const old = this.table;
    const table = tableOf(old.length * 2);
    const mask = table.length - 1;
    for (const entry of old) {
      if (entry === 0) continue;
      let slot = this.hashAt(entry - 1) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = entry;
    }
    this.table = table;
  }

  private fileNumber(file: string): number {
    let number = this.fileNumbers.get(file);
    if (number === undefined) {
      number = this.files.push(file) - 1;
      this.fileNumbers.set(file, number);
    }
    return number;
  }

  private readByte(): number {
    const byte = (this.blocks[this.at >>> BLOCK_BITS] as Uint8Array)[this.at & (BLOCK_SIZE - 1)] as number;
    this.at++;
    return byte;
  }

  private readVarint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.readByte();
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  }

  private readUnit(): number {
    const byte = this.readByte();
    if (byte < WIDE) return byte;
    return (this.readByte() << 8) | this.readByte();
  }
}

/** A table of `slots`, in pages of its own when big: it is given up at each doubling (io/page-memory.ts says why that matters). */
function tableOf(slots: number): Int32Array {
  return new Int32Array(pageMemory(slots * 4));
}

/** A relative entry's base is at most this many bytes before it (its first varint then takes at most two bytes). */
const RELATIVE_REACH = 8192;

/** How many of the first units of `units[start..end)` and `base[0..length)` are the same. */
function commonStart(units: Uint16Array, start: number, end: number, base: Uint16Array, length: number): number {
  const most = Math.min(end - start, length);
  let k = 0;
  while (k < most && units[start + k] === base[k]) k++;
  return k;
}

/** Write `value` as a varint (7 bits a byte, low first) at `at` in `block`; returns where it ends. */
function putVarint(block: Uint8Array, at: number, value: number): number {
  while (value >= 0x80) {
    block[at++] = (value & 0x7f) | 0x80;
    value = Math.floor(value / 0x80);
  }
  block[at] = value;
  return at + 1;
}

/** Write `units[start..end)` at `at` in `block`, a byte a unit below WIDE, else WIDE and two bytes; returns where they end. */
function putUnits(block: Uint8Array, at: number, units: Uint16Array, start: number, end: number): number {
  for (let k = start; k < end; k++) {
    const unit = units[k] as number;
    if (unit < WIDE) block[at++] = unit;
    else {
      block[at++] = WIDE;
      block[at++] = unit >>> 8;
      block[at++] = unit & 0xff;
    }
  }
  return at;
}

/** How many bytes `putVarint` takes for `value`. */
function varintBytes(value: number): number {
  if (value < 0x80) return 1;
  let bytes = 1;

  while (value >= 0x80) {
    value = Math.floor(value / 0x80);
    bytes++;
  }
  return bytes;
}

/** How many bytes `units[start..end)` take in an entry. */
function unitBytes(units: Uint16Array, start: number, end: number): number {
  let bytes = end - start;
  for (let k = start; k < end; k++) if ((units[k] as number) >= WIDE) bytes += 2;
  return bytes;
}

/** A difference of lines as a varint can hold it: 0, -1, 1, -2, ... as 0, 1, 2, 3, ... (arithmetic, as lines may pass 2^31). */
function zigzag(value: number): number {
  return value >= 0 ? 2 * value : -2 * value - 1;
}

function unzigzag(value: number): number {
  return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

// FNV-1a over UTF-16 units: the same for an id's units and for their copy in the blocks.
function hashUnits(units: Uint16Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let k = start; k < end; k++) h = Math.imul(h ^ (units[k] as number), FNV_PRIME);
  return h >>> 0;
}
