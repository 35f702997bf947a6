/**
 * A decisions file open for writing, one decision at a time, without loss:
 * - a lock file beside it (`<file>.lock`, holding the pid; beside the file a link points to)
 *   keeps a second review session out; a lock left by a process that has died is taken over;
 * - each save edits the YAML document, so comments people wrote survive;
 * - each save refuses to overwrite the file if anyone changed it since it was read (content
 *   hash), then writes a temporary file in the same folder, syncs it, renames it over the
 *   file and syncs the folder: a crash leaves the old file or the new one, never half of one.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { link, open, rename, rm, stat } from 'node:fs/promises';
import { isMap, isScalar, isSeq, visit, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Policy } from '../core/compile.js';
import type { Decision } from '../core/decisions.js';
import { canonicalId } from '../core/ids.js';
import { TriageError } from '../errors.js';
import { tempPathFor, writeError, writeFileAtomically } from '../io/atomic.js';
import { isAlive, untilDone } from '../io/cleanup.js';
import { writeTarget } from '../io/target.js';
import { decodeUtf8, readAtMost, readBytes } from '../io/read.js';
import { InvalidFileError } from '../principles/load.js';
import { MAX_DECISIONS_BYTES, checkDecisions, checkDecisionsAgainstPolicy } from './load.js';

export interface OpenOptions {
  /** Check routes and answers against this policy; errors refuse the file. */
  policy?: Policy;
  /** The process id written in the lock (tests pass another). */
  pid?: number;
}

const HEADER = ' Decisions made with `triage review`: a person chose each route, and why.\n `triage score --decisions <this file>` applies them.';

/** The order keys are written in, for files people read. */
const KEY_ORDER = ['id', 'route', 'recommended', 'rationale', 'answers', 'by', 'at', 'fingerprint', 'expires', 'commit'] as const;

export class DecisionStore {
  private readonly byId: Map<string, Decision>;
  private closed = false;

  private constructor(
    /** The path as given. */
    readonly path: string,
    private readonly lock: Lock,
    private doc: Document.Parsed,
    /** sha256 of the bytes last read or written; undefined while the file does not exist. */
    private hash: string | undefined,
    decisions: Decision[],
  ) {
    this.byId = new Map(decisions.map((d) => [d.id, d]));
  }

  /** The file as shown to people. */
  get file(): string {
    return this.path;
  }

