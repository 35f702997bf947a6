/**
 * The registry of output formats for `triage score`, by name. Each format is one module,
 * imported only when chosen, so start-up stays fast. Adding a format is adding one line here.
 */
import type { OutputFormat } from './types.js';

const LOADERS: Record<string, () => Promise<OutputFormat>> = {
  table: async () => (await import('./table.js')).tableFormat,
  json: async () => (await import('./json.js')).jsonFormat,
  jsonl: async () => (await import('./jsonl.js')).jsonlFormat,
  csv: async () => (await import('./csv.js')).csvFormat,
  markdown: async () => (await import('./markdown.js')).markdownFormat,
  html: async () => (await import('./html.js')).htmlFormat,
  chart: async () => (await import('./chart.js')).chartFormat,
};

/** Names of every format, for `--format` help and errors. */
export function formatNames(): string[] {
  return Object.keys(LOADERS);
}

/** Load a format by name, or `undefined` when there is none by that name. */
export async function loadFormat(name: string): Promise<OutputFormat | undefined> {
  const loader = Object.hasOwn(LOADERS, name) ? LOADERS[name] : undefined;
  return loader ? loader() : undefined;
}
