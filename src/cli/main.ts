/**
 * The `triage` command line: registers commands, parses options, and turns every error into
 * one line on stderr and an exit code. Each command's module is imported only when it runs.
 * This is the only place that decides how the program ends.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { printable } from '../core/printable.js';
import { ExitCode, TriageError, formatError } from '../errors.js';
import { findingLines, type Finding } from '../findings.js';
import { foundSoFar, resetFindings } from './found-so-far.js';
import { READING_KEYS, addItemInputOptions, placeConfigError } from './input-options.js';
import { processIo, type Io } from './io.js';
import { toolVersion } from './version.js';
// Only the names: each format's module is imported when it is chosen.
import { VALIDATE_FORMATS } from '../validate/formats/index.js';
import { formatNames, formats, formatsWith } from '../formats/index.js';

/** Run the CLI with the given arguments (without `node` and the script). Returns the exit code. */
export async function run(args: readonly string[], io: Io = processIo()): Promise<number> {
  let exitCode: number = ExitCode.ok;
  resetFindings();
  const debug = args.includes('--debug');
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (error) {
    const command = program.commands.find((c) => c.name() === args[0])?.name();
    exitCode = reportError(error, io, debug, command);
  }
  return exitCode;
}

/** Entry point for bin/triage.js. */
export function main(): void {
  // A closed pipe (`triage score | head -1`) is not an error: stop quietly. Any other failure
  // to write results (a full disk under `> file`) must not pass for success.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // What was read before the pipe closed still counts (cli/found-so-far.ts).
    if (error.code === 'EPIPE') process.exit(foundSoFar() ? ExitCode.findings : (process.exitCode ?? 0));
    process.stderr.write(`${stdoutFailure(error)}\n`);
    process.exit(ExitCode.usage);
  });
  // Diagnostics that cannot be written (stderr closed) have nowhere to go; the exit code stands.
  process.stderr.on('error', () => undefined);
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`triage: internal error: ${printable(String(error))}\n`);
      process.exitCode = ExitCode.usage;
    },
  );
}

/** One line for a write to standard output that failed. */
function stdoutFailure(error: NodeJS.ErrnoException): string {
  const why =
    error.code === 'ENOSPC' || error.code === 'EDQUOT'
      ? 'the disk is full'
      : error.code === 'EFBIG'
        ? 'the output would be larger than this system allows'
        : error.message || String(error.code);
  return `triage: cannot write to standard output: ${why}, so the output is incomplete; free some space, or write to a file elsewhere with -o`;
}

type SetExit = (code: number) => void;

/** A command's action: imported lazily, given its arguments and options, returns an exit code. */
type Action = (...args: unknown[]) => Promise<number>;

/** The names and one-line descriptions of the commands, for the docs. */
export function commands(): Array<{ name: string; description: string }> {
  return buildProgram(processIo(), () => undefined).commands.map((c) => ({ name: c.name(), description: c.description() }));
}

