/**
 * A private temporary folder for one run's working files (held report sections, items
 * waiting to be sorted), made in the system's temporary folder when first needed and removed
 * when the run ends: on success, on failure, and on Ctrl-C or SIGTERM, which would otherwise
 * end the process before any `finally` runs.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TriageError } from '../errors.js';
import { writeError } from './atomic.js';

/** What to do when the temporary folder cannot be written. */
export const TEMP_HINT = 'set TMPDIR to a folder you can write to, with room for the run';

export class TempFolder {
  private path: string | undefined;
  private creating: Promise<string> | undefined;
  private files = 0;

  /** A new file name in the folder, which is made on first use. */
  async newFile(stem: string): Promise<string> {
    const folder = await this.folder();
    this.files++;
    return join(folder, `${this.files}-${stem.replace(/[^a-z0-9-]/gi, '_').slice(0, 40)}`);
  }

  /** Remove the folder and everything in it (nothing when it was never made). */
  async remove(): Promise<void> {
    const path = this.path ?? (await this.creating?.catch(() => undefined));
    this.path = undefined;
    this.creating = undefined;
    if (path === undefined) return;
    release(path);
    await rm(path, { recursive: true, force: true });
  }

  private folder(): Promise<string> {
    this.creating ??= mkdtemp(join(tmpdir(), 'triage-run-')).then(
      (path) => {
        this.path = path;
        hold(path);
        return path;
      },
      (error: unknown) => {
        const reason = writeError(error, tmpdir(), TEMP_HINT).message;
        throw new TriageError('output', `a large run needs a temporary folder, and none could be made in ${tmpdir()}: ${reason}`, { hint: TEMP_HINT, cause: error });
      },
    );
    return this.creating;
  }
}

/** Folders not yet removed; a signal or an early exit removes them first. */
const live = new Set<string>();
// SIGHUP: the terminal closed, or the SSH session dropped.
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function hold(path: string): void {
  if (live.size === 0) {
    for (const signal of SIGNALS) process.once(signal, removeAndResignal);
    process.once('exit', removeAll);
  }
  live.add(path);
}

function release(path: string): void {
  live.delete(path);
  if (live.size === 0) stopListening();
}

function stopListening(): void {
  for (const signal of SIGNALS) process.removeListener(signal, removeAndResignal);
  process.removeListener('exit', removeAll);
}

function removeAll(): void {
  for (const path of live) rmSync(path, { recursive: true, force: true });
  live.clear();
}

function removeAndResignal(signal: NodeJS.Signals): void {
  removeAll();
  stopListening();
  // With our listener gone the signal's default action applies: the process ends as interrupted.
  process.kill(process.pid, signal);
}
