/**
 * New principle weights into a principle set's text, changing nothing else. The yaml
 * Document API finds each `weight:` value and where it stands in the text; only those
 * characters are replaced, so comments, blank lines, quoting, key order and line wrapping
 * stay exactly as they were (re-serialising the document would re-wrap long lines). The
 * result is checked again as a principle set before anyone writes it.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { PrincipleSet } from '../core/types.js';
import { TriageError } from '../errors.js';
import { decodeUtf8, displayName, readBytes } from '../io/read.js';
import type { YamlSource } from '../io/yaml.js';
import { DEFAULT_PRINCIPLES_URL, InvalidFileError, MAX_PRINCIPLES_BYTES, checkPrinciples } from './load.js';

/** A principle set with the text it was read from, for writing it back changed. */
export interface PrincipleSetText {
  /** The path as shown to people. */
  file: string;
  /** The path read; undefined for standard input. */
  path: string | undefined;
  /** True for the bundled default (no -p). */
  bundled: boolean;
  text: string;
  set: PrincipleSet;
  source: YamlSource;
  /** `sha256:` hex of the bytes read: whether the file changed before it is written over. */
  hash: string;
}

/** Read and check a principle set as `loadPrinciples` does, keeping its text. */
export async function readPrincipleSetText(path: string | undefined, options: { cwd: string; stdin?: NodeJS.ReadableStream }): Promise<PrincipleSetText> {
  const bundled = path === undefined;
  const readPath = bundled ? fileURLToPath(DEFAULT_PRINCIPLES_URL) : path;
  const file = bundled ? shownPath(readPath, options.cwd) : displayName(path);
  const bytes = await readBytes(readPath, { what: 'principle set', maxBytes: MAX_PRINCIPLES_BYTES, ...(options.stdin ? { stdin: options.stdin } : {}) });
  const text = decodeUtf8(bytes, file);
  const check = checkPrinciples(text, file);
  if (!check.set) throw new InvalidFileError('principles-invalid', check.findings.filter((f) => f.severity === 'error'), 'principle set');
  return { file, path: readPath === '-' ? undefined : readPath, bundled, text, set: check.set, source: check.source, hash: hashOf(bytes) };
}

/** `sha256:` and the hex digest. */
export function hashOf(bytes: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/**
 * The principle set's text with each principle's `weight` replaced by `weights.get(id)`
 * (principles not in the map keep theirs). Throws when the result would not read back as
 * the same principle set with exactly those weights.
 */
export function withWeights(loaded: Pick<PrincipleSetText, 'file' | 'text' | 'source'>, weights: ReadonlyMap<string, number>): string {
  const edits = weightNodes(loaded.source)
    .filter(({ id }) => weights.has(id))
    .map(({ id, node }) => ({ id, node, text: formatWeight(weights.get(id) as number) }));
  let text = loaded.text;
  // From the end, so earlier offsets stay valid.
  for (const { node, text: replacement } of [...edits].sort((a, b) => b.node.start - a.node.start)) {
    text = text.slice(0, node.start) + replacement + text.slice(node.end);
  }
  const check = checkPrinciples(text, loaded.file);
  const readBack = new Map(check.set?.principles.map((p) => [p.id, p.weight]) ?? []);
  for (const { id, node } of edits) {
    if (readBack.get(id) !== weights.get(id)) {
      throw new TriageError('principles-invalid', `the weight of ${id} cannot be rewritten in place`, {
        position: { file: loaded.file, line: node.line, column: node.column },
        hint: 'write the weight as a plain number (e.g. weight: 2), then run again',
      });
    }
  }
  return text;
}

interface WeightNode {
  id: string;
  node: { start: number; end: number; line: number; column: number };
}

/** Where each principle's weight value stands in the text. */
function weightNodes(source: YamlSource): WeightNode[] {
  const contents = source.doc.contents as Node | null;
  const list = isMap(contents) ? contents.get('principles', true) : undefined;
  if (!isSeq(list)) return [];
  const found: WeightNode[] = [];
  for (const entry of list.items) {
    if (!isMap(entry)) continue;
    const id = entry.get('id');
    const weight = entry.get('weight', true);
    if (typeof id !== 'string' || !isScalar(weight) || !weight.range) continue;
    const [start, end] = weight.range;
    const at = source.lineCounter.linePos(start);
    found.push({ id, node: { start, end, line: at.line, column: at.col } });
  }
  return found;
}

/** A weight as YAML text: the shortest form that reads back as the same number. */
function formatWeight(weight: number): string {
  if (!(weight > 0) || !Number.isFinite(weight)) throw new RangeError(`a weight must be a positive number, not ${weight}`);
  return String(weight);
}

/** A path relative to the working folder when it is inside it, else absolute. */
function shownPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
