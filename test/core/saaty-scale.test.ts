import { describe, expect, it } from 'vitest';
import { SCALE_VALUES, formatScaleValue, intensityName, intensityWords, nearestScaleValue, orient, scaleValue } from '../../src/core/saaty-scale.js';

describe("Saaty's scale", () => {
  it('names each intensity in words', () => {
    expect([1, 3, 5, 7, 9].map((k) => intensityWords(k as 1))).toEqual([
      'equally important as',
      'moderately more important than',
      'strongly more important than',
      'very strongly more important than',
      'extremely more important than',
    ]);
    expect(intensityName(4)).toBe('moderately to strongly');
    expect(intensityName(8)).toBe('very strongly to extremely');
  });

  it('holds 1/9 ... 1/2, 1, 2 ... 9 in order', () => {
    expect(SCALE_VALUES.map(formatScaleValue)).toEqual(['1/9', '1/8', '1/7', '1/6', '1/5', '1/4', '1/3', '1/2', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('reads whole numbers, fractions and decimals that round a reciprocal', () => {
    expect([1, 3, 9, 3.0, '7', ' 1/3 ', '1/9', '1 / 2', '1/1'].map((v) => scaleValue(v))).toEqual([1, 3, 9, 3, 7, 1 / 3, 1 / 9, 1 / 2, 1]);
    expect([0.5, 0.333, 0.33, 0.17, 0.14, 0.13, 0.12, 0.11, 0.125, '0.25'].map((v) => scaleValue(v))).toEqual([
      1 / 2,
      1 / 3,
      1 / 3,
      1 / 6,
      1 / 7,
      1 / 8,
      1 / 8,
      1 / 9,
      1 / 8,
      1 / 4,
    ]);
  });

  it('refuses what is not on the scale', () => {
    expect([0, -3, 10, 3.5, 0.3, 0.1, 0.4, Number.NaN, Infinity, '2/3', '1/10', 'three', '', '3x', '1e0'].map((v) => scaleValue(v))).toEqual(
      Array.from({ length: 15 }, () => undefined),
    );
  });

  it('orients a value as who is favoured and how strongly', () => {
    expect(orient(5)).toEqual({ favoursFirst: true, intensity: 5 });
    expect(orient(1 / 7)).toEqual({ favoursFirst: false, intensity: 7 });
    expect(orient(1)).toEqual({ favoursFirst: true, intensity: 1 });
  });

  it('finds the nearest value on a log scale', () => {
    expect([1.13, 2.44, 2.46, 0.92, 0.56, 0.05, 12].map(nearestScaleValue)).toEqual([1, 2, 3, 1, 1 / 2, 1 / 9, 9]);
  });
});
