/**
 * `triage test [files...]`: run a principle set's test cases. Each tests file is checked
 * against the set given with -p, else the set it sits beside (`x.tests.yaml` tests `x.yaml`),
 * else the bundled one; with no files, the tests file beside the set in use. Results are a
 * validate report (failed cases and problems in the file are findings), printed by validate's
 * formats; `--coverage` adds which rules, criteria and signals the cases exercised.
 * Exit codes as for validate: 0 every case passed, 1 a case failed, a problem in a tests file
 * or coverage below --min-coverage, 2 usage errors and files that cannot be read or used.
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printable } from '../core/printable.js';
import { ExitCode, TriageError } from '../errors.js';
import type { Finding } from '../findings.js';
import { writeOutput } from '../io/output.js';
import type { RunInput } from '../io/target.js';
import { decodeUtf8, readBytes } from '../io/read.js';
import { DEFAULT_PRINCIPLES_URL, loadPrinciples, type LoadedPrinciples } from '../principles/load.js';
import { coverageText, percentText } from '../policy-tests/coverage-text.js';
import { CoverageCounter, type Coverage } from '../policy-tests/coverage.js';
import { parseTestsFile } from '../policy-tests/file.js';
import { failureFinding, runCase } from '../policy-tests/run.js';
import { VALIDATE_FORMATS, loadValidateFormat } from '../validate/formats/index.js';
import { plural, sortFindings, type CheckedFile, type ValidationReport } from '../validate/report.js';
import { noteFinding } from './found-so-far.js';
import { colorEnabled, type Io } from './io.js';
import type { CommonOptions } from './shared.js';
import { toolInfo } from './version.js';

export interface TestOptions extends CommonOptions {
  format: string;
  output?: string;
  coverage?: boolean;
  /** Exit 1 when coverage is below this percentage. */
  minCoverage?: number;
}

/** Tests files are small; a bigger one is a mistake. */
const MAX_TESTS_BYTES = 5 * 1024 * 1024;

/** `union.yaml` -> `union.tests.yaml`: where a set's tests are looked for. */
export function testsFileFor(setPath: string): string {
  const name = basename(setPath).replace(/\.(ya?ml|json)$/i, '');
  return join(dirname(setPath), `${name}.tests.yaml`);
}

interface Run {
  testsFile: string;
  set: LoadedPrinciples;
  passed: number;
  total: number;
  findings: Finding[];
  coverage: Coverage;
}

export async function testCommand(files: string[], options: TestOptions, io: Io): Promise<number> {
  const format = await loadValidateFormat(options.format);
  if (!format) throw new TriageError('usage', `unknown format "${options.format}"`, { hint: `use one of ${VALIDATE_FORMATS.join(', ')}`, option: 'format' });
  if (options.minCoverage !== undefined && options.minCoverage > 100) {
    throw new TriageError('usage', `--min-coverage ${options.minCoverage} is above 100`, { hint: 'give a percentage from 0 to 100', option: 'min-coverage' });
  }
  const wanted = await testsToRun(files, options, io);
  const runs: Run[] = [];
  for (const { path, shown, setPath } of wanted) runs.push(await runTests(path, shown, await loadPrinciples(setPath, { cwd: io.cwd, stdin: io.stdin })));

  const findings = runs.flatMap((r) => r.findings);
  if (options.minCoverage !== undefined) for (const r of runs) findings.push(...coverageGate(r, options.minCoverage));
  const checked: CheckedFile[] = runs.map((r) => ({ file: r.testsFile, kind: 'tests', format: 'yaml' }));
  const report: ValidationReport = { files: checked, findings: sortFindings(findings, checked), skipped: [] };
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (errors > 0) noteFinding();

  const toFile = options.output !== undefined && options.output !== '-';
  const color = !toFile && colorEnabled(io.stdout, io.env, options.color);
  let text = format.render(report, { color, tool: toolInfo() });
  // Coverage is for people: after the stylish report; with a machine format, on stderr.
  const coverage = options.coverage || options.minCoverage !== undefined ? runs.map((r) => coverageText(r.coverage, r.set.file)).join('') : '';
  const coverageOnStdout = format.name === 'stylish' && !toFile;
  if (coverage && coverageOnStdout) text += `\n${printable(coverage, { lines: true })}`;
  const inputs = [
    ...wanted.map((w) => ({ path: w.path, what: 'tests file' })),
    ...wanted.flatMap((w) => (w.setPath ? [{ path: w.setPath, what: 'principle set' }] : [])),
  ];
  await write(text, options.output, inputs, io);
  if (!options.quiet) {
    for (const r of runs) io.stderr.write(`${printable(summaryLine(r))}\n`);
    if (coverage && !coverageOnStdout) io.stderr.write(printable(coverage, { lines: true }));
    if (toFile) io.stderr.write(`${printable(`report written to ${options.output ?? ''}`)}\n`);
  }
  return errors > 0 ? ExitCode.findings : ExitCode.ok;
}

