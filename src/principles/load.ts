/**
 * Load a principle set: read, parse YAML safely, check the schema and the semantics, then
 * compile it into a Policy. Every problem is a finding with a line and column.
 */
import { createHash } from 'node:crypto';
import { relative, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilePolicy, type Policy } from '../core/compile.js';
import type { PrincipleSet } from '../core/types.js';
import { TriageError } from '../errors.js';
import type { Finding, RelatedLocation } from '../findings.js';
import { decodeUtf8, displayName, readBytes } from '../io/read.js';
import { parseYaml, positionAt, toPlain, type YamlSource } from '../io/yaml.js';
import { checkSchema } from './schema.js';
import { checkSemantics } from './semantics.js';

/** The bundled default: The Union's principles. */
export const DEFAULT_PRINCIPLES_URL = new URL('../../principles/union.yaml', import.meta.url);

/** Principle sets are small documents; anything bigger is a mistake. */
export const MAX_PRINCIPLES_BYTES = 1024 * 1024;

export interface LoadedPrinciples {
  /** The path as shown to people. */
  file: string;
  set: PrincipleSet;
  policy: Policy;
  /** `sha256:` and the hex digest of the file's bytes: which policy made a result. */
  hash: string;
  source: YamlSource;
}

export interface PrincipleCheck {
  file: string;
  /** Present when the file is a usable principle set (no errors). */
  set: PrincipleSet | undefined;
  findings: Finding[];
  source: YamlSource;
}

/** Thrown when a file has errors; carries every finding so the CLI can print each one. */
export class InvalidFileError extends TriageError {
  readonly findings: Array<Finding<string>>;

  constructor(code: 'principles-invalid' | 'decisions-invalid' | 'syntax', findings: Array<Finding<string>>, what: string) {
    const first = findings[0] as Finding<string>;
    super(code, first.message, {
      position: { file: first.file, line: first.line, column: first.column },
      hint: findings.length > 1 ? `${findings.length - 1} more problem(s) in this ${what}` : undefined,
    });
    this.findings = findings;
  }
}

/** Check the text of a principle set: syntax, schema and semantics. No I/O. */
export function checkPrinciples(text: string, file: string): PrincipleCheck {
  const source = parseYaml(text);
  const findings: Finding[] = source.problems.map((p) => ({ ...p, severity: 'error' as const, file }));
  if (findings.length > 0) return { file, set: undefined, findings, source };

  const data = toPlain(source);
  const shape = notAMapping(data, file);
  if (shape) return { file, set: undefined, findings: [shape], source };
  for (const problem of checkSchema(data)) {
    const at = positionAt(source, problem.path, problem.atKey);
    findings.push({ ruleId: 'principles/schema', severity: 'error', message: problem.message, file, ...at });
  }
  if (findings.length > 0) return { file, set: undefined, findings, source };

  const set = data as PrincipleSet;
  for (const problem of checkSemantics(set)) {
    const at = positionAt(source, problem.path, problem.atKey ?? false);
    const related: RelatedLocation[] | undefined = problem.related?.map((r) => {
      const where = positionAt(source, r.path);
      return { file, line: where.line, column: where.column, message: r.message };
    });
    const first = related?.[0];
    const message = first ? `${problem.message} (first at line ${first.line}, column ${first.column})` : problem.message;
    findings.push({ ruleId: problem.ruleId, severity: problem.severity, message, file, ...at, ...(related ? { related } : {}) });
  }
  const usable = !findings.some((f) => f.severity === 'error');
  return { file, set: usable ? set : undefined, findings, source };
}

const TOP_LEVEL = 'version, organisation, routes, fields, principles, transformation and routing';
const START_FROM = 'start from principles/union.yaml, or run triage init';

/** A file that holds nothing, or a list or a single value, where a mapping is needed. */
function notAMapping(data: unknown, file: string): Finding | undefined {
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) return undefined;
  const at = { file, line: 1, column: 1 };
  if (data === null || data === undefined) {
    return { ruleId: 'file/empty', severity: 'error', message: `${file} holds no principle set; it needs ${TOP_LEVEL}: ${START_FROM}`, ...at };
  }
  const what = Array.isArray(data) ? 'a list' : `a single value (${typeof data})`;
  return {
    ruleId: 'principles/schema',
    severity: 'error',
    message: `a principle set must be a mapping of ${TOP_LEVEL}, not ${what}: ${START_FROM}`,
    ...at,
  };
}

/** Load and compile a principle set, or the bundled default when no path is given. */
export async function loadPrinciples(path?: string, options: { cwd?: string; stdin?: NodeJS.ReadableStream } = {}): Promise<LoadedPrinciples> {
  const bundled = path === undefined;
  const readPath = bundled ? fileURLToPath(DEFAULT_PRINCIPLES_URL) : path;
  const file = bundled ? shownPath(readPath, options.cwd ?? process.cwd()) : displayName(path);
  const bytes = await readBytes(readPath, {
    what: 'principle set',
    maxBytes: MAX_PRINCIPLES_BYTES,
    ...(options.stdin ? { stdin: options.stdin } : {}),
  });
  return principlesFromBytes(bytes, file);
}

/**
 * Check and compile a principle set already read (from git, say), named `file` in every
 * message: findings point at `file:line:column` of the text itself.
 */
export function principlesFromBytes(bytes: Uint8Array, file: string): LoadedPrinciples {
  if (bytes.length > MAX_PRINCIPLES_BYTES) {
    throw new TriageError('file-unreadable', `larger than ${MAX_PRINCIPLES_BYTES / 1024 / 1024} MB, the limit for a principle set`, {
      position: { file },
      hint: 'split it, or trim what it does not need',
    });
  }
  const hash = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  const key = `${file}\u0000${hash}`;
  const seen = CHECKED.get(key);
  if (seen) {
    // Each caller gets a set of its own, made again from the parsed text (which is only read).
    const set = toPlain(seen) as PrincipleSet;
    return { file, set, policy: compilePolicy(set), hash, source: seen };
  }
  const text = decodeUtf8(bytes, file);
  const check = checkPrinciples(text, file);
  if (!check.set) {
    const errors = check.findings.filter((f) => f.severity === 'error');
    throw new InvalidFileError('principles-invalid', errors, 'principle set');
  }
  if (CHECKED.size >= CHECKED_MAX) CHECKED.delete(CHECKED.keys().next().value as string);
  CHECKED.set(key, check.source);
  return { file, set: check.set, policy: compilePolicy(check.set), hash, source: check.source };
}

/**
 * The last few principle sets checked, by the name they are shown under and their bytes.
 * Parsing and checking the set is most of the cost of scoring a small backlog, and a process
 * that runs many commands (a library caller, the test suite) loads the same set again and
 * again. Only the parsed text is kept, which the loaded set holds on to anyway. A set that failed
 * its checks is not kept: its error is thrown each time.
 */
const CHECKED = new Map<string, YamlSource>();
const CHECKED_MAX = 8;

/** A path relative to the working folder when it is inside it, else absolute. */
function shownPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
