import { setImmediate as turn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { batchedOutput } from '../../src/io/batched.js';
import type { Output } from '../../src/io/output.js';

/** An output that records each write it is given, and can be made slow. */
function recorder(delay = 0) {
  const writes: string[] = [];
  const events: string[] = [];
  const output: Output = {
    toFile: false,
    async write(text) {
      events.push(`start ${text}`);
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      writes.push(text);
      events.push(`end ${text}`);
    },
    commit: async () => void events.push('commit'),
    abort: async () => void events.push('abort'),
  };
  return { output, writes, events };
}

describe('batchedOutput', () => {
  it('joins small writes into one, written when the event loop turns', async () => {
    const { output, writes } = recorder();
    const batched = batchedOutput(output, 100);
    await batched.write('a,1\n');
    await batched.write('b,2\n');
    expect(writes).toEqual([]);
    await turn();
    expect(writes).toEqual(['a,1\nb,2\n']);
  });

  it('writes at once when a batch is full, waiting for it, in order', async () => {
    const { output, writes, events } = recorder(5);
    const batched = batchedOutput(output, 8);
    await batched.write('1234');
    await batched.write('5678');
    expect(writes).toEqual(['12345678']);
    await batched.write('9');
    await batched.commit();
    expect(events).toEqual(['start 12345678', 'end 12345678', 'start 9', 'end 9', 'commit']);
  });

  it('drops what is pending on abort', async () => {
    const { output, events } = recorder();
    const batched = batchedOutput(output, 100);
    await batched.write('never');
    await batched.abort();
    await turn();
    expect(events).toEqual(['abort']);
  });
});
