/**
 * The heap settings a run makes as it goes (src/cli/heap.ts), with V8's own functions
 * replaced: which flags are set, and when. The memory they save is measured by the bench
 * (docs/performance.md), not here.
 */
import { getHeapSpaceStatistics, setFlagsFromString, type HeapSpaceInfo } from 'node:v8';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ParallelHeap, boundOldGeneration, keepYoungGenerationSmall, letYoungGenerationGrow } from '../../src/cli/heap.js';

vi.mock('node:v8', () => ({ getHeapSpaceStatistics: vi.fn(), setFlagsFromString: vi.fn() }));

const MB = 1024 * 1024;
function youngGeneration(bytes: number): void {
  const space = (name: string, size: number): HeapSpaceInfo => ({
    space_name: name,
    space_size: size,
    space_used_size: 0,
    space_available_size: 0,
    physical_space_size: size,
  });
  vi.mocked(getHeapSpaceStatistics).mockReturnValue([space('old_space', 40 * MB), space('new_space', bytes)]);
}

beforeEach(() => {
  vi.mocked(setFlagsFromString).mockClear();
  vi.mocked(getHeapSpaceStatistics).mockClear();
});

describe('heap settings', () => {
  it('holds the young generation at its size, lets it grow again, and bounds the old generation, each with its flag', () => {
    keepYoungGenerationSmall();
    letYoungGenerationGrow();
    boundOldGeneration();
    expect(vi.mocked(setFlagsFromString).mock.calls).toEqual([
      ['--semi-space-growth-factor=1'],
      ['--semi-space-growth-factor=2'],
      ['--heap-growing-percent=100'],
    ]);
  });

  it('on several threads, lets the old generation grow by its live size, and a young one under 8 MB grow until it is there', () => {
    // score held the young generation at its start; at 2 MB it is let go again.
    youngGeneration(2 * MB);
    const heap = new ParallelHeap();
    expect(vi.mocked(setFlagsFromString).mock.calls).toEqual([['--heap-growing-percent=100'], ['--semi-space-growth-factor=2']]);
    youngGeneration(4 * MB);
    heap.check();
    youngGeneration(8 * MB - 1);
    heap.check();
    expect(vi.mocked(setFlagsFromString)).toHaveBeenCalledTimes(2);
    youngGeneration(8 * MB);
    heap.check();
    expect(vi.mocked(setFlagsFromString).mock.calls.at(-1)).toEqual(['--semi-space-growth-factor=1']);
    // Once held, it is not looked at again.
    youngGeneration(16 * MB);
    heap.check();
    heap.check();
    expect(vi.mocked(setFlagsFromString)).toHaveBeenCalledTimes(3);
    expect(vi.mocked(getHeapSpaceStatistics)).toHaveBeenCalledTimes(4);
  });

  it('on several threads, holds a young generation already at 8 MB (again: starting a worker let it go), and looks at it no more', () => {
    youngGeneration(8 * MB);
    const heap = new ParallelHeap();
    heap.check();
    expect(vi.mocked(setFlagsFromString).mock.calls).toEqual([['--heap-growing-percent=100'], ['--semi-space-growth-factor=1']]);
    expect(vi.mocked(getHeapSpaceStatistics)).toHaveBeenCalledTimes(1);
  });
});
