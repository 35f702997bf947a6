/**
 * Split a CSV file into record-aligned byte ranges, for `score --jobs`: each range starts
 * right after a line break that ends a record, never inside a quoted field (which may hold
 * line breaks), and knows the physical line it starts on, so a worker reading it reports the
 * same file:line:column as a single pass would.
 *
 * One pass over the bytes, with native searches (`indexOf`) for quotes and line breaks: a
 * line break ends a record when the quotes before it are even in number. Lines are counted
 * as the CSV reader counts them: `\r\n`, `\n` and `\r` are each one line break.
 */
import { open } from 'node:fs/promises';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export interface ByteRange {
  /** Byte offsets: [start, end). */
  start: number;
  end: number;
  /** Physical line (1-based) the range starts on. */
  line: number;
}

export interface SplitOptions {
  /** Bytes a range should hold at least (it ends at the first record end past this). */
  pieceBytes: number;
  /** Bytes read at a time. */
  readBytes?: number;
}

/** The end of the header record (the offset just past its line break), or -1 when none is found in `head`. */
export function headerEnd(head: Uint8Array): number {
  let quotes = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (c === QUOTE) quotes++;
    else if ((c === LF || c === CR) && quotes % 2 === 0) {
      if (c === CR && i + 1 < head.length && head[i + 1] === LF) return i + 2;
      // A `\r` last in what was read may be the first half of `\r\n`: undecided.
      if (c === CR && i + 1 === head.length) return -1;
      return i + 1;
    }
  }
  return -1;
}

/**
 * The ranges of `path`, from `from` (a record start on line `line`) to its end, as they are
 * found: a caller can hand out the first while the rest of the file is still being scanned.
 */
export async function* splitCsv(path: string, from: number, line: number, options: SplitOptions): AsyncGenerator<ByteRange> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(options.readBytes ?? 1024 * 1024);
    const state = { quotes: 0, line, pendingCr: false };
    let start = from;
    let startLine = line;
    let position = from;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      const block = buffer.subarray(0, bytesRead);
      // Past a piece's worth of bytes, the first record end closes the range.
      let at = 0;
      for (;;) {
        const cut = scanBlock(block, at, state, Math.max(at, start + options.pieceBytes - position));
        if (cut < 0) break;
        yield { start, end: position + cut, line: startLine };
        start = position + cut;
        startLine = state.line;
        at = cut;
      }
      position += bytesRead;
    }
    if (position > start) yield { start, end: position, line: startLine };
  } finally {
    await handle.close();
  }
}

/**
 * Scan `block` from `from`, counting quotes and line breaks into `state`; the first record
 * end at or after `cutFrom` is returned as `cut` (the offset past its line break), -1 when
 * the block ends first. A `\r` last in a block waits for the next block's first byte.
 */
function scanBlock(block: Uint8Array, from: number, state: { quotes: number; line: number; pendingCr: boolean }, cutFrom: number): number {
  let i = from;
  if (state.pendingCr) {
    state.pendingCr = false;
    state.line++;
    // `\r\n` across blocks: the `\n` belongs to the break.
    if (block[0] === LF && from === 0) i = 1;
    if (state.quotes % 2 === 0 && i >= cutFrom) return i;
  }
  const buf = Buffer.from(block.buffer, block.byteOffset, block.length);
  let nextQuote = buf.indexOf(QUOTE, i);
  let nextLf = buf.indexOf(LF, i);
  let nextCr = buf.indexOf(CR, i);
  for (;;) {
    const q = nextQuote < 0 ? block.length : nextQuote;
    const l = nextLf < 0 ? block.length : nextLf;
    const r = nextCr < 0 ? block.length : nextCr;
    if (q === block.length && l === block.length && r === block.length) return -1;
    if (q < l && q < r) {
      state.quotes++;
      nextQuote = buf.indexOf(QUOTE, q + 1);
      continue;
    }
    let end: number;
    if (r < l) {
      if (r + 1 === block.length) {
        state.pendingCr = true;
        return -1;
      }
      end = block[r + 1] === LF ? r + 2 : r + 1;
      nextCr = buf.indexOf(CR, r + 1);
      if (end === r + 2) nextLf = buf.indexOf(LF, end);
    } else {
      end = l + 1;
      nextLf = buf.indexOf(LF, end);
    }
    state.line++;
    if (state.quotes % 2 === 0 && end >= cutFrom && end > from) return end;
  }
}
