/** Word wrapping for terminal text: cards, explanations, summary lines. */

/** Split text into lines of at most `width` characters, breaking at spaces (long words are cut). */
export function wrap(text: string, width: number): string[] {
  const max = Math.max(10, width);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    let rest = word;
    while (rest.length > max) {
      if (line) lines.push(line);
      line = '';
      lines.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= max) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Wrap, then indent every line. */
export function wrapIndented(text: string, width: number, indent: string): string[] {
  return wrap(text, width - indent.length).map((line) => indent + line);
}

/**
 * Join parts with a separator into lines no wider than `width`, counting visible characters
 * (colour codes take no room). A part is never broken; one wider than `width` has a line of its own.
 */
export function wrapParts(parts: readonly string[], separator: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const part of parts) {
    const next = current === '' ? part : `${current}${separator}${part}`;
    if (current !== '' && visibleLength(next) > width) {
      lines.push(current);
      current = part;
    } else {
      current = next;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}

function visibleLength(text: string): number {
  return [...text.replace(/\u001b\[[0-9;]*m/g, '')].length;
}
