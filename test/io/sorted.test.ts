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

  it('sorts by key, keeping the order of equal keys, in memory for a few values', async () => {
    const folder = new TempFolder();
    const spool = new SortedSpool<{ n: number }, number>(folder, byNumber);
    for (const [n, key] of [[1, 3], [2, 1], [3, 3], [4, 2], [5, 1]] as const) await spool.add({ n }, key);
    expect((await collect(spool.sorted())).map((v) => v.n)).toEqual([2, 5, 4, 1, 3]);
    await folder.remove();
  });

  it('sorts many values through a file, reviving each, with runs and single reads alike', async () => {
    const folder = new TempFolder();
    const revived: string[] = [];
    const spool = new SortedSpool<{ k: number; text: string }, number>(folder, {
      ...byNumber,
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
    await spool.close();
    await folder.remove();
  });
});
