/**
 * Which value to propose inside an interval where every value gives the same routes: the
 * roundest (fewest decimals), and of those the nearest to where the parameter is now, so a
 * weight of 3 becomes 5 rather than 4.63217. Pure.
 */

/** An interval of a parameter's values; each end may or may not belong to it. */
export interface Interval {
  lo: number;
  hi: number;
  loIn: boolean;
  hiIn: boolean;
}

/** Decimals tried before falling back to the middle of the interval. */
const MAX_DECIMALS = 12;

/** True when `value` lies in the interval. */
export function inside(iv: Interval, value: number): boolean {
  return (value > iv.lo || (value === iv.lo && iv.loIn)) && (value < iv.hi || (value === iv.hi && iv.hiIn));
}

/**
 * The roundest value of the interval nearest to `from`, leaving out any `avoid` refuses
 * (`from` itself when it lies inside). The middle when no value of 12 decimals or fewer fits.
 */
export function roundestIn(iv: Interval, from: number, avoid: (value: number) => boolean = () => false): number {
  if (inside(iv, from) && !avoid(from)) return from;
  for (let decimals = 0; decimals <= MAX_DECIMALS; decimals++) {
    const scale = 10 ** decimals;
    // Dividing a whole number by a power of ten gives the double nearest the decimal: 3 / 10 is 0.3.
    const step = (k: number): number => k / scale;
    if (from <= iv.lo) {
      let k = Math.ceil(iv.lo * scale);
      for (let tries = 0; tries < 3; tries++, k++) {
        const v = step(k);
        if (v < iv.lo || (v === iv.lo && !iv.loIn)) continue;
        if (!inside(iv, v)) break;
        if (!avoid(v)) return v;
      }
    } else {
      let k = Math.floor(iv.hi * scale);
      for (let tries = 0; tries < 3; tries++, k--) {
        const v = step(k);
        if (v > iv.hi || (v === iv.hi && !iv.hiIn)) continue;
        if (!inside(iv, v)) break;
        if (!avoid(v)) return v;
      }
    }
  }
  return (iv.lo + iv.hi) / 2;
}
