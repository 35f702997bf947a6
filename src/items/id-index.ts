/**
 * Every id seen so far, with where it was first seen, for duplicate detection over a
 * million-row backlog in little memory. A Map of id strings to position objects costs about
 * 160 bytes an id (163 MB for a million). Here each id and its position are packed as bytes
 * into blocks, and an open-addressing hash table of offsets finds them: about 25 bytes an
 * id for ten-character ids, and no big copy when the index grows.
 *
 * An entry: varint id length, the id's UTF-16 units (one byte below 0xFF, else 0xFF and
 * two bytes), varint line, varint column, varint file number.
 */

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
  private table = new Int32Array(1024);
  private readonly files: string[] = [];
  private readonly fileNumbers = new Map<string, number>();
  // The read position of `readVarint`/`readUnit`, kept here so reading allocates nothing.
  private at = 0;
  /** `add`'s copy of an id's units, reused. */
  private scratch = new Uint16Array(64);

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
    const offset = this.reserve(length * 3 + 20);
    this.at = offset;
    this.writeVarint(length);
    // The id's units go straight into the block: an entry never straddles two.
    const block = this.blocks[offset >>> BLOCK_BITS] as Uint8Array;
    let at = this.at & (BLOCK_SIZE - 1);
    for (let k = start; k < end; k++) {
      const unit = units[k] as number;
      if (unit < WIDE) block[at++] = unit;
      else {
        block[at++] = WIDE;
        block[at++] = unit >>> 8;
        block[at++] = unit & 0xff;
      }
    }
    this.at = (offset & ~(BLOCK_SIZE - 1)) | at;
    this.writeVarint(where.line);
    this.writeVarint(where.column);
    this.writeVarint(this.fileNumber(where.file));
    this.used = this.at & (BLOCK_SIZE - 1);
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

  /** Whether the entry at `offset` is the id in `units[start..end)`. Entries never straddle blocks, so one block is read directly. */
  private matches(offset: number, units: Uint16Array, start: number, end: number): boolean {
    const block = this.blocks[offset >>> BLOCK_BITS] as Uint8Array;
    const length = end - start;
    let at = offset & (BLOCK_SIZE - 1);
    // Most ids are shorter than 128 units: their length is one byte, checked before anything else.
    if (length < 0x80) {
      if (block[at] !== length) return false;
      at++;
    } else {
      this.at = offset;
      if (this.readVarint() !== length) return false;
      at = this.at & (BLOCK_SIZE - 1);
    }
    for (let k = start; k < end; k++) {
      const unit = units[k] as number;
      if (unit < WIDE) {
        if (block[at++] !== unit) return false;
      } else if (block[at] !== WIDE || block[at + 1] !== unit >>> 8 || block[at + 2] !== (unit & 0xff)) return false;
      else at += 3;
    }
    return true;
  }

  private firstSeen(offset: number): FirstSeen {
    this.at = offset;
    const length = this.readVarint();
    for (let k = 0; k < length; k++) this.readUnit();
    const line = this.readVarint();
    const column = this.readVarint();
    return { file: this.files[this.readVarint()] as string, line, column };
  }

  private hashAt(offset: number): number {
    this.at = offset;
    const length = this.readVarint();
    let h = FNV_OFFSET;
    for (let k = 0; k < length; k++) h = Math.imul(h ^ this.readUnit(), FNV_PRIME);
    return h >>> 0;
  }

  private rehash(): void {
    const old = this.table;
    const table = new Int32Array(old.length * 2);
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

  private writeByte(byte: number): void {
    (this.blocks[this.at >>> BLOCK_BITS] as Uint8Array)[this.at & (BLOCK_SIZE - 1)] = byte;
    this.at++;
  }

  private readByte(): number {
    const byte = (this.blocks[this.at >>> BLOCK_BITS] as Uint8Array)[this.at & (BLOCK_SIZE - 1)] as number;
    this.at++;
    return byte;
  }

  private writeVarint(value: number): void {
    while (value >= 0x80) {
      this.writeByte((value & 0x7f) | 0x80);
      value = Math.floor(value / 0x80);
    }
    this.writeByte(value);
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

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

// FNV-1a over UTF-16 units: the same for an id's units and for their copy in the blocks.
function hashUnits(units: Uint16Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let k = start; k < end; k++) h = Math.imul(h ^ (units[k] as number), FNV_PRIME);
  return h >>> 0;
}
