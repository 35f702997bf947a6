import { describe, expect, it } from 'vitest';
import { Progress } from '../../src/cli/progress.js';

/** A terminal that records what was written, and a clock the test moves. */
function setup() {
  const written: string[] = [];
  let now = 0;
  const progress = new Progress({ isTTY: true, write: (text: string) => written.push(text) }, { now: () => now, interval: 100 });
  return { written, progress, tick: (ms: number) => (now += ms) };
}

describe('Progress', () => {
  it('draws rows, rows per second, the share of bytes and the time, on one redrawn line', () => {
    const { written, progress, tick } = setup();
    progress.file(1000);
    progress.read(250);
    tick(2000);
    progress.counted(4000);
    expect(written).toEqual(['\r\u001b[2K4,000 rows · 2,000 rows/s · 25% · 2s']);
  });

  it('redraws at most once per interval, and reads the clock only every few hundred rows', () => {
    const { written, progress, tick } = setup();
    tick(150);
    progress.counted(100); // fewer rows than the clock waits for: nothing drawn
    progress.counted(500);
    tick(50);
    progress.counted(600); // too soon after the last draw
    tick(60);
    progress.counted(600);
    expect(written).toEqual(['\r\u001b[2K600 rows · 4,000 rows/s · 0s', '\r\u001b[2K1,800 rows · 6,923 rows/s · 0s']);
  });

  it('leaves out the percentage when the size is unknown (standard input), and shows minutes', () => {
    const { progress, tick } = setup();
    progress.file(undefined);
    progress.read(5000);
    tick(125_000);
    expect(progress.line()).toBe('0 rows · 0 rows/s · 2m 05s');
  });

  it('clears its line only when one is shown', () => {
    const { written, progress, tick } = setup();
    progress.clear();
    expect(written).toEqual([]);
    tick(500);
    progress.counted(1000);
    progress.clear();
    progress.clear();
    expect(written.at(-1)).toBe('\r\u001b[2K');
    expect(written).toHaveLength(2);
  });
});
