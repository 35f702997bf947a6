import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SortedSpool } from '../../src/io/sorted.js';
import { TempFolder } from '../../src/io/temp-folder.js';

async function collect<T>(values: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of values) out.push(value);
  return out;
}

describe('SortedSpool', () => {
  const byNumber = { compare: (x: number, y: number) => x - y };

  it('moves to disk by the size of what it holds, not by how many values: a few large ones are enough', async () => {
    const folder = new TempFolder();
    const spool = new SortedSpool<{ n: number; title: string }, number>(folder, { ...byNumber, memoryChars: 1000 });
    // Whether the values are still held: the spool's own field, as nothing else shows it.
    const inMemory = (): boolean => (spool as unknown as { memory: unknown }).memory !== undefined;
    await spool.add({ n: 1, title: 'x'.repeat(600) }, 2);
    expect(inMemory()).toBe(true);
    await spool.add({ n: 2, title: 'y'.repeat(600) }, 1);
    expect(inMemory()).toBe(false);
    await spool.add({ n: 3, title: 'z' }, 3);
    expect((await collect(spool.sorted())).map((v) => [v.n, v.title.length])).toEqual([
      [2, 600],
      [1, 600],
      [3, 1],
    ]);
    await spool.close();
    await folder.remove();
  });

  it('sorts by key, keeping the order of equal keys, in memory for a few values', async () => {
    const folder = new TempFolder();
    const spool = new SortedSpool<{ n: number }, number>(folder, byNumber);
    for (const [n, key] of [
      [1, 3],
      [2, 1],
      [3, 3],
      [4, 2],
      [5, 1],
    ] as const)
      await spool.add({ n }, key);
    expect((await collect(spool.sorted())).map((v) => v.n)).toEqual([2, 5, 4, 1, 3]);
    await folder.remove();
  });

  it('sorts many values through a file, reviving each, with runs and single reads alike', async () => {
    const folder = new TempFolder();
    const revived: string[] = [];
    const spool = new SortedSpool<{ k: number; text: string }, number>(folder, {
      ...byNumber,
      // A small budget, so most values go through the file.
      memoryChars: 4096,
      revive: (value) => {
        revived.push(value.text);
        return value;
      },
    });
    const count = 20_000;
    // Keys in blocks (runs that sit together in the file) and scattered (read one by one).
    const key = (k: number): number => (k < count / 2 ? Math.floor(k / 1000) : (k * 7919) % 1009);
    for (let k = 0; k < count; k++) await spool.add({ k, text: `née ${k} 😀` }, key(k));
    const out = await collect(spool.sorted());
    expect(out).toHaveLength(count);
    const expected = Array.from({ length: count }, (_, k) => k).sort((a, b) => key(a) - key(b) || a - b);
    expect(out.map((v) => v.k)).toEqual(expected);
    expect(out.every((v) => v.text === `née ${v.k} 😀`)).toBe(true);
    expect(revived).toHaveLength(count);
    expect(readdirSync(await folder.newFile('probe').then(dirname)).filter((name) => name.endsWith('-sort'))).toHaveLength(1);
    await spool.close();
    await folder.remove();
  });
});
