/**
 * The one interface every `validate` output format implements: a pure function from a
 * report to text. No files, no streams, no terminal; the CLI writes what it returns.
 */
import type { ValidationReport } from '../report.js';

export interface ValidateFormatContext {
  /** Colour allowed (a TTY, no NO_COLOR, no --no-color, not writing to a file). */
  color: boolean;
  /** Who made the report, for formats that say (SARIF). */
  tool: { name: string; version: string };
}

export interface ValidateFormat {
  name: string;
  /** One line for --help. */
  description: string;
  render(report: ValidationReport, context: ValidateFormatContext): string;
}
