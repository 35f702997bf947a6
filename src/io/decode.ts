/**
 * Decode a byte stream to text chunk by chunk. UTF-8 is checked strictly: an invalid byte
 * is an error naming its line, never a silent replacement character.
 */
import { TriageError } from '../errors.js';
import { UTF16_SNIFF_BYTES, firstInvalidUtf8, refuseUtf16WithoutMark } from './read.js';

export const ENCODINGS = ['utf8', 'latin1', 'windows-1252', 'utf16le'] as const;
export type Encoding = (typeof ENCODINGS)[number];

const LABELS: Record<Encoding, string> = {
  utf8: 'utf-8',
  // WHATWG decoders treat latin1 as windows-1252, which is what such exports really are.
  latin1: 'windows-1252',
  'windows-1252': 'windows-1252',
  utf16le: 'utf-16le',
};

/** Parse an `--encoding` value, accepting common spellings. */
export function parseEncoding(value: string): Encoding | undefined {
  const key = value.toLowerCase().replace(/[^a-z0-9]/g, '');
  const aliases: Record<string, Encoding> = {
    utf8: 'utf8',
    latin1: 'latin1',
    iso88591: 'latin1',
    windows1252: 'windows-1252',
    cp1252: 'windows-1252',
    utf16le: 'utf16le',
    utf16: 'utf16le',
  };
  return aliases[key];
}

/**
 * Decode chunks of bytes to text; the first chunk loses its byte-order mark. Without an
 * encoding, a UTF-16LE byte-order mark says UTF-16LE (what Excel's "Unicode text" saves),
 * and anything else must be UTF-8.
 */
export async function* decodeChunks(source: AsyncIterable<Buffer | string>, file: string, given?: Encoding, gap?: LineGap): AsyncGenerator<string> {
  let encoding: Encoding = given ?? 'utf8';
  if (given === undefined) {
    const head = await readHead(source);
    encoding = detectEncoding(head.bytes, file);
    source = head.source;
  }
  if (gap !== undefined && gap.lines > 0) source = splitAt(source, gap.afterBytes);
  /** Bytes read so far, to know when the gap comes. */
  let consumed = 0;
  const gapHere = (chunk: Buffer | string): boolean => {
    if (typeof chunk !== 'string') consumed += chunk.length;
    return gap !== undefined && gap.lines > 0 && typeof chunk !== 'string' && consumed === gap.afterBytes;
  };
  let first = true;
  const strip = (text: string): string => {
    if (first && text.length > 0) {
      first = false;
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    }
    return text;
  };
  if (encoding !== 'utf8') {
    // Every byte means something in windows-1252; in UTF-16LE a lone surrogate or an odd
    // last byte is an error, never a silent replacement character.
    const decoder = new TextDecoder(LABELS[encoding], { ignoreBOM: true, fatal: true });
    const at: TextPlace = { line: 1, column: 1, afterCr: false };
    const decode = (chunk?: Buffer): string => {
      try {
        return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
      } catch {
        throw invalidText(chunk, encoding, file, at);
      }
    };
    for await (const chunk of source) {
      const text = typeof chunk === 'string' ? chunk : decode(chunk);
      advance(at, text);
      if (gapHere(chunk)) {
        at.line += (gap as LineGap).lines;
        at.column = 1;
        at.afterCr = false;
      }
      if (text) yield strip(text);
    }
    const rest = decode();
    if (rest) yield strip(rest);
    return;
  }
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let carry: Buffer | undefined;
  // Where the text so far ends, for the line and column of an invalid byte.
  const at: TextPlace = { line: 1, column: 1, afterCr: false };
  for await (const chunk of source) {
    if (typeof chunk === 'string') {
      yield strip(chunk);
      continue;
    }
    const bytes = carry ? Buffer.concat([carry, chunk]) : chunk;
    const end = completeLength(bytes);
    const whole = bytes.subarray(0, end);
    carry = end < bytes.length ? Buffer.from(bytes.subarray(end)) : undefined;
    let text: string;
    try {
      text = decoder.decode(whole);
    } catch {
      throw invalidUtf8(whole, file, at);
    }
    advance(at, text);
    if (gapHere(chunk)) {
      at.line += (gap as LineGap).lines;
      at.column = 1;
      at.afterCr = false;
    }
    if (text) yield strip(text);
  }
  if (carry) throw invalidUtf8(carry, file, at);
}

/**
 * Lines a source leaves out after its first bytes: a `score --jobs` range is read as its
 * file's header (`afterBytes` long, ending with a line break) and then a byte range from
 * further on, whose lines keep their numbers in the file.
 */
