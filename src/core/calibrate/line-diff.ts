/**
 * A unified diff between two texts that have the same lines, some of them changed in place
 * (values rewritten, nothing added or removed): the changed lines, each old then new, with
 * `context` lines around them, in hunks as `diff -u` and `git apply` read them. Pure.
 */

export interface ChangedLine {
  /** 1-based. */
  line: number;
  before: string;
  after: string;
}

/** Split into lines, keeping each line's own ending out of it (a `\r` stays, as diff keeps it). */
function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The lines that differ. Throws when the texts do not have the same number of lines. */
export function changedLines(before: string, after: string): ChangedLine[] {
  const a = linesOf(before);
  const b = linesOf(after);
  if (a.length !== b.length) throw new RangeError('the texts must have the same lines, changed in place');
  const changed: ChangedLine[] = [];
  a.forEach((line, k) => {
    if (line !== b[k]) changed.push({ line: k + 1, before: line, after: b[k] as string });
  });
  return changed;
}

/** The unified diff from `before` (named `from`) to `after` (named `to`); empty when nothing changed. */
export function unifiedDiff(before: string, after: string, from: string, to: string, context = 3): string {
  const changed = changedLines(before, after);
  if (changed.length === 0) return '';
  const a = linesOf(before);
  const b = linesOf(after);
  const out = [`--- ${from}`, `+++ ${to}`];
  // Hunks: changed lines whose context would touch or overlap go together.
  const hunks: ChangedLine[][] = [];
  for (const c of changed) {
    const last = hunks[hunks.length - 1];
    const previous = last?.[last.length - 1];
    if (last && previous && c.line - previous.line <= 2 * context + 1) last.push(c);
    else hunks.push([c]);
  }
  const noNewline = (text: string): boolean => text.length > 0 && !text.endsWith('\n');
  for (const hunk of hunks) {
    const first = (hunk[0] as ChangedLine).line;
    const end = (hunk[hunk.length - 1] as ChangedLine).line;
    const start = Math.max(1, first - context);
    const stop = Math.min(a.length, end + context);
    const count = stop - start + 1;
    out.push(`@@ -${start},${count} +${start},${count} @@`);
    const minus: string[] = [];
    const plus: string[] = [];
    const flush = (): void => {
      out.push(...minus, ...plus);
      minus.length = 0;
      plus.length = 0;
    };
    for (let k = start; k <= stop; k++) {
      const old = a[k - 1] as string;
      const now = b[k - 1] as string;
      const atEnd = k === a.length;
      if (old === now) {
        flush();
        out.push(` ${old}`);
        if (atEnd && noNewline(before)) out.push('\\ No newline at end of file');
      } else {
        minus.push(`-${old}`);
        if (atEnd && noNewline(before)) minus.push('\\ No newline at end of file');
        plus.push(`+${now}`);
        if (atEnd && noNewline(after)) plus.push('\\ No newline at end of file');
      }
    }
    flush();
  }
  return `${out.join('\n')}\n`;
}
