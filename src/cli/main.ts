/**
 * The `triage` command line: registers commands, parses options, and turns every error into
 * one line on stderr and an exit code. Each command's module is imported only when it runs.
 * This is the only place that decides how the program ends.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ExitCode, TriageError, formatError } from '../errors.js';
import { processIo, type Io } from './io.js';
import { toolVersion } from './version.js';

/** Run the CLI with the given arguments (without `node` and the script). Returns the exit code. */
export async function run(args: readonly string[], io: Io = processIo()): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const debug = args.includes('--debug');
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (error) {
    exitCode = reportError(error, io, debug);
  }
  return exitCode;
}

/** Entry point for bin/triage.js. */
export function main(): void {
  // A closed pipe (`triage score | head -1`) is not an error: stop quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`triage: internal error: ${String(error)}\n`);
      process.exitCode = ExitCode.usage;
    },
  );
}

type SetExit = (code: number) => void;

/** A command's action: imported lazily, given its arguments and options, returns an exit code. */
type Action = (...args: unknown[]) => Promise<number>;

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
      outputError: (text, write) => write(`triage: ${text.replace(/^error: /, '')}`),
    })
    .addHelpText(
      'after',
      `
Examples:
  $ triage score examples/backlog.csv
  $ triage explain WI-07 examples/backlog.csv
  $ triage score backlog.csv --format json -o results.json

Exit codes: 0 success, 1 input found wanting, 2 usage error or unusable input, 130 interrupted.
Run "triage <command> --help" for a command's options.`,
    );

  const wire = (command: Command, load: () => Promise<Action>): Command =>
    command.exitOverride().action(async (...args: unknown[]) => {
      const action = await load();
      setExit(await action(...args.slice(0, -1), io));
    });

  wire(
    common(
      program
        .command('score')
        .description('assess and route work items, then print a table or export a report')
        .argument('[files...]', 'item files (CSV, YAML, JSON, JSONL); - reads standard input'),
    )
      .addOption(new Option('-f, --format <name>', 'output format: table, json').default('table'))
      .option('-o, --output <file>', 'write to a file (atomically) instead of standard output')
      .addOption(
        new Option('--sort <key>', 'order of items').choices(['input', 'route', 'alignment', 'transformation', 'confidence', 'id', 'title']).default('input'),
      )
      .option('--route <ids...>', 'only show items routed to these routes')
      .option('--limit <n>', 'show at most n rows in the table', parseCount)
      .addOption(new Option('--input-format <format>', 'read items as this format instead of going by the extension').choices(['csv', 'tsv', 'yaml', 'json', 'jsonl']))
      .option('--relax', 'accept double quotes inside unquoted CSV fields')
      .addHelpText(
        'after',
        `
Examples:
  $ triage score examples/backlog.csv
  $ triage score backlog.csv --sort alignment --route union review
  $ triage score backlog.yaml -p our-principles.yaml --format json -o results.json
  $ cat backlog.csv | triage score - --format json`,
      ),
    async () => (await import('./score.js')).scoreCommand as Action,
  );

  wire(
    common(
      program
        .command('explain')
        .description("show one item's assessment: every criterion, signal and rule, and why")
        .argument('<id>', 'the id of the item to explain')
        .argument('[files...]', 'item files; - reads standard input'),
    )
      .addOption(new Option('-f, --format <name>', 'output format').choices(['text', 'json']).default('text'))
      .addOption(new Option('--input-format <format>', 'read items as this format').choices(['csv', 'tsv', 'yaml', 'json', 'jsonl']))
      .option('--relax', 'accept double quotes inside unquoted CSV fields')
      .addHelpText(
        'after',
        `
Examples:
  $ triage explain WI-07 examples/backlog.csv
  $ triage explain WI-07 examples/backlog.csv --format json`,
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

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new InvalidArgumentError('give a whole number, 0 or more');
  }
  return n;
}

/** The one place an error becomes text and an exit code. */
function reportError(error: unknown, io: Io, debug: boolean): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
      return ExitCode.ok;
    }
    if (error.code === 'commander.executeSubCommandAsync') return ExitCode.ok;
    // Commander has already printed its message; add the way out.
    io.stderr.write('triage: run "triage --help" for usage\n');
    return ExitCode.usage;
  }
  if (error instanceof TriageError) {
    const findings = (error as { findings?: Array<{ file: string; line: number; column: number; message: string; ruleId: string }> }).findings;
    if (findings && findings.length > 1) {
      for (const f of findings) io.stderr.write(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.ruleId}]\n`);
    } else {
      io.stderr.write(`${formatError(error)}\n`);
    }
    if (debug && error.stack) io.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`triage: internal error: ${message}${debug ? '' : ' (run with --debug for details)'}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return ExitCode.usage;
}