/** The report to standard output, or atomically to `-o`, which may be none of the inputs. */
async function write(text: string, path: string | undefined, inputs: RunInput[], io: Io): Promise<void> {
  await writeOutput(path, text, io.stdout, { inputs, stdin: io.stdin, stderr: io.stderr });
}

/** `principles/union.tests.yaml: 12 tests, 12 passed (principles/union.yaml)`. */
function summaryLine(r: Run): string {
  const failed = r.total - r.passed;
  const problems = r.findings.length - failed;
  const parts = [`${r.total} ${plural(r.total, 'test')}`, `${r.passed} passed`];
  if (failed > 0) parts.push(`${failed} failed`);
  if (problems > 0) parts.push(`${problems} ${plural(problems, 'problem')} in the file`);
  return `${r.testsFile}: ${parts.join(', ')} (${r.set.file})`;
}

/** Which tests files to run (as read, and as shown), each with the principle set it tests. */
async function testsToRun(
  files: readonly string[],
  options: TestOptions,
  io: Io,
): Promise<Array<{ path: string; shown: string; setPath: string | undefined }>> {
  if (files.length === 0) {
    const setPath = options.principles ?? fileURLToPath(DEFAULT_PRINCIPLES_URL);
    const path = testsFileFor(setPath);
    const shown = options.principles === undefined ? shownPath(path, io.cwd) : path;
    if (!(await isFile(path))) {
      const set = options.principles === undefined ? 'the bundled principle set' : options.principles;
      throw new TriageError('file-not-found', `no tests file for ${set}: looked for ${shown}`, {
        hint: 'write one beside the set (see principles/union.tests.yaml), or name the tests file: triage test my.tests.yaml',
      });
    }
    return [{ path, shown, setPath: options.principles }];
  }
  const runs: Array<{ path: string; shown: string; setPath: string | undefined }> = [];
  for (const file of files) {
    if (file === '-')
      throw new TriageError('usage', 'triage test reads tests files by name, not from standard input', { hint: 'name the file: triage test my.tests.yaml' });
    runs.push({ path: file, shown: file, setPath: options.principles ?? (await setBeside(file)) });
  }
  return runs;
}

/** `x.tests.yaml` tests `x.yaml` (or `x.yml`) when there is one beside it. */
async function setBeside(testsFile: string): Promise<string | undefined> {
  const match = /^(.*)\.tests\.ya?ml$/i.exec(basename(testsFile));
  if (!match) return undefined;
  for (const ext of ['.yaml', '.yml']) {
    const candidate = join(dirname(testsFile), `${match[1] as string}${ext}`);
    if (await isFile(candidate)) return candidate;
  }
  return undefined;
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() === true;
}

/** A path relative to the working folder when it is inside it, else absolute. */
function shownPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

async function runTests(path: string, file: string, set: LoadedPrinciples): Promise<Run> {
  const bytes = await readBytes(path, { what: 'tests file', maxBytes: MAX_TESTS_BYTES });
  const counter = new CoverageCounter(set.policy);
  const run: Run = { testsFile: file, set, passed: 0, total: 0, findings: [], coverage: counter.result() };
  let text: string;
  try {
    text = decodeUtf8(bytes, file);
  } catch (error) {
    const at = (error as TriageError).position;
    run.findings.push({
      ruleId: 'file/encoding',
      severity: 'error',
      message: (error as TriageError).message,
      file,
      line: at?.line ?? 1,
      column: at?.column ?? 1,
    });
    return run;
  }
  if (text.trim() === '') {
    run.findings.push({
      ruleId: 'file/empty',
      severity: 'error',
      message: `${file} is empty: a tests file holds a "tests:" list of { name, item, expect }`,
      file,
      line: 1,
      column: 1,
    });
    return run;
  }
  const parsed = parseTestsFile(text, file, set.policy);
  run.findings.push(...parsed.findings);
  for (const testCase of parsed.cases) {
    const result = runCase(set.policy, testCase);
    counter.add(result.assessment);
    run.total++;
    const failure = failureFinding(result, file);
    if (failure) run.findings.push(failure);
    else run.passed++;
  }
  run.coverage = counter.result();
  return run;
}

/** A finding when coverage is below the gate, at the top of the tests file. */
function coverageGate(r: Run, min: number): Finding[] {
  const { covered, total } = r.coverage;
  if (100 * covered >= min * total) return [];
  const message = `coverage of ${r.set.file} is ${percentText(r.coverage)} (${covered} of ${total}), below --min-coverage ${min}%: add tests for the rules, criteria and signals --coverage lists`;
  return [{ ruleId: 'test/coverage', severity: 'error', message, file: r.testsFile, line: 1, column: 1 }];
}