  /** Lock and read a decisions file; a missing file is an empty one. */
  static async open(path: string, options: OpenOptions = {}): Promise<DecisionStore> {
    // Where saves really go (a link's target), refused now if it may not be written: the lock
    // sits beside that file, so two links to one file share one lock.
    const target = await writeTarget(path, {
      permissionHint: 'choose another file with --decisions',
      directory: { message: `${path} is a directory, not a decisions file`, hint: 'give a file name with --decisions, e.g. --decisions decisions.yaml' },
    });
    const lockPath = `${target.kind === 'replace' ? target.path : path}.lock`;
    const lock = await Lock.take(lockPath, path, options.pid ?? process.pid);
    try {
      const bytes = await readIfExists(path);
      const text = bytes ? decodeUtf8(bytes, path) : '';
      const check = checkDecisions(text, path);
      const policyFindings = options.policy ? checkDecisionsAgainstPolicy(check, options.policy) : [];
      const errors = [...check.findings, ...policyFindings].filter((f) => f.severity === 'error');
      if (!check.decisions || errors.length > 0) throw new InvalidFileError('decisions-invalid', errors, 'decisions file');
      return new DecisionStore(path, lock, check.source.doc, bytes ? sha256(bytes) : undefined, check.decisions);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** The decision on file for an item. */
  get(id: string): Decision | undefined {
    return this.byId.get(id);
  }

  /** Every decision on file, in file order. */
  list(): Decision[] {
    return [...this.byId.values()];
  }

  /**
   * Record a decision for good: it replaces the item's earlier decision, or is added at the
   * end. Refuses (and writes nothing) if the file changed since it was read. The id is kept
   * in NFC, as it is read back.
   */
  async save(given: Decision): Promise<void> {
    if (this.closed) throw new Error('the decisions store is closed');
    const decision = { ...given, id: canonicalId(given.id) };
    await this.refuseIfChanged(decision.id);
    const next = this.doc.clone();
    putDecision(next, decision);
    const text = next.toString({ lineWidth: 0 });
    // Never write a file that we could not read back.
    const check = checkDecisions(text, this.path);
    if (!check.decisions) throw new Error(`the decisions file would not read back: ${check.findings[0]?.message ?? 'unknown problem'}`);
    const bytes = Buffer.from(text, 'utf8');
    await writeFileAtomically(this.path, bytes, {
      beforeRename: () => this.refuseIfChanged(decision.id),
      permissionHint: 'choose a folder you can write to with --decisions',
    });
    this.doc = next as Document.Parsed;
    this.hash = sha256(bytes);
    this.byId.set(decision.id, decision);
  }

  /** Release the lock. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.lock.release();
  }

  private async refuseIfChanged(id: string): Promise<void> {
    const bytes = await readIfExists(this.path);
    const now = bytes ? sha256(bytes) : undefined;
    if (now === this.hash) return;
    throw new TriageError('output', `${this.path} was changed by someone else during this session, so the decision for "${id}" was not saved`, {
      position: { file: this.path },
      hint: 'decisions saved before this one are in the file; run triage review again to carry on from the file as it is now',
    });
  }
}

/**
 * A line of only spaces or tabs, which a YAML block scalar (`|`) cannot carry: the yaml package
 * writes a rationale of " \n" as a block whose line reads back empty, losing what was typed.
 */
const BLANK_LINE_WITH_SPACES = /(?:^|\n)[ \t]+(?:\n|$)/;

/** Text a block scalar would change is written double-quoted, with escapes, so it reads back as saved. */
function keepBlankLines(doc: Document): void {
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && node.value.includes('\n') && BLANK_LINE_WITH_SPACES.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
}

/** Put a decision in the document: in place of the item's earlier one (keeping its comments), or at the end. */
function putDecision(doc: Document, decision: Decision): void {
  if (!doc.contents || !isMap(doc.contents)) {
    doc.contents = doc.createNode({ decisions: [] });
    if (!doc.commentBefore && !doc.comment) doc.commentBefore = HEADER;
  }
  const root = doc.contents as unknown as YAMLMap;
  let seq: unknown = root.get('decisions', true);
  if (!isSeq(seq)) {
    seq = doc.createNode([]);
    root.set('decisions', seq);
  }
  putInList(doc, seq as YAMLSeq, decision);
  keepBlankLines(doc);
}

function putInList(doc: Document, seq: YAMLSeq, decision: Decision): void {
  // `decisions: []` written by hand: grow it as a block list, one decision per entry.
  if (seq.flow && seq.items.length === 0) seq.flow = false;
  const plain = ordered(decision);
  // The file may spell the id in NFD; it was read (and is compared) in NFC.
  const existing = seq.items.find((node) => isMap(node) && canonicalId(String(node.get('id'))) === decision.id) as YAMLMap | undefined;
  if (!existing) {
    seq.items.push(doc.createNode(plain));
    return;
  }
  for (const key of existing.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key)))) {
    if (!(key in plain)) existing.delete(key);
  }
  for (const [key, value] of Object.entries(plain)) {
    existing.set(key, doc.createNode(value));
  }
  // A decision written in one line by hand grows keys: write it as a block from now on.
  existing.flow = false;
}

function ordered(decision: Decision): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of KEY_ORDER) if (decision[key] !== undefined) out[key] = decision[key];
  return out;
}

