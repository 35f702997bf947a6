/**
 * `triage validate` as a function: paths in, a report of findings out. Principle sets are
 * checked first, then items against the set they follow, then decisions against both. Every
 * problem inside a file is a finding; only paths that cannot be read, or a choice of
 * principle set the command line leaves open, throw.
 *
 * The checks for principle sets and decisions (and with them the YAML parser) are imported
 * only when such files are among the inputs, so a CSV-only run starts fast.
 */
import { Readable } from 'node:stream';
import { compilePolicy, type Policy } from '../core/compile.js';
import type { FieldSpec, PrincipleSet } from '../core/types.js';
import { TriageError } from '../errors.js';
import type { Finding } from '../findings.js';
import type { Encoding } from '../io/decode.js';
import type { ColumnMapping } from '../items/mapping.js';
import type { WorkbookChoice } from '../items/read.js';
import { createNormaliser, type IdScheme } from '../items/normalise.js';
import { BUNDLED_PRINCIPLES } from './bundled-principles.generated.js';
import { expandInputs } from './expand.js';
import { checkItemFile, type ItemReading, type ItemSource, type ItemsContext } from './items.js';
import { LookAlikeIds } from './look-alike.js';
import { sortFindings, type CheckedFile, type ValidationReport } from './report.js';
import { withFix } from './messages.js';
import { loadSource, type Source } from './sources.js';

export interface ValidateOptions {
  /** The principle set items follow (`-p`); validated too. */
  principles?: string;
  stdin?: NodeJS.ReadableStream;
  /** Accept double quotes inside unquoted CSV fields. */
  relax?: boolean;
  /** CSV field delimiter (default: read from the header line). */
  delimiter?: string;
  /** Encoding of the item files (default: UTF-8, or UTF-16LE by its mark). */
  encoding?: Encoding;
  /** Item columns read as fields (`--map`, `--config`). */
  mapping?: ColumnMapping;
  /**
   * Standard input is read because no paths were named: empty, it is a usage error rather than
   * an empty file, so a CI job whose path variable is empty cannot pass.
   */
  implicitStdin?: boolean;
  /** Today's date (YYYY-MM-DD) where the user is, for decisions' `expires`; default: the clock's. */
  today?: string;
  /** The sheet of each workbook (`--sheet`) and its header row (`--header-row`). */
  workbook?: WorkbookChoice;
  /** How items without ids get them (`--ids`). */
  ids?: IdScheme;
  /** Values that do not fit their field are warnings, read as unknown (`--lenient`). */
  lenient?: boolean;
}

/** Validate files and folders; throws only for unreadable paths and usage problems. */
export async function validatePaths(args: readonly string[], options: ValidateOptions = {}): Promise<ValidationReport> {
  const inputs = await expandInputs(args, options.principles);
  const sources: Source[] = [];
  for (const input of inputs) sources.push(await loadSource(input, options.stdin, options.encoding));
  if (options.implicitStdin) refuseEmptyStdin(sources);
  // Tests files are `triage test`'s to check, even when named.
  const skipped = sources.filter((s) => (s.kind === 'other' && !s.explicit) || s.kind === 'tests').map((s) => s.file);
  // A file named on the command line is checked even when it looks like none of ours.
  const checked = sources
    .filter((s) => s.kind !== 'tests' && (s.kind !== 'other' || s.explicit))
    .map((s) => (s.kind === 'other' ? { ...s, kind: 'items' as const } : s));
  // A CI job pointed at the wrong folder must fail, not pass with nothing checked.
  if (checked.length === 0) {
    throw new TriageError('usage', `nothing to validate in ${args.join(', ')}: no principle set, item or decisions files`, {
      hint: 'check the path; folders are searched for .csv, .tsv, .yaml, .yml, .json, .jsonl, .ndjson, .xlsx and .xlsm files',
    });
  }

  const findings: Finding[] = checked.flatMap((s) => (s.problem ? [s.problem] : []));
  const sets = await checkPrincipleSets(checked, findings);
  const dependents = checked.some((s) => s.kind === 'items' || s.kind === 'decisions');
  const policy = dependents ? choosePolicy(checked, sets) : undefined;
  const items = await checkItems(checked, policy, findings, itemReading(options), options);
  const today = options.today ?? localDate(new Date());
  await checkDecisionFiles(checked, policy, checked.some((s) => s.kind === 'items') ? items : undefined, today, findings);

  const files: CheckedFile[] = checked.map(({ file, kind, format }) => ({ file, kind: kind as CheckedFile['kind'], format }));
  return { files, findings: sortFindings(findings.map(withFix), files), skipped };
}

