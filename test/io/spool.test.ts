import { existsSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Spool } from '../../src/io/spool.js';
import { TempFolder } from '../../src/io/temp-folder.js';

async function collect<T>(values: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of values) out.push(value);
  return out;
}

/** The temporary folder's path (making it, if no file has yet). */
async function pathOf(folder: TempFolder): Promise<string> {
  return dirname(await folder.newFile('probe'));
}

/** Pieces of every awkward kind: empty, multi-byte, astral, longer than a read, with line breaks. */
function awkwardPieces(count: number): string[] {
  return Array.from({ length: count }, (_, k) => {
    if (k % 97 === 0) return '';
    if (k % 89 === 0) return `${'é€😀'.repeat(30_000)}|${k}`;
    return `piece ${k}: café, “quotes”, 😀\n line two ${'x'.repeat(k % 300)}`;
  });
}

describe('Spool', () => {
  it('gives back small sections piece by piece and as text, without touching the disk', async () => {
    const folder = new TempFolder();
    const spool = new Spool(folder);
    await spool.hold('a', 'one');
    await spool.hold('b', 'two');
    await spool.hold('a', 'three');
    expect(await collect(spool.pieces('a'))).toEqual(['one', 'three']);
    expect((await collect(spool.text('a'))).join('')).toBe('onethree');
    expect(await collect(spool.pieces('never held'))).toEqual([]);
    const dir = await pathOf(folder);
    expect(dir).toMatch(new RegExp(`triage-run-${process.pid}-`));
    // Only the marker that tells a later run whose folder this is.
    expect(readdirSync(dir)).toEqual(['owner']);
    await folder.remove();
    expect(existsSync(dir)).toBe(false);
  });

  it('gives back a section of empty pieces once on disk, where they take no bytes', async () => {
    const folder = new TempFolder();
    const spool = new Spool(folder);
    await spool.hold('empty', '');
    await spool.hold('empty', '');
    await spool.hold('big', 'x'.repeat(5 * 1024 * 1024));
    expect(await collect(spool.pieces('empty'))).toEqual(['', '']);
    expect((await collect(spool.text('empty'))).join('')).toBe('');
    await spool.close();
    await folder.remove();
  });

  it('moves large sections to disk and reads every piece back exactly, whatever its bytes', async () => {
    const folder = new TempFolder();
    const spool = new Spool(folder);
    const a = awkwardPieces(3000);
    const b = a.map((piece) => piece.toUpperCase());
    for (let k = 0; k < a.length; k++) {
      await spool.hold('a', a[k] as string);
      await spool.hold('b', b[k] as string);
    }
    const dir = await pathOf(folder);
    expect(readdirSync(dir).filter((name) => name.includes('section'))).toHaveLength(2);
    expect(await collect(spool.pieces('a'))).toEqual(a);
    expect((await collect(spool.text('b'))).join('')).toBe(b.join(''));
    expect(await collect(spool.pieces('b'))).toEqual(b);
    await spool.close();
    await folder.remove();
    expect(existsSync(dir)).toBe(false);
  });
});