/** The decisions file as it is now, or `undefined` when there is none yet. */
async function readIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return await readBytes(path, {
      what: 'decisions file',
      maxBytes: MAX_DECISIONS_BYTES,
      directoryHint: 'give a file name with --decisions, e.g. --decisions decisions.yaml',
    });
  } catch (error) {
    if (error instanceof TriageError && (error.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return undefined;
    throw error;
  }
}

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

// ---------------------------------------------------------------------------
// The lock file.

/** A lock younger than this with no pid in it may be a session still writing it (written by an older version). */
const FRESH_LOCK_MS = 10_000;
/** A takeover guard older than this was left by a session that died while taking over. */
const STALE_GUARD_MS = 10_000;
/** Tries, and the pause between them, while another session is taking over a dead lock. */
const TAKE_TRIES = 50;
const TAKE_PAUSE_MS = 20;

/**
 * `<file>.lock`, holding the pid of the session that owns the file. Every step is atomic:
 * - a new lock is written whole to a temporary file and linked into place, which fails if a
 *   lock exists (so a lock is never seen half-written);
 * - a lock left by a session that has died is taken over under a guard (`<file>.lock.takeover`,
 *   created exclusively): only the session holding the guard may replace the dead lock, it
 *   checks the lock is still the dead one it saw, and replaces it by a rename. Two sessions
 *   arriving at once cannot both take it: the second finds the guard, waits, and then finds a
 *   live lock.
 */
export class Lock {
  private held = true;
  private readonly release0: () => void;

  private constructor(
    readonly path: string,
    private readonly pid: number,
  ) {
    // Released when the process ends, however it ends (Ctrl-C, SIGTERM, SIGHUP included).
    this.release0 = untilDone(() => this.releaseSync());
  }

  /** Take the lock, or explain who holds it. */
  static async take(path: string, file: string, pid: number): Promise<Lock> {
    for (let attempt = 0; attempt < TAKE_TRIES; attempt++) {
      if (await create(path, file, pid)) return new Lock(path, pid);
      const seen = await lockHolder(path);
      if (seen === 'gone') continue;
      if (seen.holder === 'busy' || (typeof seen.holder === 'number' && isAlive(seen.holder))) {
        const who = typeof seen.holder === 'number' ? ` (process ${seen.holder})` : '';
        throw new TriageError('usage', `${file} is open in another triage review session${who}`, {
          position: { file },
          hint: `finish that session first; if none is running, delete ${path}`,
        });
      }
      // Left by a session that has ended: take it over, unless another session is doing so.
      if (await takeOver(path, file, pid, seen.ino)) return new Lock(path, pid);
      await pause(TAKE_PAUSE_MS);
    }
    throw new TriageError('usage', `could not lock ${file}: another session keeps taking it`, { position: { file }, hint: 'try again in a moment' });
  }

  /** Remove the lock if it is still ours. */
  async release(): Promise<void> {
    this.releaseSync();
  }

  private releaseSync(): void {
    if (!this.held) return;
    this.held = false;
    this.release0();
    try {
      if (readFileSync(this.path, 'utf8').trim() === String(this.pid)) rmSync(this.path, { force: true });
    } catch {
      // Already gone.
    }
  }
}

/** A temporary file beside the lock holding `pid`, whole and synced. */
async function pidFile(path: string, file: string, pid: number): Promise<string> {
  const temp = tempPathFor(path);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(`${pid}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await rm(temp, { force: true });
    throw lockError(error, file);
  }
  return temp;
}

/** Create the lock if there is none: true when it is now ours. */
async function create(path: string, file: string, pid: number): Promise<boolean> {
  const temp = await pidFile(path, file, pid);
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw lockError(error, file);
  } finally {
    await rm(temp, { force: true });
  }
}

/**
 * Replace the dead lock whose inode is `ino`, holding the takeover guard. False when another
 * session holds the guard, or the lock is no longer the one seen (someone else took it).
 */
async function takeOver(path: string, file: string, pid: number, ino: number): Promise<boolean> {
  const guard = `${path}.takeover`;
  let handle;
  try {
    handle = await open(guard, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw lockError(error, file);
    // A guard left by a session that died mid-takeover would block every session for good.
    const info = await stat(guard).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > STALE_GUARD_MS) await rm(guard, { force: true });
    return false;
  }
  await handle.close();
  try {
    const now = await stat(path).catch(() => undefined);
    if (now?.ino !== ino) return false;
    const temp = await pidFile(path, file, pid);
    try {
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw lockError(error, file);
    }
    return true;
  } finally {
    await rm(guard, { force: true });
  }
}

function lockError(error: unknown, file: string): TriageError {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
    return new TriageError('output', `cannot write decisions to ${file}: its folder does not exist`, {
      position: { file },
      hint: 'create the folder, or choose another file with --decisions',
    });
  }
  return writeError(error, file, 'choose a folder you can write to with --decisions');
}

function pause(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/**
 * Who holds the lock: its pid, 'busy' for an empty lock written right now, 'dead' when there is
 * nothing to wait for; with the lock's inode, so a takeover replaces only the lock it judged.
 * 'gone' when the lock vanished meanwhile.
 */
async function lockHolder(path: string): Promise<{ holder: number | 'busy' | 'dead'; ino: number } | 'gone'> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) return 'gone';
  // A pid is a few digits; anything longer is not a lock this tool wrote.
  const text = (await readAtMost(path, 64).catch(() => undefined))?.toString('utf8').trim() ?? '';
  if (/^\d+$/.test(text)) return { holder: Number(text), ino: info.ino };
  return { holder: Date.now() - info.mtimeMs < FRESH_LOCK_MS ? 'busy' : 'dead', ino: info.ino };
}
