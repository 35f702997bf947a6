/** CRC-32 as zip files use it, for the workbook reader and writer. */
import * as zlib from 'node:zlib';

const TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** The CRC-32 of `bytes` continuing from `previous`: zlib's own where Node has it (20.15 and later), else a table. */
export function crc32(bytes: Uint8Array, previous = 0): number {
  const native = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
  if (native) return native(bytes, previous);
  let c = ~previous;
  for (let k = 0; k < bytes.length; k++) c = (TABLE[(c ^ (bytes[k] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}