function buildProgram(io: Io, setExit: SetExit): Command {
  const program = new Command('triage')
    .description(
      'Assess work items against strategic principles, tell transformational work from business as usual, and route each item to The Union, the council, the CCG, an individual, or a human review.',
    )
    .version(toolVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Help is as wide as the terminal it goes to, and 80 columns anywhere else (files, docs).
      getOutHelpWidth: () => (io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : 80),
      getErrHelpWidth: () => (io.stderr.isTTY && io.stderr.columns ? io.stderr.columns : 80),
      // reportError prints the error as one line, with the way out.
      outputError: () => undefined,
    })
    .addHelpText(
      'after',
      `
Examples:
  $ triage score examples/backlog.csv
  $ triage explain WI-07 examples/backlog.csv
  $ triage score backlog.csv --format json -o results.json
  $ triage validate portfolio/ --format github

Exit codes: 0 success, 1 input found wanting, 2 usage error or unusable input, 130 interrupted.
Run "triage <command> --help" for a command's options.`,
    );

  const wire = (command: Command, load: () => Promise<Action>): Command =>
    command.exitOverride().action(async (...args: unknown[]) => {
      const action = await load();
      try {
        setExit(await action(...args.slice(0, -1), io));
      } catch (error) {
        throw placeConfigError(args[args.length - 1] as Command, error);
      }
    });

  wire(
    addItemInputOptions(
      common(
        program
          .command('score')
          .description('assess and route work items, then print a table or export a report')
          .argument('[files...]', 'item files (CSV, YAML, JSON, JSONL, Excel .xlsx); - reads standard input'),
      ),
      io,
    )
      .addOption(new Option('-f, --format <name>', `output format: ${formatNames().join(', ')}`).default('table'))
      .option('-o, --output <file>', 'write to a file (atomically) instead of standard output')
      .addOption(
        new Option('--sort <key>', 'order of items').choices(['input', 'route', 'alignment', 'transformation', 'confidence', 'id', 'title']).default('input'),
      )
      .option('--route <ids...>', 'only show items routed to these routes')
      .option('--limit <n>', 'show at most n rows in the table (default: 1000)', parseCount)
      .addOption(
        new Option('--input-format <format>', 'read items as this format instead of going by the extension').choices([
          'csv',
          'tsv',
          'yaml',
          'json',
          'jsonl',
          'xlsx',
        ]),
      )
      .option('--relax', 'accept double quotes inside unquoted CSV fields')
      .option('--decisions <file>', "apply people's decisions (a YAML file of overrides) to the routes")
      .option(
        '--fail-on <names...>',
        'exit 1 when any item is routed to, or classified as, one of these (e.g. review), or with over-capacity does not fit its route capacity',
      )
      .option('--keep-columns <names...>', `with --format ${formatsWith('keepColumns').join(' or ')}: pass these item columns through`)
      .option('--chart', 'draw alignment against transformation in the terminal instead of the table')
      .option(
        '--no-counterfactuals',
        `leave out what would change each route (${formats()
          .filter((f) => f.counterfactuals)
          .map((f) => f.name)
          .join(', ')} have them): much faster for big backlogs`,
      )
      .option('--route-sheets', `with --format ${formatsWith('routeSheets').join(' or ')}: add a sheet per route`)
      .option(
        '--time-limit <seconds>',
        'capacity selection (a principle set with capacity): most seconds each solve may take before it reports the best found and its gap (default: 30)',
        parseSeconds,
      )
      .option(
        '--jobs <n>',
        'threads that score a big CSV file with --format csv or jsonl: the main thread and n - 1 workers (default: the available cores; 1 for small inputs and pipes)',
        parseJobs,
      )
      .addHelpText(
        'after',
        `
Examples:
  $ triage score examples/backlog.csv
  $ triage score examples/backlog.csv --chart
  $ triage score backlog.csv -f html -o report.html
  $ triage score backlog.xlsx --sheet Backlog -f xlsx -o results.xlsx
  $ triage score backlog.csv -f csv --keep-columns owner tags -o scored.csv
  $ triage score backlog.csv --decisions decisions.yaml --fail-on review
  $ triage score backlog.csv --sort alignment --route union review
  $ triage score backlog.yaml -p our-principles.yaml --format json -o results.json
  $ cat backlog.csv | triage score - --format json
  $ triage score export.csv --map title=project_name,description=aims --encoding latin1 -f csv -o scored.csv
  $ triage score export.csv --config export.yaml`,
      ),
    async () => (await import('./score.js')).scoreCommand as Action,
  );

  wire(
    addItemInputOptions(
      common(
        program
          .command('explain')
          .description("show one item's assessment: every criterion, signal and rule, and why")
          .argument('<id>', 'the id of the item to explain')
          .argument('[files...]', 'item files; - reads standard input'),
      ),
      io,
    )
      .addOption(new Option('-f, --format <name>', 'output format').choices(['text', 'json']).default('text'))
      .option('--full', 'every criterion, signal and rule with its test, rather than one screen')
      .option('--decisions <file>', "show the item's decision from this file (who, when, why, stale or expired), and assess with it")
      .addOption(new Option('--input-format <format>', 'read items as this format').choices(['csv', 'tsv', 'yaml', 'json', 'jsonl', 'xlsx']))
      .option('--relax', 'accept double quotes inside unquoted CSV fields')
      .option('--time-limit <seconds>', 'capacity selection (a principle set with capacity): most seconds each solve may take (default: 30)', parseSeconds)
      .addHelpText(
        'after',
        `
The text fits the terminal (COLUMNS when set, 80 when not a terminal): the reason first, the
scores and what carried them, what is not known, and what would change the route.

With a principle set that declares capacity, every item in the files is read and selection runs
as score runs it, so the explanation says whether the item fits its body's capacity, and where
it goes if it does not.

Examples:
  $ triage explain WI-07 examples/backlog.csv
  $ triage explain WI-12 examples/backlog.csv --full
  $ triage explain WI-12 examples/backlog.csv --decisions examples/decisions.yaml
  $ triage explain WI-07 examples/backlog.csv --format json
  $ triage explain WI-02 examples/backlog.csv -p examples/union-capacity.yaml`,
      ),
    async () => (await import('./explain.js')).explainCommand as Action,
  );

  wire(
    common(program.command('principles').description('show the principle set in use: principles, signals, thresholds and routing rules'))
      .addOption(new Option('-f, --format <name>', 'output format').choices(['text', 'json']).default('text'))
      .addHelpText(
        'after',
        `
Examples:
  $ triage principles
  $ triage principles -p our-principles.yaml --format json`,
      ),
    async () => (await import('./principles.js')).principlesCommand as Action,
  );

  wire(
    addItemInputOptions(
      common(
        program
          .command('validate')
          .description('check principle sets, item files and decisions files, with exact positions, for CI')
          .argument('[files...]', 'files or folders (searched for .csv .tsv .yaml .yml .json .jsonl .xlsx files); - reads standard input'),
      ),
      io,
      READING_KEYS,
    )
      .addOption(new Option('-f, --format <name>', `report format: ${VALIDATE_FORMATS.join(', ')}`).default('stylish'))
      .option('-o, --output <file>', 'write the report to a file (atomically); a summary still goes to stderr')
      .option('--max-warnings <n>', 'exit 1 when there are more than n warnings', parseCount)
      .option('--root <dir>', 'the folder sarif, gitlab, github and junit paths are relative to (default: the git top folder, else the working folder)')
      .option('--relax', 'accept double quotes inside unquoted CSV fields')
      .addHelpText(
        'after',
        `
Examples:
  $ triage validate portfolio/
  $ triage validate backlog.csv decisions.yaml -p principles.yaml
  $ triage validate portfolio/ --format github
  $ triage validate portfolio/ --format sarif -o triage.sarif
  $ triage validate portfolio/ --format junit -o triage-junit.xml --max-warnings 0
  $ triage validate export.csv --config export.yaml

Item files are read as score reads them (--map, --delimiter, --encoding); from a --config,
validate takes those and the principle set, and leaves a scoring job's format and output.
Items and decisions are checked against the principle set given with -p, else the one among
the files, else the bundled default. Exit codes: 0 no errors, 1 errors (or more warnings than
--max-warnings), 2 usage errors, paths that cannot be read, a file named that validate cannot
check, and no files given with nothing on standard input.`,
      ),
    async () => (await import('./validate.js')).validateCommand as Action,
  );

  wire(
    common(
      program
        .command('test')
        .description("run a principle set's test cases (items and the routes they should get), with coverage, for CI")
        .argument('[files...]', 'tests files (default: the <set>.tests.yaml beside the principle set in use)'),
    )
      .addOption(new Option('-f, --format <name>', `report format: ${VALIDATE_FORMATS.join(', ')}`).default('stylish'))
      .option('-o, --output <file>', 'write the report to a file (atomically); a summary still goes to stderr')
      .option('--coverage', 'also show which rules fired, which never did, and which criteria and signals were seen both met and not met')
      .option('--min-coverage <percent>', 'exit 1 when coverage is below this percentage (implies --coverage)', parsePercent)
      .addHelpText(
        'after',
        `
A tests file is YAML: tests: [{ name, item: { ...fields }, expect: { route, classification?,
rule?, firm?, alignment?: { gte: 50 }, transformation?: { lt: 40 } } }]. x.tests.yaml tests the
set x.yaml beside it, unless -p names another.

Examples:
  $ triage test
  $ triage test --coverage
  $ triage test -p my-principles.yaml
  $ triage test principles/union.tests.yaml --format junit -o test-results.xml
  $ triage test --format github --min-coverage 90

Exit codes: 0 every test passed, 1 a test failed, a problem in a tests file, or coverage below
--min-coverage; 2 usage errors, and files that cannot be read or principle sets that cannot be used.`,
      ),
    async () => (await import('./test.js')).testCommand as Action,
  );

  wire(
    addItemInputOptions(
      common(
        program
          .command('diff')
          .description('what a change to the principle set does to a backlog: the items whose route, classification or firmness change, and why')
          .argument('[files...]', 'item files scored with both sets (CSV, YAML, JSON, JSONL); - reads standard input'),
      ),
      io,
    )
      .option('--from <set>', 'the principle set before the change: a file, or git:REV:path (e.g. git:origin/main:principles/union.yaml)')
      .option('--to <set>', 'the principle set after the change: a file, or git:REV:path')
      .option('--results <runs...>', 'compare two saved runs of triage score --format json (or jsonl) instead: before, then after')
      .addOption(new Option('-f, --format <name>', 'output format').choices(['table', 'markdown', 'json']).default('table'))
      .option('-o, --output <file>', 'write to a file (atomically) instead of standard output')
      .option('--fail-on-change', 'exit 1 when any item changes route, classification or firmness')
      .addOption(new Option('--input-format <format>', 'read items as this format').choices(['csv', 'tsv', 'yaml', 'json', 'jsonl']))
      .option('--relax', 'accept double quotes inside unquoted CSV fields')
      .addHelpText(
        'after',
        `
git:REV:path reads the set as it is at a revision of the repository of the current folder
(the path from the top of the repository, or ./path from the current folder).

Examples:
  $ triage diff --from git:origin/main:principles/union.yaml --to principles/union.yaml examples/backlog.csv
  $ triage diff --from old.yaml --to new.yaml backlog.csv -f markdown -o diff.md
  $ triage diff --from git:HEAD~1:principles/union.yaml --to principles/union.yaml backlog.csv --fail-on-change
  $ triage diff --results before.json after.json -f json

Exit codes: 0 done, 1 an item changed with --fail-on-change (or an item was invalid),
2 usage errors and inputs that cannot be used (a missing file or revision, an invalid set).`,
      ),
    async () => (await import('./diff.js')).diffCommand as Action,
  );

  wire(
    addItemInputOptions(
      common(
        program
          .command('sensitivity')
          .description('how fragile the routes are: how far each weight, points, threshold or rule limit can move before an item changes route')
          .argument('[files...]', 'item files (CSV, YAML, JSON, JSONL); - reads standard input'),
      ),
      io,
    )
      .option('--within <percent>', 'list the items whose route changes within this share of any one parameter, e.g. 20%')
      .addOption(new Option('-f, --format <name>', 'output format').choices(['table', 'markdown', 'json']).default('table'))
      .option('-o, --output <file>', 'write to a file (atomically) instead of standard output')
      .option('--limit <n>', 'show at most n items in the table or Markdown (default: 50)', parseCount)
      .addOption(new Option('--input-format <format>', 'read items as this format').choices(['csv', 'tsv', 'yaml', 'json', 'jsonl']))
      .option('--relax', 'accept double quotes inside unquoted CSV fields')
      .addHelpText(
        'after',
        `
Parameters: principles.<id>.weight (above 0, at most 1000), signals.<id>.points (at most 1000,
keeping their sign), thresholds.transformational and thresholds.businessAsUsual (0-100, in
order), and routing.<rule>.<score>.<gt|gte|lt|lte> (the limits rules compare alignment,
transformation or confidence with). Each is moved alone, over all it may take; the places
where a route changes are solved exactly, not searched for.

Examples:
  $ triage sensitivity examples/backlog.csv
  $ triage sensitivity examples/backlog.csv --within 20%
  $ triage sensitivity backlog.csv -p our-principles.yaml -f json -o sensitivity.json
  $ triage sensitivity backlog.csv --within 10% -f markdown`,
      ),
    async () => (await import('./sensitivity.js')).sensitivityCommand as Action,
  );

  wire(
    addItemInputOptions(
      common(
        program
          .command('calibrate')
          .description("agreement between the recommendations and people's decisions, and the weights, points and thresholds that reproduce them best")
          .argument('[files...]', 'item files the decisions were made on (CSV, YAML, JSON, JSONL, Excel .xlsx); - reads standard input'),
      ),
      io,
    )
      .option('--decisions <file>', 'the decisions to agree with (a YAML file, as triage review writes)')
      .option(
        '--vary <list>',
        'what may move: weights, points, thresholds (classification thresholds and routing limits), or parameter ids, comma-separated (default: all three)',
      )
      .option('--max-change <percent>', 'the most each parameter may move, as a share of its value, or none (default: 50%)')
      .addOption(
        new Option('-f, --format <name>', 'output format: table, json, or diff (the change to the principle set as a unified diff)')
          .choices(['table', 'json', 'diff'])
          .default('table'),
      )
      .option('-o, --output <file>', 'write to a file (atomically) instead of standard output')
      .option('--write <file>', 'write the principle set with the proposed values to this file, keeping its comments and layout')
      .option('--force', 'with --write: replace a file that exists (the principle set itself included)')
      .option('--limit <n>', 'show at most n items in the table (default: 50)', parseCount)
      .addOption(new Option('--input-format <format>', 'read items as this format').choices(['csv', 'tsv', 'yaml', 'json', 'jsonl', 'xlsx']))
      .option('--relax', 'accept double quotes inside unquoted CSV fields')
      .addHelpText(
        'after',
        `
An item agrees when its recommendation (with any answers its decision gave) is the route
decided. The search moves one parameter at a time to the exact best place on its line (between
the places where routes change, as triage sensitivity finds them), at most 20 moves, each within
--max-change of the parameter's value. Leave-one-out agreement (10-fold above 200 decided items)
shows how well the proposal predicts decisions it was not given. Expired and stale decisions are
left out.

Examples:
  $ triage calibrate --decisions decisions.yaml backlog.csv
  $ triage calibrate --decisions decisions.yaml backlog.csv --vary weights --max-change 30%
  $ triage calibrate --decisions decisions.yaml backlog.csv --vary thresholds.transformational,principles.citizen-outcomes.weight
  $ triage calibrate --decisions decisions.yaml backlog.csv -p principles.yaml --write calibrated.yaml
  $ triage calibrate --decisions decisions.yaml backlog.csv -f diff > calibration.patch
  $ triage calibrate --decisions decisions.yaml backlog.csv -f json -o calibration.json

Exit codes: 0 done; 1 no decision in force names an item read, or an item was invalid (left
out); 2 usage errors and unusable input.`,
      ),
    async () => (await import('./calibrate.js')).calibrateCommand as Action,
  );

  wire(
    addItemInputOptions(
      common(
        program
          .command('review')
          .description('walk through the items that need a person, in the terminal, saving each decision as it is made')
          .argument('[files...]', 'item files (CSV, YAML, JSON, JSONL, Excel .xlsx); not standard input, which is the keyboard'),
      ),
      io,
    )
      .option('--decisions <file>', 'where decisions are saved (default: decisions.yaml beside the first item file)')
      .option('--all', 'review every item not yet decided, not only those routed to review or with low confidence')
      .option('--min-confidence <n>', 'also review items whose confidence is below n, from 0 to 1', '0.5')
      .option('--by <name>', 'who is deciding, recorded with each decision (default: your login name)')
      .option('--unsettled', 'also review items whose route a missing fact could still change')
      .option('--minutes <file>', 'write a Markdown record of the session to this file as it goes, for the board paper')
      .addOption(new Option('--input-format <format>', 'read items as this format').choices(['csv', 'tsv', 'yaml', 'json', 'jsonl', 'xlsx']))
      .option('--relax', 'accept double quotes inside unquoted CSV fields')
      .addHelpText(
        'after',
        `
Enter confirms a concrete recommendation. When the rules could not place an item (Needs
review), nothing is chosen for you: Enter skips it, and any route you choose needs a
rationale, as does overriding a recommendation. "show the full explanation" prints every
criterion, signal and rule without leaving the item. Ctrl-C stops (exit 130); run the same
command again to carry on where you stopped.

Examples:
  $ triage review examples/backlog.csv
  $ triage review backlog.csv --decisions triage/decisions.yaml --by "Asha Patel"
  $ triage review backlog.csv --all
  $ triage review backlog.csv --unsettled --minutes minutes/2026-12-02.md
  $ triage score backlog.csv --decisions decisions.yaml`,
      ),
    async () => (await import('./review.js')).reviewCommand as Action,
  );

  wire(
    common(
      program
        .command('weights')
        .description('principle weights from pairwise comparisons (AHP), with the consistency ratio, asked in the terminal or read from a file'),
    )
      .option('--matrix <file>', 'read the comparisons from a YAML file (pairwise: { a: { b: 3 } }) instead of asking; - reads standard input')
      .addOption(new Option('-f, --format <name>', 'output format').choices(['table', 'json']).default('table'))
      .option('--write <file>', 'write the principle set with the new weights to this file, keeping everything else as it is')
      .option('--force', 'with --write or --save-matrix: replace a file that exists (the principle set itself included)')
      .option('--max-cr <n>', 'exit 1, writing nothing, when the consistency ratio is above n', '0.1')
      .option('--save-matrix <file>', 'save the answers given in the terminal as a file for --matrix')
      .addHelpText(
        'after',
        `
Each pair of principles is compared once on Saaty's scale: 1 equally, 3 moderately, 5 strongly,
7 very strongly, 9 extremely more important (2, 4, 6, 8 between); 1/3 means the other way round.
The weights are the principal eigenvector; the consistency ratio (CR) uses Saaty's random index.
Exit codes: 0 done, 1 CR above --max-cr (nothing written), 2 unusable input, 130 interrupted.

Examples:
  $ triage weights
  $ triage weights -p principles.yaml --save-matrix judgements.yaml
  $ triage weights -p principles.yaml --matrix judgements.yaml
  $ triage weights -p principles.yaml --matrix judgements.yaml -f json
  $ triage weights -p principles.yaml --matrix judgements.yaml --write principles.yaml --force`,
      ),
    async () => (await import('./weights.js')).weightsCommand as Action,
  );

  wire(
    program
      .command('init')
      .description("scaffold a principle set and an example backlog for your organisation, from The Union's")
      .argument('[dir]', 'the folder to write principles.yaml, its tests and backlog.csv in (created if missing)')
      .option('-y, --yes', "write The Union's defaults without asking")
      .option('--force', 'with --yes: overwrite files that exist')
      .option('--no-color', 'never colour the output')
      .option('-q, --quiet', 'print nothing on stderr but errors')
      .option('--debug', 'print stack traces for errors')
      .addHelpText(
        'after',
        `
Examples:
  $ triage init my-organisation
  $ triage init --yes
  $ triage validate my-organisation/principles.yaml`,
      ),
    async () => (await import('./init.js')).initCommand as Action,
  );

  return program;
}

