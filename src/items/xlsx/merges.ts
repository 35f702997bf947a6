/**
 * A sheet's merged ranges. They are listed after the cells, at the end of the sheet's part,
 * but the header row needs them first (a merged header cell names columns), so the part is
 * inflated once ahead and searched for them as bytes, without parsing the XML: a fraction of
 * the time reading the cells takes.
 */
import { MAX_MERGED_RANGES } from './limits.js';
import { parseCellReference } from './strings.js';

export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const MERGE = /<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref\s*=\s*["']([A-Za-z]{1,3}\d{1,7}):([A-Za-z]{1,3}\d{1,7})["']/g;
/** Text kept from one chunk to the next, so an element split between them is still found. */
const OVERLAP = 1024;
const NEEDLE = Buffer.from('mergeCell', 'latin1');

/** The last OVERLAP bytes of what has been seen. */
function tail(carry: Buffer, chunk: Buffer): Buffer {
  if (chunk.length >= OVERLAP) return Buffer.from(chunk.subarray(chunk.length - OVERLAP));
  const joined = Buffer.concat([carry, chunk]);
  return joined.subarray(Math.max(0, joined.length - OVERLAP));
}

/** The merged ranges of a sheet (at most MAX_MERGED_RANGES; `more` says some were left out). */
export async function findMergedRanges(chunks: AsyncIterable<Buffer>): Promise<{ ranges: MergedRange[]; more: boolean }> {
  const ranges: MergedRange[] = [];
  let carry: Buffer = Buffer.alloc(0);
  let more = false;
  for await (const chunk of chunks) {
    // Most chunks hold cells only: looked at as bytes (across the seam with the last one too), never made into text.
    const seam = Buffer.concat([carry, chunk.subarray(0, NEEDLE.length)]);
    if (chunk.indexOf(NEEDLE) === -1 && seam.indexOf(NEEDLE) === -1) {
      carry = tail(carry, chunk);
      continue;
    }
    // Latin-1 keeps one character per byte: references and markup are ASCII whatever the encoding.
    const text = carry.toString('latin1') + chunk.toString('latin1');
    let end = 0;
    for (const match of text.matchAll(MERGE)) {
      end = (match.index ?? 0) + match[0].length;
      const from = parseCellReference(match[1] as string);
      const to = parseCellReference(match[2] as string);
      if (!from || !to) continue;
      if (ranges.length >= MAX_MERGED_RANGES) {
        more = true;
        continue;
      }
      ranges.push({
        top: Math.min(from.row, to.row),
        left: Math.min(from.column, to.column),
        bottom: Math.max(from.row, to.row),
        right: Math.max(from.column, to.column),
      });
    }
    carry = Buffer.from(text.slice(Math.max(end, text.length - OVERLAP)), 'latin1');
  }
  return { ranges, more };
}
