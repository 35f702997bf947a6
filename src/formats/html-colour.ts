/**
 * Colour contrast for the HTML report's text. A route's colour is chosen for marks on a
 * chart, where 3:1 against the paper is enough (WCAG 2.2, 1.4.11); text in that colour needs
 * 4.5:1 (1.4.3). A route colour too light for text is darkened, keeping its hue, until it
 * reads on the report's lightest tinted background.
 */

/** The least contrast WCAG 2.2 AA allows for normal-size text. */
export const TEXT_CONTRAST = 4.5;

/** `colour` (`#rrggbb`), or the darkest it must be made, to give `ratio` against `background`. */
export function readableOn(colour: string, background: string, ratio = TEXT_CONTRAST): string {
  const rgb = parseHex(colour);
  const back = parseHex(background);
  if (!rgb || !back) return colour;
  const backLuminance = luminance(back);
  // Mix towards black a step at a time: at most 100 steps, and black always passes on a light background.
  for (let step = 0; step <= 100; step++) {
    const mixed = rgb.map((c) => Math.round((c * (100 - step)) / 100)) as Rgb;
    if (contrast(luminance(mixed), backLuminance) >= ratio) return toHex(mixed);
  }
  return '#000000';
}

/** The WCAG contrast ratio of two colours (`#rrggbb`), from 1 to 21; NaN if either is not one. */
export function contrastRatio(a: string, b: string): number {
  const x = parseHex(a);
  const y = parseHex(b);
  return x && y ? contrast(luminance(x), luminance(y)) : Number.NaN;
}

type Rgb = [number, number, number];

function parseHex(colour: string): Rgb | undefined {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!match) return undefined;
  return [parseInt(match[1] as string, 16), parseInt(match[2] as string, 16), parseInt(match[3] as string, 16)];
}

function toHex(rgb: Rgb): string {
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** Relative luminance, as WCAG defines it from sRGB. */
function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