export interface LineGap {
  afterBytes: number;
  lines: number;
}

/** The same bytes, with a chunk boundary at `offset`. */
async function* splitAt(source: AsyncIterable<Buffer | string>, offset: number): AsyncGenerator<Buffer | string> {
  let seen = 0;
  for await (const chunk of source) {
    if (typeof chunk !== 'string' && seen < offset && seen + chunk.length > offset) {
      yield chunk.subarray(0, offset - seen);
      yield chunk.subarray(offset - seen);
    } else yield chunk;
    if (typeof chunk !== 'string') seen += chunk.length;
  }
}

/**
 * Where a decoder has got to. Line breaks count as the CSV reader counts them: `\n`, `\r\n`
 * and a lone `\r`. `afterCr`: the text so far ends with `\r`, so a `\n` first in the next
 * chunk ends the same line (a pair split between two chunks counts once).
 */
interface TextPlace {
  line: number;
  column: number;
  afterCr: boolean;
}

/** Move a place past some text (TextPlace says how line breaks count). */
function advance(at: TextPlace, text: string): void {
  if (text.length === 0) return;
  const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  if (lastBreak === -1) at.column += text.length;
  else {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) at.line++;
    for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) at.line++;
    if (at.afterCr && text.charCodeAt(0) === 10) at.line--;
    at.column = text.length - lastBreak;
  }
  at.afterCr = text.charCodeAt(text.length - 1) === 13;
}

/** A chunk that does not decode: where it first goes wrong (a lone surrogate, say), and the fix. */
function invalidText(chunk: Buffer | undefined, encoding: Encoding, file: string, from: TextPlace): TriageError {
  const at = { ...from };
  if (chunk !== undefined) {
    const lenient = new TextDecoder(LABELS[encoding], { ignoreBOM: true }).decode(chunk);
    const bad = lenient.indexOf('\ufffd');
    advance(at, bad === -1 ? lenient : lenient.slice(0, bad));
  }
  return new TriageError('file-unreadable', `${file} is not valid ${encoding === 'utf16le' ? 'UTF-16LE' : encoding} (a broken character on line ${at.line})`, {
    position: { file, line: at.line, column: at.column },
    hint: 'check that --encoding names the encoding the file was saved in, or save it as UTF-8',
  });
}

/** The encoding a byte-order mark announces: UTF-16LE, or UTF-8 by default. */
export function detectEncoding(head: Uint8Array, file: string): Encoding {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  refuseUtf16WithoutMark(head, file);
  if (head[0] === 0xfe && head[1] === 0xff) {
    throw new TriageError('file-unreadable', `${file} is UTF-16 big-endian, which is not supported`, {
      position: { file, line: 1, column: 1 },
      hint: 'save it as UTF-8 (or UTF-16LE, "Unicode text")',
    });
  }
  return 'utf8';
}

/** The first bytes of a source (enough for a byte-order mark, or to see UTF-16 without one), and the source whole again. */
async function readHead(source: AsyncIterable<Buffer | string>): Promise<{ bytes: Uint8Array; source: AsyncIterable<Buffer | string> }> {
  const iterator = source[Symbol.asyncIterator]();
  const taken: Array<Buffer | string> = [];
  let bytes: Buffer = Buffer.alloc(0);
  while (bytes.length < UTF16_SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) break;
    taken.push(next.value);
    if (typeof next.value === 'string') break; // already text: there is nothing to detect
    bytes = Buffer.concat([bytes, next.value]);
  }
  async function* replay(): AsyncGenerator<Buffer | string> {
    yield* taken;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { bytes, source: replay() };
}

/** Length of the prefix that ends on a whole UTF-8 sequence (an incomplete tail waits). */
function completeLength(bytes: Buffer): number {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = bytes[n - back] as number;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

function invalidUtf8(bytes: Uint8Array, file: string, from: TextPlace): TriageError {
  const offset = firstInvalidUtf8(bytes);
  // The bytes before the invalid one are whole characters: where they end is where it is.
  const at = { ...from };
  advance(at, Buffer.from(bytes.buffer, bytes.byteOffset, offset).toString('utf8'));
  const { line, column } = at;
  const byte = (bytes[offset] ?? 0).toString(16).padStart(2, '0');
  return new TriageError('file-unreadable', `${file} is not valid UTF-8 (byte 0x${byte} on line ${line})`, {
    position: { file, line, column },
    hint: 'save it as UTF-8, or give its encoding with --encoding latin1, windows-1252 or utf16le',
  });
}
