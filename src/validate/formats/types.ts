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
  /**
   * A checked file's path as CI services want it: relative to the root (`--root`, by default
   * the repository's top folder), with `/` between folders. Formats read by a CI service
   * (SARIF, GitLab, GitHub, JUnit) show paths so; the others show them as given. Without it,
   * paths are shown as given.
   */
  path?: (file: string) => string;
}

export interface ValidateFormat {
  name: string;
  /** One line for --help. */
  description: string;
  render(report: ValidationReport, context: ValidateFormatContext): string;
}

/** The context's path mapping, or paths as given. */
export function pathsIn(context: ValidateFormatContext): (file: string) => string {
  return context.path ?? ((file) => file);
}
