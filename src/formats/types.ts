/**
 * The one interface every output format implements. A format turns assessments into text
 * and nothing else: no files, no streams, no terminal. The CLI writes what it returns.
 */
import type { Policy } from '../core/compile.js';
import type { Summary } from '../core/summary.js';
import type { AssessedItem } from '../core/types.js';

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
}

/** A running sink: `write` for each item (may return text to emit at once), `end` with the summary. */
export interface Sink {
  write(result: AssessedItem): string | undefined;
  end(summary: Summary): string;
}

export interface OutputFormat {
  name: string;
  description: string;
  /** True when `write` emits as it goes, so memory stays flat on any input size. */
  streaming: boolean;
  create(context: FormatContext): Sink;
}
