/**
 * The high-level library entry point: raw records (strings as a CSV holds them, or typed
 * values) and a principle set in; items normalised and checked exactly as `triage score` does
 * (the same normaliser, the same duplicate-id check), assessed, summarised; and a renderer per
 * output format. A bad value throws an `InvalidRecordError`, a `TriageError` that names the
 * record, the field and the reason.
 */
import { assess as assessItem, type AssessOptions } from './core/assess.js';
import type { Policy } from './core/compile.js';
import { SummaryBuilder, type Summary } from './core/summary.js';
import type { AssessedItem, Assessment, FieldValue, PrincipleSet, WorkItem } from './core/types.js';
import { TriageError } from './errors.js';
import { renderAll } from './formats/assemble.js';
import { formatNamed, formatNames } from './formats/index.js';
import type { FormatContext, RunMeta } from './formats/types.js';
import { toolInfo } from './cli/version.js';
import { clock } from './io/clock.js';
import { createNormaliser, type ItemProblem, type RawRecord } from './items/normalise.js';
import { loadPrinciples, principlesFromBytes, type LoadedPrinciples } from './principles/load.js';

/**
 * A principle set: a file (`{ path }`), YAML text (`{ yaml }`), a parsed object (`{ set }`),
 * or one already loaded with `openPrinciples`. Leave it out for the bundled union.yaml.
 */
export type PrincipleSource = LoadedPrinciples | { path: string } | { yaml: string; file?: string } | { set: PrincipleSet; file?: string };

/** Load, check and compile a principle set; its problems throw, with `file:line:column`. */
export async function openPrinciples(source?: PrincipleSource): Promise<LoadedPrinciples> {
  if (source === undefined) return loadPrinciples();
  if ('policy' in source) return source;
  if ('path' in source) return loadPrinciples(source.path);
  // JSON is YAML, so a parsed set is checked by the same loader, positions and all.
  if ('set' in source) return principlesFromBytes(Buffer.from(JSON.stringify(source.set, null, 2)), source.file ?? '<principles>');
  return principlesFromBytes(Buffer.from(source.yaml), source.file ?? '<principles>');
}

export interface TriageOptions {
  principles?: PrincipleSource;
  /** Also find the smallest changes of facts that send each item elsewhere (slower). */
  counterfactuals?: boolean;
  /** What the records are called in messages and in `meta.inputs` (default `<records>`). */
  source?: string;
  /** The time of the run (`meta.generatedAt`); default: `SOURCE_DATE_EPOCH` if set, else now. */
  now?: Date;
}

export interface TriageResult {
  meta: RunMeta;
  summary: Summary;
  /** Each item with its assessment, in the order of the records. */
  results: AssessedItem[];
  policy: Policy;
}

/** A record that could not be read as an item: every problem, each naming its field. */
export class InvalidRecordError extends TriageError {
  /** 1-based number of the record among those given. */
  readonly record: number;
  readonly problems: readonly ItemProblem[];

  constructor(record: number, source: string, problems: readonly ItemProblem[]) {
    const first = problems[0] as ItemProblem;
    super('item-invalid', `record ${record}: ${first.message}`, {
      position: { file: source, line: record },
      ...(problems.length > 1 ? { hint: `${problems.length - 1} more problem(s) in this record` } : {}),
    });
    this.name = 'InvalidRecordError';
    this.record = record;
    this.problems = problems;
  }

  /** The field of the first problem. */
  get field(): string | undefined {
    return this.problems[0]?.field;
  }
}

/**
 * Normalise, check and assess records against a principle set, as `triage score` does: empty
 * means unknown, `"4.5"`, `"yes"` and `"council; ccg"` are read by the field's type, and a
 * value that cannot be read, a missing id or title, or an id used twice throws an
 * `InvalidRecordError` naming the record and the field.
 */
export async function triage(records: Iterable<Readonly<Record<string, unknown>>>, options: TriageOptions = {}): Promise<TriageResult> {
  const loaded = await openPrinciples(options.principles);
  const { policy } = loaded;
  const source = options.source ?? '<records>';
  const normaliser = createNormaliser(policy.fields);
  const summary = new SummaryBuilder(policy);
  const seen = new Map<string, number>();
  const results: AssessedItem[] = [];
  let number = 0;
  for (const values of records) {
    number++;
    if (values === null || typeof values !== 'object' || Array.isArray(values)) {
      throw new TriageError('item-invalid', `record ${number} is not an object of fields`, { position: { file: source, line: number } });
    }
    const line = number;
    const raw: RawRecord = { values: Object.assign(Object.create(null) as Record<string, unknown>, values), line, locate: () => ({ line, column: 1 }) };
    const { item, problems } = normaliser.normalise(raw, source);
    if (!item) throw new InvalidRecordError(number, source, problems);
    const first = seen.get(item.id);
    if (first !== undefined) {
      throw new InvalidRecordError(number, source, [
        {
          ruleId: 'item/duplicate-id',
          severity: 'error',
          field: 'id',
          message: `id "${item.id}" is used twice (first in record ${first}): give each item its own id`,
          line,
          column: 1,
        },
      ]);
    }
    seen.set(item.id, number);
    const result: AssessedItem = { item, assessment: assessItem(policy, item, { counterfactuals: options.counterfactuals === true }) };
    summary.add(result);
    results.push(result);
  }
  const meta: RunMeta = {
    tool: toolInfo(),
    principles: { file: loaded.file, hash: loaded.hash, organisation: loaded.set.organisation },
    inputs: [source],
    generatedAt: (options.now ?? clock(process.env)).toISOString(),
  };
  return { meta, summary: summary.result(), results, policy };
}

