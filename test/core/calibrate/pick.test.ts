/** The value proposed inside an interval: the roundest, then the nearest to the value now. */
import { describe, expect, it } from 'vitest';
import { inside, roundestIn } from '../../../src/core/calibrate/pick.js';

describe('roundestIn', () => {
  it('takes the whole number nearest the value when one fits', () => {
    expect(roundestIn({ lo: 4.6321, hi: 7.9, loIn: false, hiIn: false }, 3)).toBe(5);
    expect(roundestIn({ lo: 0.2, hi: 2.7, loIn: false, hiIn: false }, 3)).toBe(2);
  });

  it('uses more decimals only when no rounder value fits', () => {
    expect(roundestIn({ lo: 3.0001, hi: 3.02, loIn: false, hiIn: false }, 3)).toBe(3.01);
    expect(roundestIn({ lo: 2.97, hi: 2.9999, loIn: false, hiIn: false }, 3)).toBe(2.99);
    expect(roundestIn({ lo: 1.4, hi: 1.6, loIn: false, hiIn: false }, 3)).toBe(1.5);
  });

  it('takes an end only when it belongs to the interval', () => {
    expect(roundestIn({ lo: 65, hi: 67, loIn: false, hiIn: true }, 60)).toBe(66);
    expect(roundestIn({ lo: 60, hi: 61, loIn: false, hiIn: true }, 40)).toBe(61);
    expect(roundestIn({ lo: 60, hi: 61, loIn: false, hiIn: false }, 40)).toBe(60.1);
    expect(roundestIn({ lo: 54, hi: 60, loIn: true, hiIn: false }, 70)).toBe(59);
  });

  it('keeps the value when it lies inside, and steps past a value it must avoid', () => {
    expect(roundestIn({ lo: 1, hi: 9, loIn: false, hiIn: false }, 3.3)).toBe(3.3);
    expect(roundestIn({ lo: 4.5, hi: 9, loIn: false, hiIn: false }, 3, (v) => v === 5)).toBe(6);
  });

  it('falls back to the middle when no value of twelve decimals fits', () => {
    const lo = 1 + 1e-13;
    const hi = 1 + 3e-13;
    expect(roundestIn({ lo, hi, loIn: false, hiIn: false }, 0)).toBe((lo + hi) / 2);
  });

  it('knows which ends belong', () => {
    const iv = { lo: 1, hi: 2, loIn: true, hiIn: false };
    expect([inside(iv, 1), inside(iv, 1.5), inside(iv, 2), inside(iv, 0.5)]).toEqual([true, true, false, false]);
  });
});
