/**
 * The few terminal styles the stylish format needs, as plain ANSI codes: cheaper to load
 * than a colour library, and off entirely unless the caller allows colour.
 */
export type Paint = (text: string) => string;

export interface Palette {
  red: Paint;
  yellow: Paint;
  green: Paint;
  dim: Paint;
  bold: Paint;
  underline: Paint;
}

const style =
  (open: number, close: number): Paint =>
  (text) =>
    `\u001b[${open}m${text}\u001b[${close}m`;

const plain: Paint = (text) => text;

/** Styles that colour when `color` is true and leave text alone otherwise. */
export function palette(color: boolean): Palette {
  if (!color) return { red: plain, yellow: plain, green: plain, dim: plain, bold: plain, underline: plain };
  return { red: style(31, 39), yellow: style(33, 39), green: style(32, 39), dim: style(2, 22), bold: style(1, 22), underline: style(4, 24) };
}
