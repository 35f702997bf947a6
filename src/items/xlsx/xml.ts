/**
 * One XML part of a workbook, streamed through saxes: a strict, non-validating parser that
 * resolves only XML's own entities (`&amp;`, `&#233;`) and never fetches or expands anything
 * a document type declares. A workbook's parts have no document type at all, so one is
 * refused outright, and so is any XML that is not well-formed. Bytes are decoded as a stream
 * (a character split between two chunks stays whole), and text the parser would have to hold
 * without a tag in between is bounded.
 */
import { TextDecoder } from 'node:util';
import { SaxesParser } from 'saxes';
import { TriageError } from '../../errors.js';
import { MAX_UNBROKEN_TEXT } from './limits.js';

/** What a part's reader does with each element and text; names come without their prefix. */
export interface XmlVisitor {
  open(name: string, attributes: Readonly<Record<string, string>>): void;
  close(name: string): void;
  text(text: string): void;
}

/** Parse a part's bytes, calling the visitor as each piece is complete. */
export async function parseXml(chunks: AsyncIterable<Buffer>, part: string, file: string, visitor: XmlVisitor): Promise<void> {
  for await (const _ of parseXmlSteps(chunks, part, file, visitor)) continue;
}

/**
 * Parse a part's bytes, pausing after each chunk: whatever the visitor gathered from that
 * chunk can be taken before the next is inflated, so rows stream out as they are read.
 */
export async function* parseXmlSteps(chunks: AsyncIterable<Buffer>, part: string, file: string, visitor: XmlVisitor): AsyncGenerator<void> {
  // Positions inside a part mean nothing to the person who saved the workbook: not tracked.
  const parser = new SaxesParser({ xmlns: false, position: false });
  // Characters written since the parser last gave anything back: what it is holding.
  let held = 0;
  parser.on('opentag', (tag) => {
    held = 0;
    visitor.open(localName(tag.name), tag.attributes);
  });
  parser.on('closetag', (tag) => {
    held = 0;
    visitor.close(localName(tag.name));
  });
  parser.on('text', (text) => {
    held = 0;
    visitor.text(text);
  });
  parser.on('cdata', (text) => {
    held = 0;
    visitor.text(text);
  });
  parser.on('doctype', () => {
    throw notWorkbookXml(file, part, 'it has a document type declaration (DOCTYPE), which workbook parts never have');
  });
  parser.on('error', (error) => {
    throw notWorkbookXml(file, part, `it is not well-formed XML (${error.message.replace(/\.$/, '')})`);
  });
  let decoder: TextDecoder | undefined;
  const decode = (chunk?: Buffer): string => {
    try {
      return chunk === undefined ? (decoder?.decode() ?? '') : (decoder as TextDecoder).decode(chunk, { stream: true });
    } catch {
      throw notWorkbookXml(file, part, 'its text is not valid UTF-8');
    }
  };
  for await (const chunk of chunks) {
    decoder ??= new TextDecoder(encodingOf(chunk), { fatal: true, ignoreBOM: false });
    const text = decode(chunk);
    held += text.length;
    if (held > MAX_UNBROKEN_TEXT) {
      throw notWorkbookXml(file, part, `it has more than ${MAX_UNBROKEN_TEXT / 1024 / 1024} MB of text without markup`);
    }
    parser.write(text);
    yield;
  }
  parser.write(decode());
  parser.close();
  yield;
}

/** `x:row` is `row`: parts may bind the spreadsheet namespace to any prefix. */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** UTF-8, unless the part starts with a UTF-16 byte-order mark (XML allows both; Excel writes UTF-8). */
function encodingOf(first: Buffer): string {
  if (first[0] === 0xff && first[1] === 0xfe) return 'utf-16le';
  if (first[0] === 0xfe && first[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

function notWorkbookXml(file: string, part: string, why: string): TriageError {
  return new TriageError('syntax', `${file} cannot be read as a workbook: its part ${part} is refused, as ${why}`, {
    position: { file },
    hint: 'open it in Excel and save it again, or save the sheet as CSV',
  });
}

/** The value of an attribute whatever its prefix (`r:id`, or `id` bound to another prefix). */
export function prefixedAttribute(attributes: Readonly<Record<string, string>>, local: string): string | undefined {
  for (const key of Object.keys(attributes)) {
    const colon = key.indexOf(':');
    if (colon !== -1 && key.slice(colon + 1) === local && key.slice(0, colon) !== 'xmlns') return attributes[key];
  }
  return undefined;
}