/** Options every command shares. */
function common(command: Command): Command {
  return command
    .option('-p, --principles <file>', 'principle set to use (default: the bundled principles/union.yaml)')
    .option('--no-color', 'never colour the output')
    .option('-q, --quiet', 'print nothing on stderr but errors')
    .option('--debug', 'print stack traces for errors');
}

function parsePercent(value: string): number {
  const n = Number(value.replace(/%$/, ''));
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError('give a percentage from 0 to 100');
  return n;
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new InvalidArgumentError('give a number of seconds above 0, e.g. 30');
  }
  return n;
}

function parseJobs(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('give a whole number, 1 or more');
  return n;
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new InvalidArgumentError('give a whole number, 0 or more');
  }
  return n;
}

/**
 * Commander's message as one line with the way out: `triage: unknown option '--fromat' (did
 * you mean --format?); run "triage score --help" for usage`.
 */
function usageLine(message: string, command: string | undefined): string {
  const text = message
    .replace(/^error: /, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line, k) => (k > 0 && /^\(Did you mean/.test(line) ? line.replace('(Did', '(did') : line))
    .join(' ')
    .replace(/\.$/, '');
  return `triage: ${text}; run "triage${command ? ` ${command}` : ''} --help" for usage`;
}

/** Most findings of one unusable file printed (principle set, decisions). */
const MAX_FINDING_LINES = 20;

/** The one place an error becomes text and an exit code. */
function reportError(error: unknown, io: Io, debug: boolean, command?: string): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
      return ExitCode.ok;
    }
    if (error.code === 'commander.executeSubCommandAsync') return ExitCode.ok;
    // Commander quotes the argument it could not use, and arguments can hold anything.
    io.stderr.write(`${printable(usageLine(error.message, command))}\n`);
    return ExitCode.usage;
  }
  if (error instanceof TriageError) {
    const findings = (error as { findings?: Array<Finding<string>> }).findings;
    if (findings && findings.length > 0) {
      // As for invalid items: enough lines to act on, not one per alias of an alias bomb.
      for (const line of findingLines(findings, MAX_FINDING_LINES)) io.stderr.write(`${printable(line)}\n`);
    } else {
      io.stderr.write(`${printable(formatError(error))}\n`);
    }
    if (debug && error.stack) io.stderr.write(`${printable(error.stack, { lines: true })}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`triage: internal error: ${printable(message)}${debug ? '' : ' (run with --debug for details)'}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${printable(error.stack, { lines: true })}\n`);
  return ExitCode.usage;
}
