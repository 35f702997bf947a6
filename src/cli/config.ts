/**
 * `--config FILE`: a small YAML file holding a command's options, so an analyst's recurring
 * job is one short command. Its keys are the command's own long option names (`map`,
 * `delimiter`, `encoding`, `principles`, `format`, ...), checked exactly as the flags are;
 * flags given on the command line win, and `--map` pairs override the file's per field.
 * Paths in it are relative to the file. Every problem names file:line:column, a value the
 * command finds wrong later included. It may not say where to write or who decides.
 */
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { InvalidArgumentError, type Command, type Option } from 'commander';
import { TriageError } from '../errors.js';
import { decodeUtf8, readBytes } from '../io/read.js';
import { parseYaml, positionAt, toPlain, type YamlSource } from '../io/yaml.js';
import { addPair, addSpec } from '../items/mapping.js';
import { closest } from '../validate/suggest.js';
import { noteConfigOrigin } from './input-options.js';
import type { Io } from './io.js';

const MAX_CONFIG_BYTES = 256 * 1024;

/** Options a config cannot set: itself, and those that only make sense typed by hand. */
const NOT_IN_CONFIG: ReadonlySet<string> = new Set(['config', 'help', 'debug']);

/** Options naming files: relative to the config file, not to where the command runs. */
const PATH_OPTIONS: ReadonlySet<string> = new Set(['principles', 'decisions']);

/**
 * Options that say where results are written or who decides. A config is data from whoever
 * wrote it: it may say how to read and what to compute, never these (`output: ../.bashrc`
 * would overwrite a shell's start-up file; `by:` would record decisions under another name).
 * Each names the flag to give instead. `decisions` is refused for `review` only, where it is
 * the file written; for `score` it is read.
 */
const COMMAND_LINE_ONLY: Readonly<Record<string, { flag: string; why: string; commands?: readonly string[] }>> = {
  output: { flag: '-o/--output', why: 'where results are written' },
  by: { flag: '--by', why: 'who is deciding' },
  decisions: { flag: '--decisions', why: 'where decisions are written', commands: ['review'] },
};

/** Where a config file's values go: the option's value, marked as coming from the config. */
export const CONFIG_MAP_KEY = 'configMap';

/**
 * Read a config file and set every option the command line did not give. With `only`, the
 * command takes just those keys, and passes over keys that another command takes: `validate`
 * reads a scoring job's config for how to read the items, and leaves the job's format and
 * output to the job.
 */
export async function applyConfig(command: Command, path: string, io: Io, only?: ReadonlySet<string>): Promise<void> {
  const absolute = resolve(io.cwd, path);
  const source = await readConfig(absolute, path);
  const data = toPlain(source);
  if (data === null || data === undefined) return;
  const at = (keys: Array<string | number>, key = false) => ({ file: path, ...positionAt(source, keys, key) });
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new TriageError('usage', 'a config file holds a mapping of option names to values', {
      position: at([]),
      hint: 'write one option per line, e.g. "delimiter: ;"',
    });
  }
  const context: ConfigContext = { command, at, folder: dirname(absolute), cwd: io.cwd, only };
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) applyEntry(context, key, value);
}

interface ConfigContext {
  command: Command;
  at(keys: Array<string | number>, key?: boolean): { file: string; line: number; column: number };
  folder: string;
  cwd: string;
  only: ReadonlySet<string> | undefined;
}

async function readConfig(absolute: string, path: string): Promise<YamlSource> {
  const bytes = await readBytes(absolute, { what: 'config file', maxBytes: MAX_CONFIG_BYTES });
  const source = parseYaml(decodeUtf8(bytes, path));
  const problem = source.problems[0];
  if (problem) throw new TriageError('usage', problem.message, { position: { file: path, line: problem.line, column: problem.column } });
  return source;
}

function applyEntry(context: ConfigContext, key: string, value: unknown): void {
  const { command, only } = context;
  refuseCommandLineOnly(context, key);
  const taken = only === undefined || only.has(key);
  if (!taken && !NOT_IN_CONFIG.has(key) && anotherCommandTakes(command, key)) return;
  if (key === 'map' && taken) {
    command.setOptionValueWithSource(CONFIG_MAP_KEY, configMapping(context, value), 'config');
    return;
  }
  const option = taken ? command.options.find((o) => o.long === `--${key}`) : undefined;
  if (option === undefined || NOT_IN_CONFIG.has(key)) {
    const known = command.options
      .map((o) => o.long?.slice(2))
      .filter((name): name is string => name !== undefined && !NOT_IN_CONFIG.has(name) && (only === undefined || only.has(name)));
    const near = closest(key, [...known, 'map']);
    const own = command.options.some((o) => o.long === `--${key}`);
    const what =
      own && !taken
        ? `"${key}" is an option of triage ${command.name()} for the command line, not a config`
        : `"${key}" is not an option of triage ${command.name()}`;
    throw new TriageError('usage', `${what}${near && !own ? `; did you mean "${near}"?` : ''}`, {
      position: context.at([key], true),
      hint: `a config may set: ${known.join(', ')}`,
    });
  }
  const name = option.attributeName();
  // The command line wins over the file.
  if (command.getOptionValueSource(name) === 'cli') return;
  const parsed = optionValue(context, option, key, value);
  command.setOptionValueWithSource(name, PATH_OPTIONS.has(key) ? relativePath(context, parsed as string) : parsed, 'config');
  noteConfigOrigin(command, key, context.at([key]));
}

