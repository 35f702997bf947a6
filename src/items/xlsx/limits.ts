/**
 * The limits a workbook must keep to be read. A workbook is a zip of XML parts, and both
 * layers can be made to cost far more than the file's size: a zip entry can declare (or
 * secretly hold) gigabytes, and a sheet can hold a million empty rows or a shared-string
 * table of millions of entries. Every limit is checked before the work it bounds, from the
 * zip's central directory where it can be, and again on the bytes actually inflated.
 * The analyst guide's "Excel workbooks" section lists them; keep the two in step.
 */

/** Largest workbook file read (a file on disk is read piece by piece, never whole). */
export const MAX_WORKBOOK_BYTES = 1024 * 1024 * 1024;

/** Largest workbook read from standard input, which is held in memory to reach the zip's directory at its end. */
export const MAX_STDIN_WORKBOOK_BYTES = 64 * 1024 * 1024;

/** Most entries in the zip. A workbook has a few dozen; Excel's largest rarely pass a thousand. */
export const MAX_ZIP_ENTRIES = 10_000;

/** Largest central directory, in bytes. */
export const MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;

/** Largest uncompressed worksheet part. About a million rows of a dozen columns. */
export const MAX_SHEET_BYTES = 1024 * 1024 * 1024;

/** Largest uncompressed shared-strings part. */
export const MAX_SHARED_STRINGS_BYTES = 256 * 1024 * 1024;

/** Most shared strings held, and most characters across them (they are held in memory). */
export const MAX_SHARED_STRINGS = 8_000_000;
export const MAX_SHARED_STRING_CHARS = 64 * 1024 * 1024;

/** Largest of every other part read (the workbook, its relationships, the styles). */
export const MAX_PART_BYTES = 16 * 1024 * 1024;

/** Most text between two pieces of markup: the XML parser holds it whole until the next tag. */
export const MAX_UNBROKEN_TEXT = 8 * 1024 * 1024;

/** Largest cell text, in characters; Excel itself stops at 32,767. As for a CSV record. */
export const MAX_CELL_CHARS = 1024 * 1024;

/** Most cell styles read from the styles part (Excel allows about 64,000). */
export const MAX_CELL_STYLES = 100_000;

/** Most merged ranges remembered (those that name header columns are what matter). */
export const MAX_MERGED_RANGES = 100_000;

/** Excel's own grid: rows and columns beyond it are a damaged or hostile file. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** Most columns a header may name, as for CSV. */
export const MAX_HEADER_COLUMNS = 1000;
