/**
 * Turn the paths on the command line into the files to validate: files as given, and
 * directories expanded (recursively, in name order) to the files whose extension says they
 * may be principle sets, items or decisions. A path that cannot be read at all, and a file
 * named whose extension is none of those, are usage problems (exit 2), not findings: checking
 * a README as if it were items would pass it as clean.
 */
import { constants } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { TriageError } from '../errors.js';
import { STDIN_NAME, fileError } from '../io/read.js';
import { formatFromName } from '../items/format.js';

export interface Input {
  /** Path to read; `-` is standard input. */
  path: string;
  /** The name findings use. */
  file: string;
  /** Named on the command line, so never skipped as "not a portfolio file". */
  explicit: boolean;
  /** Given with --principles: a principle set whatever its content. */
  principles: boolean;
}

/**
 * Never searched: hidden files and folders (.git, .github), installed packages, and the
 * `~$backlog.xlsx` owner files Excel leaves beside a workbook it has open.
 */
function skipped(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules' || name.startsWith('~$');
}

/** The files to validate, in order, each once; `principles` is the -p file, if any. */
export async function expandInputs(args: readonly string[], principles: string | undefined): Promise<Input[]> {
  const inputs: Input[] = [];
  const seen = new Map<string, Input>();
  const add = (input: Input): void => {
    const key = input.path === '-' ? '-' : resolve(input.path);
    const earlier = seen.get(key);
    if (earlier) {
      earlier.principles ||= input.principles;
      earlier.explicit ||= input.explicit;
      return;
    }
    seen.set(key, input);
    inputs.push(input);
  };
  if (principles !== undefined) {
    await checkFile(principles, 'principle set');
    add({ path: principles, file: shown(principles), explicit: true, principles: true });
  }
  for (const arg of args) {
    if (arg === '-') {
      if (seen.has('-')) throw new TriageError('usage', 'standard input (-) can be read only once');
      add({ path: '-', file: STDIN_NAME, explicit: true, principles: false });
    } else if (await isDirectory(arg)) {
      for (const path of await walk(arg)) add({ path, file: path, explicit: false, principles: false });
    } else {
      await checkFile(arg, 'file');
      if (formatFromName(arg) === undefined) throw notCheckable(arg);
      add({ path: arg, file: arg, explicit: true, principles: false });
    }
  }
  return inputs;
}

/** Extensions validate reads (and folders are searched for), as the error lists them. */
const EXTENSIONS = '.csv, .tsv, .tab, .yaml, .yml, .json, .jsonl and .ndjson';

function notCheckable(path: string): TriageError {
  return new TriageError('usage', `not a file validate can check: a principle set, item or decisions file is named ${EXTENSIONS}`, {
    position: { file: path },
    hint: `to check items held in a file named otherwise, pipe it in: triage validate - < ${path}`,
  });
}

function shown(path: string): string {
  return path === '-' ? STDIN_NAME : path;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (error) {
    throw fileError(error, path, 'file or folder');
  }
}

/** A file must exist and be readable; otherwise there is nothing to validate (exit 2). */
async function checkFile(path: string, what: string): Promise<void> {
  if (path === '-') return;
  try {
    const info = await stat(path);
    if (info.isDirectory() && what === 'principle set') {
      throw new TriageError('usage', `${path} is a folder, not a principle set`, { hint: 'give the principle set file with -p' });
    }
    await access(path, constants.R_OK);
  } catch (error) {
    throw fileError(error, path, what);
  }
}

/** Files under a folder whose extension a portfolio file can have, in name order. */
async function walk(folder: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw fileError(error, folder, 'folder');
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const found: string[] = [];
  for (const entry of entries) {
    if (skipped(entry.name)) continue;
    const path = join(folder, entry.name);
    // Symbolic links to folders are not followed, so a link cycle cannot loop forever.
    if (entry.isDirectory()) for (const inner of await walk(path)) found.push(inner);
    else if ((entry.isFile() || entry.isSymbolicLink()) && formatFromName(entry.name) !== undefined) found.push(path);
  }
  return found;
}
