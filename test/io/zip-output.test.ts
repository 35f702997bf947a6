import { describe, expect, it } from 'vitest';
import { bufferBytes, entryBytes, readZipDirectory } from '../../src/items/xlsx/zip.js';
import type { Output } from '../../src/io/output.js';
import { zipOutput } from '../../src/io/zip-output.js';

/** Zip parts written in the given pieces; the bytes, and whether the target was committed. */
async function zipped(parts: Array<[string, string[]]>, time = new Date(Date.UTC(2026, 2, 2, 9, 30, 10))): Promise<{ bytes: Buffer; committed: boolean }> {
  const chunks: Buffer[] = [];
  let committed = false;
  const target: Output = {
    toFile: true,
    write: async () => {
      throw new Error('text reached the target');
    },
    writeBytes: async (bytes) => {
      chunks.push(Buffer.from(bytes));
    },
    commit: async () => {
      committed = true;
    },
    abort: async () => undefined,
  };
  const zip = zipOutput(target, time);
  for (const [name, pieces] of parts) {
    await zip.startPart?.(name);
    for (const piece of pieces) await zip.write(piece);
  }
  await zip.commit();
  return { bytes: Buffer.concat(chunks), committed };
}

async function unzipped(bytes: Buffer): Promise<Record<string, string>> {
  const source = bufferBytes(bytes);
  const out: Record<string, string> = {};
  for (const entry of (await readZipDirectory(source, 'out.zip')).values()) {
    const chunks: Buffer[] = [];
    for await (const chunk of entryBytes(source, entry, 'out.zip', { bytes: 1e9, what: 'a part' })) chunks.push(chunk);
    out[entry.name] = Buffer.concat(chunks).toString('utf8');
  }
  return out;
}

/** Text that does not compress to nothing: a counter and some words, with non-ASCII letters. */
function bulk(chars: number): string {
  let text = '';
  for (let k = 0; text.length < chars; k++) text += `<row r="${k}">Café ŵ ${k * 7919} 日本</row>`;
  return text;
}

describe('zip output', () => {
  it('packs parts, large ones deflated in several segments, that read back exactly with their checksums', async () => {
    const big = bulk(700_000);
    const { bytes, committed } = await zipped([
      ['[Content_Types].xml', ['<Types/>']],
      ['xl/worksheets/sheet1.xml', [big.slice(0, 1000), big.slice(1000)]],
      ['empty.xml', []],
    ]);
    expect(committed).toBe(true);
    expect(await unzipped(bytes)).toEqual({ '[Content_Types].xml': '<Types/>', 'xl/worksheets/sheet1.xml': big, 'empty.xml': '' });
  });

  it('gives the same bytes however the text is split into writes', async () => {
    const big = bulk(600_000);
    const whole = await zipped([['a.xml', [big]]]);
    const pieces: string[] = [];
    for (let at = 0; at < big.length; at += 977) pieces.push(big.slice(at, at + 977));
    const split = await zipped([['a.xml', pieces]]);
    expect(Buffer.compare(whole.bytes, split.bytes)).toBe(0);
  });

  it("stamps every entry with the run's time, in UTC", async () => {
    const { bytes } = await zipped([['a.xml', ['x']]]);
    const central = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const time = bytes.readUInt16LE(central + 12);
    const date = bytes.readUInt16LE(central + 14);
    expect([1980 + (date >> 9), (date >> 5) & 15, date & 31, time >> 11, (time >> 5) & 63, (time & 31) * 2]).toEqual([2026, 3, 2, 9, 30, 10]);
  });

  it('refuses text before the first part, and a target that cannot take bytes', async () => {
    const target: Output = { toFile: true, write: async () => undefined, commit: async () => undefined, abort: async () => undefined };
    expect(() => zipOutput(target, new Date())).toThrow('the output cannot take bytes');
    const zip = zipOutput({ ...target, writeBytes: async () => undefined }, new Date());
    await expect(zip.write('x')).rejects.toThrow('text written before the first part of a packaged document');
  });
});
