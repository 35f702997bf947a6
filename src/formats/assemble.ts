/**
 * Running a sink in memory: the held sections are kept in arrays and placed at the end. For
 * tests, small runs and programs that embed the formats; the CLI spools held sections to a
 * temporary file instead (io/spool.ts), so a run of any size needs little memory.
 */
import { SummaryBuilder } from '../core/summary.js';
import type { AssessedItem } from '../core/types.js';
import type { Finished, FormatContext, Held, OutputFormat, PartStart, Placement, Sink, Written } from './types.js';

/** What `write` returned, as text to emit now and pieces to hold. */
export function splitWritten(written: Written): { text: string; held: readonly Held[] } {
  if (written === undefined) return { text: '', held: [] };
  if (typeof written === 'string') return { text: written, held: [] };
  return { text: '', held: isHeld(written) ? [written] : written };
}

function isHeld(written: Held | readonly Held[]): written is Held {
  return !Array.isArray(written);
}

/** Sections held in memory. */
export class MemorySections {
  private readonly sections = new Map<string, string[]>();

  /** Hold what `write` returned; the text to emit at once. */
  take(written: Written): string {
    const { text, held } = splitWritten(written);
    for (const piece of held) {
      const pieces = this.sections.get(piece.section);
      if (pieces) pieces.push(piece.text);
      else this.sections.set(piece.section, [piece.text]);
    }
    return text;
  }

  /** The finished document, each placed section's pieces rendered in order. */
  place(finished: Finished): string {
    if (typeof finished === 'string') return finished;
    let out = '';
    for (const part of finished) {
      if (typeof part === 'string') {
        out += part;
        continue;
      }
      if (isPartStart(part)) throw new Error(`a packaged document (part ${part.part}) is placed with placeParts`);
      const render = part.render ?? ((piece: string) => piece);
      for (const piece of this.sections.get(part.section) ?? []) out += render(piece);
    }
    return out;
  }

  /** A packaged document's parts by name, in order, each with its text (sections placed). */
  placeParts(finished: Finished): Map<string, string> {
    const parts = new Map<string, string>();
    if (typeof finished === 'string') throw new Error('not a packaged document');
    let current: string | undefined;
    const add = (text: string): void => {
      if (current === undefined) throw new Error('a packaged document starts with a part');
      parts.set(current, (parts.get(current) ?? '') + text);
    };
    for (const part of finished) {
      if (typeof part === 'string') add(part);
      else if (isPartStart(part)) {
        current = part.part;
        parts.set(current, '');
      } else {
        const render = part.render ?? ((piece: string) => piece);
        for (const piece of this.sections.get(part.section) ?? []) add(render(piece));
      }
    }
    return parts;
  }
}

/** True for the start of a part of a packaged document, false for a placed section. */
export function isPartStart(part: Placement | PartStart): part is PartStart {
  return (part as PartStart).part !== undefined;
}

/** The parts of a packaged format's document (xlsx) for these results, in memory: for tests and embedders. */
export function renderParts(format: OutputFormat, context: FormatContext, results: Iterable<AssessedItem>): Map<string, string> {
  const sink = format.create(context);
  const summary = new SummaryBuilder(context.policy);
  const sections = new MemorySections();
  for (const result of results) {
    summary.add(result);
    if (sections.take(sink.write(result)) !== '') throw new Error('a packaged format writes nothing outside its parts');
  }
  return sections.placeParts(sink.end(summary.result()));
}

/** Everything a format prints for these results, in order, with their summary. */
export function renderAll(format: OutputFormat, context: FormatContext, results: Iterable<AssessedItem>): string {
  return renderWith(format.create(context), new SummaryBuilder(context.policy), results);
}

function renderWith(sink: Sink, summary: SummaryBuilder, results: Iterable<AssessedItem>): string {
  const sections = new MemorySections();
  let out = '';
  for (const result of results) {
    summary.add(result);
    out += sections.take(sink.write(result));
  }
  return out + sections.place(sink.end(summary.result()));
}
