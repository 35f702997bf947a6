/**
 * YAML work items: a list of mappings, or a mapping with an `items:` list. Parsed whole
 * (YAML cannot be streamed), so its size is capped; large backlogs belong in CSV or JSONL.
 */
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import { TriageError } from '../errors.js';
import { parseYaml, type YamlProblem, type YamlSource } from '../io/yaml.js';
import type { RawRecord } from './normalise.js';

/** A YAML items file that does not parse: the first problem as the message, all of them kept. */
export class YamlItemsError extends TriageError {
  constructor(
    file: string,
    readonly problems: readonly YamlProblem[],
  ) {
    const first = problems[0] as YamlProblem;
    super('syntax', first.message, {
      position: { file, line: first.line, column: first.column },
      hint: problems.length > 1 ? `${problems.length - 1} more problem(s) in this file` : undefined,
    });
  }
}

/** The records of a YAML items file; file-level problems throw a TriageError. */
export function readYamlItems(text: string, file: string): RawRecord[] {
  const source = parseYaml(text);
  if (source.problems.length > 0) throw new YamlItemsError(file, source.problems);
  const list = itemList(source, file);
  return list.map((node, index) => toRecord(source, node, index, file));
}

function itemList(source: YamlSource, file: string): unknown[] {
  const contents = source.doc.contents;
  if (contents === null) return [];
  if (isSeq(contents)) return contents.items;
  if (isMap(contents)) {
    const items = contents.get('items', true);
    if (isSeq(items)) return items.items;
    if (items === undefined || items === null) {
      throw new TriageError('syntax', 'a YAML items file needs a list of items, or an "items:" key holding one', {
        position: { file, ...at(source, contents) },
        hint: 'write each item as "- id: ..." under "items:"',
      });
    }
    throw new TriageError('syntax', '"items" must be a list of items', { position: { file, ...at(source, items) } });
  }
  throw new TriageError('syntax', 'a YAML items file must hold a list of items', {
    position: { file, ...at(source, contents) },
    hint: 'write each item as "- id: ..."',
  });
}

function toRecord(source: YamlSource, node: unknown, index: number, file: string): RawRecord {
  if (!isMap(node)) {
    throw new TriageError('syntax', `item ${index + 1} is not a mapping of fields`, {
      position: { file, ...at(source, node as Node) },
      hint: 'write it as "- id: ...", one field per line',
    });
  }
  const values = Object.create(null) as Record<string, unknown>;
  const pairs = new Map<string, Pair>();
  for (const pair of node.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = String(pair.key.value).trim();
    const earlier = pairs.get(key);
    if (earlier) {
      // The parser refuses a key written twice; these differ only in spaces around them.
      throw new TriageError(
        'syntax',
        `"${String((earlier.key as Scalar).value)}" and "${String(pair.key.value)}" name the same field in one item, and only one value could be kept`,
        {
          position: { file, ...at(source, pair.key) },
          hint: 'remove one of them, or rename it',
        },
      );
    }
    const value = pair.value as Node | null;
    values[key] = value === null ? null : isScalar(value) ? value.value : value.toJS(source.doc);
    pairs.set(key, pair);
  }
  const start = at(source, node);
  return {
    values,
    line: start.line,
    locate(field: string) {
      const pair = pairs.get(field);
      if (!pair) return start;
      return at(source, ((pair.value as Node | null) ?? pair.key) as Node);
    },
  };
}

function at(source: YamlSource, node: Node | null | undefined): { line: number; column: number } {
  const offset = node?.range?.[0];
  if (offset === undefined) return { line: 1, column: 1 };
  const pos = source.lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}