/** A key only the command line may give (see COMMAND_LINE_ONLY): refused at its position. */
function refuseCommandLineOnly(context: ConfigContext, key: string): void {
  if (!Object.hasOwn(COMMAND_LINE_ONLY, key)) return;
  const rule = COMMAND_LINE_ONLY[key] as (typeof COMMAND_LINE_ONLY)[string];
  const name = context.command.name();
  if (rule.commands && !rule.commands.includes(name)) return;
  const scope = rule.commands ? ` for triage ${name}` : '';
  throw new TriageError('usage', `"${key}" cannot be set in a config file${scope}: a config may say how to read and what to compute, not ${rule.why}`, {
    position: context.at([key], true),
    hint: `give ${rule.flag} on the command line instead`,
  });
}

/** Whether a command other than this one has the option (or it is `map`, which every item reader takes). */
function anotherCommandTakes(command: Command, key: string): boolean {
  if (key === 'map') return true;
  return (command.parent?.commands ?? []).some((other) => other !== command && other.options.some((o) => o.long === `--${key}`));
}

/** A value as the flag would have given it: a switch's boolean, a list's items, a value parsed and checked. */
function optionValue(context: ConfigContext, option: Option, key: string, value: unknown): unknown {
  const position = context.at([key]);
  const fail = (message: string): never => {
    throw new TriageError('usage', `${key}: ${message}`, { position });
  };
  if (!option.required && !option.optional) {
    if (typeof value !== 'boolean') fail('give true or false');
    return option.negate ? !value : value;
  }
  const one = (item: unknown): unknown => {
    if (typeof item !== 'string' && typeof item !== 'number') return fail('give a value, not a list or a mapping');
    const text = String(item);
    if (option.argChoices && !option.argChoices.includes(text)) fail(`"${text}" is not one of ${option.argChoices.join(', ')}`);
    try {
      return option.parseArg ? option.parseArg(text, undefined) : text;
    } catch (error) {
      if (error instanceof InvalidArgumentError) return fail(`"${text}": ${error.message}`);
      throw error;
    }
  };
  if (option.variadic) return (Array.isArray(value) ? value : [value]).map(one);
  return one(value);
}

/** `map:` as a mapping of field: column, or a list of "field=column" strings. */
function configMapping(context: ConfigContext, value: unknown): Record<string, string> {
  const mapping = Object.create(null) as Record<string, string>;
  const guard = <T>(keys: Array<string | number>, work: () => T): T => {
    try {
      return work();
    } catch (error) {
      if (error instanceof TriageError) throw new TriageError('usage', error.message, { position: context.at(keys) });
      throw error;
    }
  };
  if (Array.isArray(value)) {
    value.forEach((entry, k) => {
      if (typeof entry !== 'string') throw new TriageError('usage', 'map: each entry is "field=column"', { position: context.at(['map', k]) });
      guard(['map', k], () => addSpec(mapping, entry, 'the config map'));
    });
    return mapping;
  }
  if (value === null || typeof value !== 'object') {
    throw new TriageError('usage', 'map: give field: column pairs, e.g. "title: project_name"', { position: context.at(['map']) });
  }
  for (const [field, column] of Object.entries(value as Record<string, unknown>)) {
    if (typeof column !== 'string' && typeof column !== 'number') {
      throw new TriageError('usage', `map: the column for "${field}" must be a column name`, { position: context.at(['map', field]) });
    }
    guard(['map', field], () => addPair(mapping, field, String(column), 'the config map'));
  }
  return mapping;
}

/** A path from the config, as a path from where the command runs (absolute when outside it). */
function relativePath(context: ConfigContext, path: string): string {
  if (path === '-' || isAbsolute(path)) return path;
  const absolute = resolve(context.folder, path);
  const fromHere = relative(context.cwd, absolute);
  return fromHere.startsWith('..') || isAbsolute(fromHere) ? absolute : fromHere;
}
