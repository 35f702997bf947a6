/**
 * `triage validate`: check principle sets, item files and decisions for CI. The report goes
 * to standard output or a file (-o, written atomically); a one-line summary to stderr.
 * Exit 0 without errors, 1 with errors or more warnings than --max-warnings, 2 for usage
 * problems, paths that cannot be read and input there is nothing to check in.
 */
import { printable } from '../core/printable.js';
import { stat } from 'node:fs/promises';
import { ExitCode, TriageError } from '../errors.js';
import { writeOutput } from '../io/output.js';
import { refuseInputAsOutput } from '../io/target.js';
import { expandInputs } from '../validate/expand.js';
import { parseMapping } from '../items/mapping.js';
import { VALIDATE_FORMATS, loadValidateFormat } from '../validate/formats/index.js';
import { plural, problemsText, totals, type Totals, type ValidationReport } from '../validate/report.js';
import { findRoot, pathsFromRoot } from '../validate/root.js';
import { validatePaths } from '../validate/validate.js';
import { noteFinding } from './found-so-far.js';
import { colorEnabled, type Io } from './io.js';
import { workbookChoice } from './input-options.js';
import type { ItemInputOptions } from './shared.js';
import { toolInfo } from './version.js';

/** Item files are read as `score` reads them: --map, --config, --delimiter, --encoding, --relax. */
export interface ValidateOptions extends ItemInputOptions {
  format: string;
  output?: string;
  maxWarnings?: number;
  /** The folder CI formats give paths from (default: the git top folder, else the working folder). */
  root?: string;
}

export async function validateCommand(files: string[], options: ValidateOptions, io: Io): Promise<number> {
  const started = performance.now();
  const format = await loadValidateFormat(options.format);
  if (!format) {
    throw new TriageError('usage', `unknown format "${options.format}"`, { hint: `use one of ${VALIDATE_FORMATS.join(', ')}`, option: 'format' });
  }
  const mapping = { ...options.configMap, ...parseMapping(options.map ?? []) };
  const root = await findRoot(io.cwd, options.root);
  const paths = pathsToCheck(files, options, io);
  // Refused before any work: a report written over a file it checks would replace it.
  if (options.output !== undefined && options.output !== '-' && (await stat(options.output).catch(() => undefined))?.isFile()) {
    const inputs = (await expandInputs(paths, options.principles)).map((input) => ({ path: input.path, what: 'input' }));
    if (options.config !== undefined) inputs.push({ path: options.config, what: 'config file' });
    await refuseInputAsOutput(options.output, inputs, { stdin: io.stdin });
  }
  const report = await validatePaths(paths, {
    ...(options.principles !== undefined ? { principles: options.principles } : {}),
    stdin: io.stdin,
    implicitStdin: files.length === 0 && options.principles === undefined,
    relax: options.relax ?? false,
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(Object.keys(mapping).length > 0 ? { mapping } : {}),
    workbook: workbookChoice(options),
    ...(options.ids !== undefined ? { ids: options.ids } : {}),
    ...(options.lenient ? { lenient: true } : {}),
  });
  const toFile = options.output !== undefined && options.output !== '-';
  const count = totals(report);
  const tooManyWarnings = options.maxWarnings !== undefined && count.warnings > options.maxWarnings;
  // Known before the report is written, so a reader that stops early (| head -1) still sees exit 1.
  if (count.errors > 0 || tooManyWarnings) noteFinding();
  const path = await pathsFromRoot(
    report.files.map((f) => f.file),
    root,
    io.cwd,
  );
  const text = format.render(report, { color: !toFile && colorEnabled(io.stdout, io.env, options.color), tool: toolInfo(), path });
  await writeOutput(options.output, text, io.stdout, { stderr: io.stderr });

  // The stylish report ends with its own total; other formats, and files, get one on stderr.
  if (!options.quiet && (toFile || format.name !== 'stylish')) io.stderr.write(`${printable(summary(count, toFile ? options.output : undefined))}\n`);
  if (options.debug) debugNotes(report, root, performance.now() - started, io);
  if (tooManyWarnings) {
    io.stderr.write(`triage: ${count.warnings} ${plural(count.warnings, 'warning')}, more than --max-warnings ${options.maxWarnings} allows\n`);
  }
  return count.errors > 0 || tooManyWarnings ? ExitCode.findings : ExitCode.ok;
}

/**
 * The paths named; with none, the -p set alone, or piped standard input (which must then hold
 * something: an empty path variable in a CI job must not pass for a clean check).
 */
function pathsToCheck(files: readonly string[], options: ValidateOptions, io: Io): string[] {
  if (files.length > 0 || options.principles !== undefined) return [...files];
  if (io.stdin.isTTY) {
    throw new TriageError('usage', 'no files given to validate', {
      hint: 'name files or folders, e.g. triage validate portfolio/, or pipe a file in with -',
    });
  }
  return ['-'];
}

function summary(count: Totals, written: string | undefined): string {
  const found = count.errors + count.warnings === 0 ? 'no problems' : problemsText(count);
  const where = written ? `; report written to ${written}` : '';
  return `${count.files} ${plural(count.files, 'file')} checked: ${found}${where}`;
}

function debugNotes(report: ValidationReport, root: string, ms: number, io: Io): void {
  // File names found in a folder are text from the file system: any byte but / and NUL.
  for (const file of report.files) io.stderr.write(`${printable(`debug: checked ${file.file} as ${file.kind} (${file.format})`)}\n`);
  for (const file of report.skipped) io.stderr.write(`${printable(`debug: skipped ${file}: not a principle set, item or decisions file`)}\n`);
  io.stderr.write(`${printable(`debug: paths in sarif, gitlab, github and junit reports are relative to ${root}`)}\n`);
  io.stderr.write(`debug: validated in ${ms.toFixed(0)} ms\n`);
}
