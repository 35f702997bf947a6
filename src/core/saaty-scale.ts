/**
 * Saaty's fundamental scale for pairwise comparisons: how much more important one principle
 * is than another, as a whole number from 1 (equally) to 9 (extremely), in words and back.
 * A judgement the other way round is the reciprocal (1/3: the other is moderately more).
 */

/** The intensities 1-9; odd ones are named steps, even ones lie between two of them. */
export const INTENSITIES = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export type Intensity = (typeof INTENSITIES)[number];

/** Saaty's words for each intensity, as "A is ... B". */
const WORDS: Readonly<Record<Intensity, string>> = {
  1: 'equally important as',
  2: 'equally to moderately more important than',
  3: 'moderately more important than',
  4: 'moderately to strongly more important than',
  5: 'strongly more important than',
  6: 'strongly to very strongly more important than',
  7: 'very strongly more important than',
  8: 'very strongly to extremely more important than',
  9: 'extremely more important than',
};

/** Short names, for a choice in a list or a column in a table. */
const NAMES: Readonly<Record<Intensity, string>> = {
  1: 'equally',
  2: 'equally to moderately',
  3: 'moderately',
  4: 'moderately to strongly',
  5: 'strongly',
  6: 'strongly to very strongly',
  7: 'very strongly',
  8: 'very strongly to extremely',
  9: 'extremely',
};

/** "moderately more important than" for 3. */
export function intensityWords(intensity: Intensity): string {
  return WORDS[intensity];
}

/** "moderately" for 3. */
export function intensityName(intensity: Intensity): string {
  return NAMES[intensity];
}

export function isIntensity(value: number): value is Intensity {
  return Number.isInteger(value) && value >= 1 && value <= 9;
}

/** Every value the scale allows, smallest first: 1/9 ... 1/2, 1, 2 ... 9. */
export const SCALE_VALUES: readonly number[] = [
  ...INTENSITIES.slice(1)
    .reverse()
    .map((k) => 1 / k),
  ...INTENSITIES,
];

/**
 * How far a decimal may be from a reciprocal and still be read as it: 0.005, so every
 * reciprocal rounded to two decimals (0.33, 0.17, 0.14, 0.13, 0.12, 0.11) is accepted. The
 * nearest two reciprocals (1/8 and 1/9) are 0.014 apart, so no decimal is read as two.
 */
export const RECIPROCAL_TOLERANCE = 0.005;

/**
 * A judgement's value as written in a file: a whole number 1-9, a fraction `1/2` to `1/9`
 * (also as text), or a decimal within RECIPROCAL_TOLERANCE of one of those reciprocals.
 * Returns the exact scale value, or undefined when the value is not on the scale.
 */
export function scaleValue(written: number | string): number | undefined {
  if (typeof written === 'string') {
    const text = written.trim();
    const fraction = /^1\s*\/\s*([1-9])$/.exec(text);
    if (fraction) return 1 / Number(fraction[1]);
    if (!/^[0-9]+(\.[0-9]+)?$/.test(text)) return undefined;
    return scaleValue(Number(text));
  }
  if (!Number.isFinite(written)) return undefined;
  if (isIntensity(written)) return written;
  for (let k = 2; k <= 9; k++) {
    // The small margin keeps 0.12 and 0.13 (1/8 = 0.125 either side) from failing on binary rounding.
    if (Math.abs(written - 1 / k) <= RECIPROCAL_TOLERANCE + 1e-12) return 1 / k;
  }
  return undefined;
}

/** A scale value as a person would write it: `3`, `1/3`. */
export function formatScaleValue(value: number): string {
  if (value >= 1) return String(Math.round(value));
  return `1/${Math.round(1 / value)}`;
}

/** A scale value as who is favoured and how strongly: 1/3 for (a, b) is b over a at 3. */
export function orient(value: number): { favoursFirst: boolean; intensity: Intensity } {
  const favoursFirst = value >= 1;
  const intensity = Math.round(favoursFirst ? value : 1 / value);
  return { favoursFirst, intensity: isIntensity(intensity) ? intensity : 9 };
}

/** The scale value nearest to a ratio, measured on a log scale (so 2.45 is nearer 3 than 2). */
export function nearestScaleValue(ratio: number): number {
  let best = 1;
  let bestDistance = Infinity;
  for (const value of SCALE_VALUES) {
    const distance = Math.abs(Math.log(ratio / value));
    if (distance < bestDistance - 1e-12) {
      best = value;
      bestDistance = distance;
    }
  }
  return best;
}
