import { describe, expect, it } from 'vitest';
import { Uint32List } from '../../src/io/uint32-list.js';

describe('Uint32List', () => {
  it('grows past its first room, replaces its last entry, copies what it holds, and is reused after clear', () => {
    const list = new Uint32List();
    for (let k = 0; k < 3000; k++) list.push(k * 7);
    list.setLast(5);
    const copy = list.copy();
    expect([copy.length, copy[0], copy[1024], copy[2998], copy[2999]]).toEqual([3000, 0, 7168, 20986, 5]);
    list.clear();
    list.push(9);
    // The copy is its own: refilling the list leaves it as it was.
    expect([Array.from(list.copy()), copy[0], list.size]).toEqual([[9], 0, 1]);
  });
});
