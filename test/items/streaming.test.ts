/** Items stream: the first come out while the input is still arriving, and all of them in order. */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createNormaliser } from '../../src/items/normalise.js';
import { readItems } from '../../src/items/read.js';
import { backlogLines } from '../../scripts/bench/generate.mjs';
import { unionPolicy } from '../helpers/policy.js';

const policy = unionPolicy();

describe('readItems streaming', () => {
  it('yields the first items long before the input ends', async () => {
    const rows = 20_000;
    const perChunk = 100;
    let sent = 0;
    // The source counts what it has handed over, so the test sees how far ahead reading went.
    async function* source(): AsyncGenerator<Buffer> {
      let chunk = '';
      let inChunk = 0;
      for (const line of backlogLines(rows, 7)) {
        chunk += line;
        if (++inChunk === perChunk) {
          sent += inChunk;
          yield Buffer.from(chunk);
          chunk = '';
          inChunk = 0;
        }
      }
      sent += inChunk;
      yield Buffer.from(chunk);
    }
    let sentAtFirstItem: number | undefined;
    let count = 0;
    let previous = '';
    for await (const item of readItems(['-'], {
      normaliser: createNormaliser(policy.fields),
      stdin: Readable.from(source(), { objectMode: true, highWaterMark: 1 }),
      format: 'csv',
      onProblem: (problem) => {
        throw new Error(problem.message);
      },
    })) {
      sentAtFirstItem ??= sent;
      expect(item.id > previous).toBe(true);
      previous = item.id;
      count++;
    }
    expect(count).toBe(rows);
    // Reading runs ahead of the items by at most a few chunks (stream buffering), never to the end.
    expect(sentAtFirstItem).toBeLessThanOrEqual(5 * perChunk);
  });
});
