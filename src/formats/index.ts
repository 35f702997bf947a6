/**
 * The registry of output formats for `triage score`. Each format is one module, imported
 * only when chosen, so start-up stays fast; its descriptor here says what the CLI needs to
 * know without loading it: its name and help line, whether rows stream out as they are read,
 * which options it honours, and whether its assessments carry counterfactuals. `--help`, the
 * option checks, progress and the docs are derived from these descriptors. Adding a format is
 * adding its module and one descriptor (see CONTRIBUTING.md).
 */
import type { OutputFormat, RoutedSink } from './types.js';

/** Options of `triage score` that only some formats honour. */
export type FormatOption = 'keepColumns' | 'limit' | 'routeSheets';

export interface FormatDescriptor {
  name: string;
  /** One line for `--help` and the docs. */
  description: string;
  /** True when rows come out while input is still being read (so they must not share the terminal with progress). */
  streaming: boolean;
  /** The options it honours beyond those every format does. */
  options: readonly FormatOption[];
  /** Its assessments carry `counterfactuals`, which cost a search per item. */
  counterfactuals: boolean;
  /**
   * Its document is a package of parts (an .xlsx file is a zip of XML parts): written as
   * bytes through the zip writer, and never to a terminal.
   */
  binary?: boolean;
  load(): Promise<OutputFormat>;
  /**
   * The same module, for a format whose rows show only the routed part of an assessment
   * (RoutedAssessment): `score` then leaves out the detail no row shows, when nothing else
   * (--fail-on, decisions, sorting, capacity) reads it.
   */
  loadRouted?(): Promise<OutputFormat<RoutedSink>>;
}

const FORMATS = new Map<string, FormatDescriptor>();

/** Add a format (the built-in ones below, or an embedder's own). */
export function registerFormat(descriptor: FormatDescriptor): void {
  if (FORMATS.has(descriptor.name)) throw new Error(`a format named "${descriptor.name}" already exists`);
  FORMATS.set(descriptor.name, descriptor);
}

registerFormat({
  name: 'table',
  description: 'a table for people, with a summary line (the default)',
  streaming: false,
  options: ['limit'],
  counterfactuals: false,
  load: async () => (await import('./table.js')).tableFormat,
});
registerFormat({
  name: 'json',
  description: 'one JSON document: { meta, summary, items }',
  streaming: false,
  options: [],
  counterfactuals: true,
  load: async () => (await import('./json.js')).jsonFormat,
});
registerFormat({
  name: 'jsonl',
  description: 'one JSON assessment per line, streamed (same keys as json items, then policy: tool version and principle-set hash)',
  streaming: true,
  options: [],
  counterfactuals: true,
  load: async () => (await import('./jsonl.js')).jsonlFormat,
});
registerFormat({
  name: 'csv',
  description:
    'one row per item for spreadsheets, streamed, with a policy column (tool version and principle-set hash); --keep-columns passes item columns through',
  streaming: true,
  options: ['keepColumns'],
  counterfactuals: false,
  load: async () => (await import('./csv.js')).csvFormat,
  loadRouted: async () => (await import('./csv.js')).csvFormat,
});
registerFormat({
  name: 'xlsx',
  description:
    'an Excel workbook (-o FILE.xlsx): a Summary sheet, and an Items table with the csv columns as typed cells; --route-sheets adds a sheet per route',
  streaming: false,
  options: ['keepColumns', 'routeSheets'],
  counterfactuals: false,
  binary: true,
  load: async () => (await import('./xlsx.js')).xlsxFormat,
});
registerFormat({
  name: 'markdown',
  description: 'a summary and a table per route, to paste into an issue, a wiki or a paper',
  streaming: false,
  options: [],
  counterfactuals: false,
  load: async () => (await import('./markdown.js')).markdownFormat,
});
registerFormat({
  name: 'html',
  description: 'a self-contained report with a chart, for a board paper or an email',
  streaming: false,
  options: [],
  counterfactuals: true,
  load: async () => (await import('./html.js')).htmlFormat,
});
registerFormat({
  name: 'chart',
  description: 'the alignment/transformation quadrant drawn in the terminal (--chart)',
  streaming: false,
  options: [],
  counterfactuals: false,
  load: async () => (await import('./chart.js')).chartFormat,
});

/** Every format's descriptor, in registration order. */
export function formats(): readonly FormatDescriptor[] {
  return [...FORMATS.values()];
}

/** Names of every format, for `--format` help and errors. */
export function formatNames(): string[] {
  return [...FORMATS.keys()];
}

/** A format's descriptor, or `undefined` when there is none by that name. */
export function formatNamed(name: string): FormatDescriptor | undefined {
  return FORMATS.get(name);
}

/** The formats that honour an option, for messages. */
export function formatsWith(option: FormatOption): string[] {
  return formats()
    .filter((f) => f.options.includes(option))
    .map((f) => f.name);
}
