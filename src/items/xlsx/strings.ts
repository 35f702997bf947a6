/**
 * Text as workbooks store it: the shared-string table, kept compactly, and Office's
 * `_xHHHH_` escapes for characters XML cannot hold.
 */

/**
 * The shared strings, by index, kept as UTF-8 in one growing buffer with the offset where
 * each ends. Outside the JavaScript heap, a table of a hundred thousand strings costs its
 * bytes and four more each, and reading it leaves the garbage collector nothing to keep:
 * strings held on the heap while the table is read would all survive, and make the heap
 * grow its young generation for the rest of the run.
 */
export class SharedStrings {
  private bytes = Buffer.allocUnsafe(64 * 1024);
  private used = 0;
  private ends: Uint32Array = new Uint32Array(1024);
  private size = 0;
  /** Characters held so far (UTF-16 code units, as `length` counts). */
  chars = 0;

  get count(): number {
    return this.size;
  }

  add(text: string): void {
    if (this.size === this.ends.length) this.ends = grow(this.ends, this.ends.length * 2);
    const needed = this.used + Buffer.byteLength(text, 'utf8');
    if (needed > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(needed, this.bytes.length * 2));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    this.used += this.bytes.write(text, this.used, 'utf8');
    this.chars += text.length;
    this.ends[this.size++] = this.used;
  }

  /** The table is complete (kept for symmetry with readers that seal blocks). */
  finish(): void {}

  /** The string at an index, or `undefined` when the table has none there. */
  get(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) return undefined;
    const start = index === 0 ? 0 : (this.ends[index - 1] as number);
    return this.bytes.toString('utf8', start, this.ends[index]);
  }
}

function grow(list: Uint32Array, size: number): Uint32Array {
  const grown = new Uint32Array(size);
  grown.set(list);
  return grown;
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
