/**
 * `triage init [dir]`: scaffold a principle set (`principles.yaml`), its tests
 * (`principles.tests.yaml`) and an example backlog (`backlog.csv`) for a new organisation,
 * asking for its name, route labels and principles, or writing The Union's defaults with
 * --yes. Never overwrites a file without asking, and writes every file chosen or none.
 */
import { readFile, mkdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printable } from '../core/printable.js';
import { ExitCode, TriageError } from '../errors.js';
import { askInitPlan } from '../interactive/init.js';
import { isInterrupt, terminalPrompter, type Prompter } from '../interactive/prompts.js';
import { defaultPlan, exampleBacklog, scaffoldBacklog, scaffoldPrinciples, type InitPlan } from '../interactive/scaffold.js';
import { scaffoldTests } from '../interactive/scaffold-tests.js';
import { assess } from '../core/assess.js';
import { compilePolicy } from '../core/compile.js';
import type { PrincipleSet } from '../core/types.js';
import { createNormaliser } from '../items/normalise.js';
import { PendingFile, commitTogether, writeError } from '../io/atomic.js';
import { DEFAULT_PRINCIPLES_URL, checkPrinciples, loadPrinciples } from '../principles/load.js';
import { colorEnabled, type Io } from './io.js';

export interface InitOptions {
  /** Write The Union's defaults without asking. */
  yes?: boolean;
  /** With --yes: overwrite files that exist. */
  force?: boolean;
  color: boolean;
  quiet?: boolean;
  debug?: boolean;
}

interface Target {
  name: 'principles.yaml' | 'backlog.csv' | 'principles.tests.yaml';
  path: string;
  /** As shown to people: relative to where the command runs. */
  shown: string;
  exists: boolean;
}

const SCHEMA_URL = new URL('../../principles/schema.json', import.meta.url);

/** `prompter` replaces the terminal's prompts (tests drive the command with a scripted one). */
export async function initCommand(dir: string | undefined, options: InitOptions, io: Io, prompter?: Prompter): Promise<number> {
  const folder = resolve(io.cwd, dir ?? '.');
  await checkFolder(folder, dir ?? '.');
  const targets = await Promise.all(
    (['principles.yaml', 'backlog.csv', 'principles.tests.yaml'] as const).map(async (name) => {
      const path = join(folder, name);
      return { name, path, shown: dir === undefined ? name : join(dir, name), exists: await exists(path) };
    }),
  );
  const base = await loadPrinciples(undefined, { cwd: io.cwd });
  const baseText = await readFile(fileURLToPath(DEFAULT_PRINCIPLES_URL), 'utf8');

  let plan: InitPlan = defaultPlan(base.set);
  let write: Target[];
  if (options.yes) {
    const existing = targets.filter((t) => t.exists);
    if (existing.length > 0 && !options.force) {
      const names = existing.map((t) => t.shown).join(' and ');
      throw new TriageError('usage', `${names} already ${existing.length === 1 ? 'exists' : 'exist'}: triage init never overwrites a file without asking`, {
        hint: 'add --force to overwrite, leave out --yes to be asked, or name another folder: triage init my-organisation',
      });
    }
    write = targets;
  } else {
    if (!io.stdin.isTTY) {
      throw new TriageError('usage', 'triage init asks questions, so it needs a terminal, and standard input is not one', {
        hint: "add --yes to write The Union's defaults without asking",
      });
    }
    const ask = prompter ?? terminalPrompter({ input: io.stdin, output: io.stdout, color: colorEnabled(io.stdout, io.env, options.color) });
    try {
      write = await chooseTargets(ask, targets);
      if (write.some((t) => t.name === 'principles.yaml')) plan = await askInitPlan(ask, base.set);
    } catch (error) {
      if (!isInterrupt(error)) throw error;
      io.stderr.write('\nStopped: nothing was written.\n');
      return ExitCode.interrupted;
    }
  }
  if (write.length === 0) {
    io.stdout.write('Nothing written: every file was kept as it was.\n');
    return ExitCode.ok;
  }

  const principlesText = scaffoldPrinciples(baseText, base.set, plan, { schema: schemaPathFrom(folder) });
  // Never write a principle set that would not load.
  const check = checkPrinciples(principlesText, 'principles.yaml');
  if (!check.set) throw new Error(`the scaffolded principle set is invalid: ${check.findings[0]?.message ?? 'unknown problem'}`);
  const texts: Record<Target['name'], string> = {
    'principles.yaml': principlesText,
    'backlog.csv': scaffoldBacklog(),
    'principles.tests.yaml': scaffoldTests(compilePolicy(check.set)),
  };

  await mkdir(folder, { recursive: true }).catch((error: unknown) => {
    throw writeError(error, dir ?? '.', 'choose a folder you can write to');
  });
  await writeTogether(write.map((target) => ({ path: target.path, text: texts[target.name] })));
  // The folder's name is the user's, and may hold anything a file name can.
  io.stdout.write(printable(nextSteps(write, targets), { lines: true }));
  if (!options.quiet) for (const line of routesWithoutExamples(check.set, scoreCommand(targets))) io.stderr.write(`${printable(line)}\n`);
  return ExitCode.ok;
}

