/**
 * A small, strict XML reader for tests: elements, attributes, text and the five entities
 * plus character references. Throws on anything malformed, which is the point: a report
 * that does not parse fails the test.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    const value = ENTITIES[ref];
    if (value === undefined) throw new Error(`unknown entity ${whole}`);
    return value;
  });
}

/** Parse a document into its root element. */
export function parseXml(source: string): XmlElement {
  let text = source;
  if (text.startsWith('<?xml')) text = text.slice(text.indexOf('?>') + 2);
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const tag = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let at = 0;
  while (at < text.length) {
    tag.lastIndex = at;
    match = tag.exec(text);
    if (!match) throw new Error(`malformed XML at ${at}: ${text.slice(at, at + 40)}`);
    at = tag.lastIndex;
    const top = stack[stack.length - 1] as XmlElement;
    if (match[5] !== undefined) {
      if (/[<>]/.test(match[5]) || /&(?!(#x[0-9a-fA-F]+|#\d+|\w+);)/.test(match[5])) throw new Error('stray markup in text');
      top.text += decode(match[5]);
      continue;
    }
    const [, closing, name, rawAttributes, selfClosing] = match as unknown as [string, string, string, string, string];
    if (closing) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, key, value] of rawAttributes.matchAll(/([\w.-]+)="([^"]*)"/g)) {
      if ((key as string) in attributes) throw new Error(`attribute ${key} twice`);
      attributes[key as string] = decode(value as string);
    }
    const element: XmlElement = { name, attributes, children: [], text: '' };
    top.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1]?.name}> is never closed`);
  const elements = root.children;
  if (elements.length !== 1 || root.text.trim() !== '') throw new Error('a document has exactly one root element');
  return elements[0] as XmlElement;
}
