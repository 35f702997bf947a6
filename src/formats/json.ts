/**
 * JSON: `{ meta, summary, items }`, the shape and key order scripts rely on (the product's
 * contract). The summary comes before the items but is known only after them, so each item
 * is held in the `items` section as it comes and placed after the summary at the end: the
 * document is never one string, and a run of any size fits in memory.
 */
import type { OutputFormat } from './types.js';

const ITEMS = 'items';
/** `[\n  [\n    ` and `\n  ]\n]`, around an item nested two deep. */
const NESTED_HEAD = 10;
const NESTED_TAIL = 6;

export const jsonFormat: OutputFormat = {
  create(context) {
    let count = 0;
    return {
      write({ assessment }) {
        // Byte for byte what JSON.stringify(document, null, 2) writes for the item: nested
        // two deep, so it is indented as in the document, less the brackets around it.
        const nested = JSON.stringify([[assessment]], null, 2);
        const text = `${count === 0 ? '' : ','}\n    ${nested.slice(NESTED_HEAD, -NESTED_TAIL)}`;
        count++;
        return { section: ITEMS, text };
      },
      end(summary) {
        const head = `{\n  "meta": ${indent(JSON.stringify(context.meta, null, 2), '  ')},\n  "summary": ${indent(JSON.stringify(summary, null, 2), '  ')},\n  "items": [`;
        return count === 0 ? `${head}]\n}\n` : [head, { section: ITEMS }, '\n  ]\n}\n'];
      },
    };
  },
};

/** Nested one level deeper: every line after the first gains the indent. */
function indent(json: string, by: string): string {
  return json.replaceAll('\n', `\n${by}`);
}