/**
 * The example backlog scored with the new set: a route no example reaches is worth a word
 * (added principles dilute alignment, say, so that nothing reaches the first route).
 */
function routesWithoutExamples(set: PrincipleSet, score: string): string[] {
  const policy = compilePolicy(set);
  const normaliser = createNormaliser(policy.fields);
  const reached = new Set<string>();
  const { header, rows } = exampleBacklog();
  rows.forEach((cells, k) => {
    const values: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    header.forEach((name, c) => (values[name] = cells[c] ?? ''));
    const line = k + 2;
    const { item } = normaliser.normalise({ values, line, locate: () => ({ line, column: 1 }) }, 'backlog.csv');
    if (item) reached.add(assess(policy, item).route);
  });
  return set.routes
    .filter((route) => !reached.has(route.id))
    .map(
      (route) =>
        `triage: warning: no example item reaches "${route.label}" (${route.id}) with this principle set; score your own backlog to see whether any work would: ${score}`,
    );
}

/**
 * Write every file or none: each is opened (a read-only or directory target refuses here) and
 * written whole before any is renamed into place, and a failed rename puts back those before it.
 */
async function writeTogether(files: ReadonlyArray<{ path: string; text: string }>): Promise<void> {
  const pending: PendingFile[] = [];
  try {
    for (const { path, text } of files) {
      const file = await PendingFile.open(path, {
        directory: { message: 'it is a directory, so no file was written', hint: 'move it away, or name another folder: triage init my-organisation' },
      });
      pending.push(file);
      await file.write(Buffer.from(text, 'utf8'));
    }
  } catch (error) {
    for (const file of pending) await file.abort();
    throw error;
  }
  await commitTogether(pending);
}

/** Interactive: which files to write; an existing file only when the person says so. */
async function chooseTargets(prompter: Prompter, targets: Target[]): Promise<Target[]> {
  const chosen: Target[] = [];
  for (const target of targets) {
    // The tests are of the new set: written with it, or not at all.
    if (target.name === 'principles.tests.yaml' && !chosen.some((t) => t.name === 'principles.yaml')) continue;
    if (!target.exists || (await prompter.confirm({ message: `${target.shown} already exists. Overwrite it?`, default: false }))) chosen.push(target);
  }
  return chosen;
}

async function checkFolder(folder: string, shown: string): Promise<void> {
  const info = await stat(folder).catch(() => undefined);
  if (info && !info.isDirectory()) {
    throw new TriageError('usage', `${shown} is a file, not a folder`, { position: { file: shown }, hint: 'name a folder (it is created if missing)' });
  }
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}

/** The bundled JSON Schema as seen from the new file, for editors (yaml-language-server). */
function schemaPathFrom(folder: string): string {
  const schema = fileURLToPath(SCHEMA_URL);
  const rel = relative(folder, schema);
  return isAbsolute(rel) ? schema : rel.split('\\').join('/');
}

/** `triage score <backlog> -p <principles>`, with the paths as shown to people. */
function scoreCommand(all: Target[]): string {
  const principles = all.find((t) => t.name === 'principles.yaml') as Target;
  const backlog = all.find((t) => t.name === 'backlog.csv') as Target;
  return `triage score ${backlog.shown} -p ${principles.shown}`;
}

function nextSteps(written: Target[], all: Target[]): string {
  const principles = all.find((t) => t.name === 'principles.yaml') as Target;
  const backlog = all.find((t) => t.name === 'backlog.csv') as Target;
  const tests = all.find((t) => t.name === 'principles.tests.yaml') as Target;
  const steps: Array<[string, string]> = [
    [`triage validate ${principles.shown} ${backlog.shown} -p ${principles.shown}`, 'check both files'],
    [`triage test ${tests.shown}`, "run the set's tests"],
    [scoreCommand(all), 'route the example items'],
    [`triage review ${backlog.shown} -p ${principles.shown}`, 'decide those that need a person'],
  ];
  const width = Math.max(...steps.map(([command]) => command.length));
  const shown = written.map((t) => t.shown);
  const lines = [`Wrote ${shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown.at(-1) as string}` : shown.join('')}.`, '', 'Next:'];
  for (const [command, what] of steps) lines.push(`  ${command.padEnd(width)}   # ${what}`);
  return `${lines.join('\n')}\n`;
}
