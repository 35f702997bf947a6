/** Paths into parsed data (keys and indexes), as JSON Pointers and in words. */

export type DataPath = Array<string | number>;

/** JSON Pointer to path segments: split on `/`, unescape `~1` then `~0`. */
export function parsePointer(pointer: string): DataPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** A path in words: `principles[2].criteria[0].points`; the empty path is `the principle set`. */
export function pathText(path: Readonly<DataPath>): string {
  if (path.length === 0) return 'the principle set';
  let text = '';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : text ? `.${part}` : part;
  return text;
}
