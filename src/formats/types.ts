/**
 * The one interface every output format implements. A format turns assessments into text
 * and nothing else: no files, no streams, no terminal. The CLI writes what it returns.
 */
import type { Policy } from '../core/compile.js';
import type { Summary } from '../core/summary.js';
import type { AssessedItem, RoutedItem } from '../core/types.js';

/** Where a result came from, so any output can be traced to the policy that made it. */
export interface RunMeta {
  tool: { name: string; version: string };
  principles: { file: string; hash: string; organisation: string };
  inputs: string[];
  /** ISO time of the run; formats that must be reproducible leave it out. */
  generatedAt: string;
}

export interface FormatContext {
  policy: Policy;
  meta: RunMeta;
  /** Colour allowed (a TTY, no NO_COLOR, no --no-color). */
  color: boolean;
  /** Terminal width for formats that wrap; 100 when unknown. */
  width: number;
  /** Item columns to pass through, for formats that can (CSV). */
  keepColumns?: readonly string[];
  /** Most rows a terminal view prints; the rest are counted in the summary. */
  limit?: number;
  /** A sheet per route besides the Items sheet, for formats that can (xlsx). */
  routeSheets?: boolean;
}

/**
 * A piece of text held aside in a named section of the document, because the document puts
 * something that is only known at the end (a summary, a count) before it. Whoever runs the
 * sink keeps the pieces out of memory (the CLI spools them to a temporary file) and puts
 * them back where `end` says.
 */
export interface Held {
  section: string;
  text: string;
}

/** What `write` returns: text to emit at once, pieces to hold in sections, or nothing. */
export type Written = string | Held | readonly Held[] | undefined;

/**
 * Where a held section goes in the finished document: its pieces in the order they were
 * held. `render`, when given, makes each piece's final text, for pieces whose form depends
 * on what came after them (whether a table needs a column at all, say); it is called once per
 * piece, in order.
 */
export interface Placement {
  section: string;
  render?: (piece: string) => string;
}

/**
 * Where a new part of a packaged document starts: the text after it, up to the next one, is
 * that part (an .xlsx file is a zip of XML parts: `xl/workbook.xml`, ...). Only formats whose
 * descriptor says `binary` use it; their output packs the parts into the file.
 */
export interface PartStart {
  part: string;
}

/** The finished document: plain text, or text with held sections (and, packaged, parts) placed in it. */
export type Finished = string | ReadonlyArray<string | Placement | PartStart>;

/**
 * A running sink: `write` for each item, `end` with the summary. A format that can write
 * each item as it comes returns text; one whose document starts with what only the end
 * knows holds its items' text in sections and places them in what `end` returns, so no
 * format needs to keep every item in memory.
 */
export interface Sink {
  write(result: AssessedItem): Written;
  end(summary: Summary): Finished;
}

/** The sink of a format that writes each item as it comes: text out, nothing held. */
export interface TextSink extends Sink {
  write(result: AssessedItem): string | undefined;
  end(summary: Summary): string;
}

/**
 * The sink of a format whose rows show only the routed part of an assessment (the csv
 * format): it takes an item with the full assessment or with that part alone.
 */
export interface RoutedSink {
  write(result: RoutedItem): string | undefined;
  /**
   * The summary of a routed run counts no unsettled items and no facts to chase (only whole
   * assessments know them: SummaryBuilder.addRouted), so `end` must not read `unsettled` or
   * `chase`.
   */
  end(summary: Summary): string;
}

/** A format's module: what makes its sink. What the CLI knows of it is in its descriptor (index.ts). */
export interface OutputFormat<S extends Sink = Sink> {
  create(context: FormatContext): S;
}
