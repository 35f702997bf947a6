/**
 * How a workbook is to be read, in a module of its own: the CLI and the item readers name
 * these options at start-up, and the workbook reader itself (with its XML parser) is loaded
 * only when a workbook is read.
 */
import type { HeaderResolver } from '../csv.js';
import type { ItemProblem } from '../normalise.js';

/** Which sheet of a workbook, and which of its rows names the columns (found when not given). */
export interface WorkbookChoice {
  /** A sheet's name, or its tab number from 1. */
  sheet?: string;
  headerRow?: number;
}

export interface WorkbookOptions extends WorkbookChoice {
  /** Names the header's columns (the column mapping and the principle set's fields). */
  resolveHeader: HeaderResolver;
  /** Warnings about cells that are read as empty, and values in columns with no name. */
  onProblem(problem: ItemProblem & { file: string }): void;
  onFile?(file: string, bytes: number | undefined): void;
  onBytes?: (bytes: number) => void;
}
