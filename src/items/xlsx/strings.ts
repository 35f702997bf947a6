/**
 * Text as workbooks store it: the shared-string table, kept compactly, and Office's
 * `_xHHHH_` escapes for characters XML cannot hold.
 */

/** Strings joined into one block of text each, so a table of millions costs little more than its characters. */
const STRINGS_PER_BLOCK = 65_536;

/**
 * The shared strings, by index. Each block of STRINGS_PER_BLOCK strings is joined into one
 * string, with the offsets where each ends: a million short strings cost their characters
 * and four bytes each, not a million string objects.
 */
export class SharedStrings {
  private readonly blocks: string[] = [];
  private pending: string[] = [];
  private ends = new Uint32Array(1024);
  private size = 0;
  /** Characters held so far. */
  chars = 0;
  private blockChars = 0;

  get count(): number {
    return this.size;
  }

  add(text: string): void {
    if (this.size === this.ends.length) {
      const grown = new Uint32Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.pending.push(text);
    this.blockChars += text.length;
    this.chars += text.length;
    this.ends[this.size++] = this.blockChars;
    if (this.pending.length === STRINGS_PER_BLOCK) this.seal();
  }

  /** Join what is left; call once every string is added. */
  finish(): void {
    if (this.pending.length > 0) this.seal();
  }

  /** The string at an index, or `undefined` when the table has none there. */
  get(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) return undefined;
    const block = this.blocks[Math.floor(index / STRINGS_PER_BLOCK)];
    if (block === undefined) return undefined;
    const first = index % STRINGS_PER_BLOCK === 0;
    const start = first ? 0 : (this.ends[index - 1] as number);
    return block.slice(start, this.ends[index] as number);
  }

  private seal(): void {
    this.blocks.push(this.pending.join(''));
    this.pending = [];
    this.blockChars = 0;
  }
}

const ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/**
 * Office writes a character XML cannot hold (a control character) as `_xHHHH_`, and a
 * literal `_xHHHH_` as `_x005F_xHHHH_`; read both back as the text they stand for.
 */
export function decodeEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** `A` for column 1, `AA` for 27: the letters of a column number. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** A cell as people write it: `Sheet1!C7`, the sheet name quoted when it needs to be (`'Q3 backlog'!C7`). */
export function cellReference(sheet: string, line: number, column: number): string {
  const name = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet) ? sheet : `'${sheet.replaceAll("'", "''")}'`;
  return `${name}!${columnLetters(column)}${line}`;
}

/** Column number and row of an A1 reference (`C7` is column 3, row 7), or `undefined` if it is not one. */
export function parseCellReference(ref: string): { column: number; row: number } | undefined {
  let column = 0;
  let k = 0;
  for (; k < ref.length; k++) {
    const c = ref.charCodeAt(k);
    if (c >= 65 && c <= 90) column = column * 26 + (c - 64);
    else if (c >= 97 && c <= 122) column = column * 26 + (c - 96);
    else break;
    if (k >= 3) return undefined;
  }
  if (k === 0 || k === ref.length) return undefined;
  let row = 0;
  for (; k < ref.length; k++) {
    const c = ref.charCodeAt(k);
    if (c < 48 || c > 57 || row > 99_999_999) return undefined;
    row = row * 10 + (c - 48);
  }
  return row === 0 ? undefined : { column, row };
}

/** A problem at a cell of a sheet, its message ending with the cell as people write it; unchanged off a sheet. */
export function inSheet<P extends { message: string; line: number; column: number }>(problem: P, sheet: string | undefined): P {
  if (sheet === undefined) return problem;
  return { ...problem, message: `${problem.message} (${cellReference(sheet, problem.line, problem.column)})` };
}