export interface RenderOptions {
  /** Item columns to pass through (csv). */
  keepColumns?: readonly string[];
  /** Width the table wraps to (default 100). */
  width?: number;
  /** Colour in the table (default off). */
  color?: boolean;
  /** Most rows the table shows (default all). */
  limit?: number;
}

/** The formats `render` can write as text: every format of `triage score` but the xlsx workbook. */
export type TextFormat = 'table' | 'json' | 'jsonl' | 'csv' | 'markdown' | 'html' | 'chart';

/** A result as one of `triage score`'s formats, byte for byte what the CLI writes for the same run. */
export async function render(format: TextFormat, result: TriageResult, options: RenderOptions = {}): Promise<string> {
  const descriptor = formatNamed(format);
  if (!descriptor || descriptor.binary) {
    const text = formatNames().filter((name) => !formatNamed(name)?.binary);
    throw new TriageError('usage', `cannot render "${format}" as text`, {
      hint: `use one of ${text.join(', ')}; for a workbook, run triage score -f xlsx -o FILE.xlsx`,
    });
  }
  const context: FormatContext = {
    policy: result.policy,
    meta: result.meta,
    color: options.color ?? false,
    width: options.width ?? 100,
    limit: options.limit ?? result.results.length,
    ...(options.keepColumns ? { keepColumns: options.keepColumns } : {}),
  };
  return renderAll(await descriptor.load(), context, result.results);
}

/** One renderer per text format: `formatters.csv(result)`, `formatters.markdown(result)`, ... */
export const formatters: Record<TextFormat, (result: TriageResult, options?: RenderOptions) => Promise<string>> = {
  table: (result, options) => render('table', result, options),
  json: (result, options) => render('json', result, options),
  jsonl: (result, options) => render('jsonl', result, options),
  csv: (result, options) => render('csv', result, options),
  markdown: (result, options) => render('markdown', result, options),
  html: (result, options) => render('html', result, options),
  chart: (result, options) => render('chart', result, options),
};

/**
 * Assess one item already normalised (a `WorkItem`: `{ id, title, values, extra }`, values of
 * the field's type). Raw records go through `triage`, which reads and checks them. A value of
 * the wrong kind for its field throws a `TriageError` naming the field, rather than being
 * scored as if it were something else.
 */
export function assess(policy: Policy, item: WorkItem, options: AssessOptions = {}): Assessment {
  checkNormalised(policy, item);
  return assessItem(policy, item, options);
}

function checkNormalised(policy: Policy, item: WorkItem): void {
  const shape = item as Partial<WorkItem> | null;
  if (shape === null || typeof shape !== 'object' || shape.values === null || typeof shape.values !== 'object') {
    throw new TriageError('item-invalid', 'assess takes a normalised item { id, title, values, extra }, not raw fields', {
      hint: 'pass raw records to triage(records, { principles }), which reads and checks them',
    });
  }
  for (const [name, value] of Object.entries(shape.values)) {
    const spec = policy.fields.get(name);
    if (!spec || value === undefined) continue;
    const problem = wrongKind(spec.type, spec.values, value);
    if (problem) {
      throw new TriageError('item-invalid', `item "${String(shape.id)}": ${name} ${JSON.stringify(value)} ${problem}`, {
        hint: 'pass raw records to triage(records, { principles }), which reads "4.5", "yes" and "council; ccg" by the field\'s type',
      });
    }
  }
}

/** Why a normalised value cannot be of the field's type, or `undefined` when it can. */
function wrongKind(type: string, allowed: readonly string[] | undefined, value: FieldValue): string | undefined {
  switch (type) {
    case 'number':
    case 'integer':
      return typeof value === 'number' && Number.isFinite(value) && (type === 'number' || Number.isInteger(value))
        ? undefined
        : `is not ${type === 'integer' ? 'a whole number' : 'a number'}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'is not true or false';
    case 'list':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return 'is not a list of words';
      return allowed && !value.every((v) => allowed.includes(v)) ? `holds a word that is not one of ${allowed.join(', ')}` : undefined;
    case 'enum':
      return typeof value === 'string' && allowed?.includes(value) ? undefined : `is not one of ${(allowed ?? []).join(', ')}`;
    default:
      return typeof value === 'string' ? undefined : 'is not text';
  }
}