/** Check every principle set; the usable ones (no errors) by source. */
async function checkPrincipleSets(sources: Source[], findings: Finding[]): Promise<Map<Source, PrincipleSet | undefined>> {
  const sets = new Map<Source, PrincipleSet | undefined>();
  const principleSources = sources.filter((s) => s.kind === 'principles' && !s.problem);
  if (principleSources.length === 0) return sets;
  const { checkPrincipleFile } = await import('./principles.js');
  const { MAX_PRINCIPLES_BYTES } = await import('../principles/load.js');
  for (const source of principleSources) {
    if ((source.bytes?.length ?? 0) > MAX_PRINCIPLES_BYTES) {
      source.problem = tooLarge(source.file, MAX_PRINCIPLES_BYTES);
      findings.push(source.problem);
      sets.set(source, undefined);
      continue;
    }
    const check = checkPrincipleFile(source.text as string, source.file);
    for (const finding of check.findings) findings.push(finding);
    sets.set(source, check.set);
  }
  return sets;
}

/**
 * The policy items and decisions follow: the set given with -p, else the only one among the
 * inputs, else the bundled default. `undefined` when that set has errors of its own.
 */
function choosePolicy(sources: readonly Source[], sets: ReadonlyMap<Source, PrincipleSet | undefined>): Policy | undefined {
  const candidates = sources.filter((s) => s.kind === 'principles');
  const chosen = candidates.find((s) => s.principles) ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (chosen) {
    const set = sets.get(chosen);
    return set ? compilePolicy(set) : undefined;
  }
  if (candidates.length > 1) {
    throw new TriageError(
      'usage',
      `several principle sets were found (${candidates.map((s) => s.file).join(', ')}), so it is not clear which one the items follow`,
      {
        hint: 'name it with -p, e.g. triage validate -p principles.yaml portfolio/',
      },
    );
  }
  return compilePolicy(BUNDLED_PRINCIPLES);
}

/** Without a usable principle set, items are still checked for what every item needs. */
const BUILT_IN_FIELDS: ReadonlyMap<string, FieldSpec> = new Map([
  ['id', { type: 'string', required: true }],
  ['title', { type: 'string', required: true }],
]);

/** How item files are read, from the options. */
function itemReading(options: ValidateOptions): ItemReading {
  return {
    relax: options.relax ?? false,
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.mapping ? { mapping: options.mapping } : {}),
    ...(options.workbook ? { workbook: options.workbook } : {}),
  };
}

/** The ids met in the item files, for the decisions. */
type ItemIds = Pick<ItemsContext, 'ids' | 'lookAlikes'>;

/** Check every item file in order; the ids met, for the decisions. */
async function checkItems(
  sources: readonly Source[],
  policy: Policy | undefined,
  findings: Finding[],
  reading: ItemReading,
  options: ValidateOptions,
): Promise<ItemIds> {
  const context: ItemsContext = {
    normaliser: createNormaliser(policy?.fields ?? BUILT_IN_FIELDS, {
      ...(options.ids !== undefined ? { ids: options.ids } : {}),
      ...(options.lenient ? { lenient: true } : {}),
    }),
    reads: policy ? [...policy.leavesByField.keys()] : [],
    unknownColumns: policy !== undefined,
    ids: new Map(),
    lookAlikes: new LookAlikeIds(),
    keepItems: sources.some((s) => s.kind === 'decisions'),
  };
  for (const source of sources.filter((s) => s.kind === 'items' && !s.problem)) {
    // One by one: spreading a file's findings (one per bad row, any number) into push overflows the stack.
    for (const finding of await checkItemFile(itemSource(source), context, reading)) findings.push(finding);
  }
  return context;
}

function itemSource(source: Source): ItemSource {
  // Files already read whole are handed over as a stream, so they are not read twice.
  if (source.bytes) {
    return {
      path: '-',
      file: source.file,
      format: source.format,
      stdin: Readable.from([source.bytes]),
      ...(source.text !== undefined ? { text: source.text } : {}),
    };
  }
  return { path: source.path, file: source.file, format: source.format };
}

async function checkDecisionFiles(
  sources: readonly Source[],
  policy: Policy | undefined,
  items: ItemIds | undefined,
  today: string,
  findings: Finding[],
): Promise<void> {
  const decisionSources = sources.filter((s) => s.kind === 'decisions' && !s.problem);
  if (decisionSources.length === 0) return;
  const { checkDecisionsFile } = await import('./decisions.js');
  for (const source of decisionSources) {
    const context = { policy, ids: items?.ids, today, ...(items ? { lookAlike: (id: string) => items.lookAlikes.like(id) } : {}) };
    for (const finding of checkDecisionsFile(source.text as string, source.file, context)) findings.push(finding);
  }
}

function refuseEmptyStdin(sources: readonly Source[]): void {
  const stdin = sources.find((s) => s.path === '-');
  if (stdin?.problem?.ruleId === 'file/empty') {
    throw new TriageError('usage', 'no files given to validate, and standard input is empty', {
      hint: 'name files or folders, e.g. triage validate portfolio/ (in CI, check that the path variable is set), or pipe a file in with -',
    });
  }
}

/** Today's date where the user is, as YYYY-MM-DD. */
function localDate(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function tooLarge(file: string, limit: number): Finding {
  return {
    ruleId: 'file/too-large',
    severity: 'error',
    message: `${file} is larger than ${limit / 1024 / 1024} MB, the limit for a principle set; split it, or trim what it does not need`,
    file,
    line: 1,
    column: 1,
  };
}
