/** JSON: `{ meta, summary, items }`, the shape scripts rely on (DESIGN.md, contract). */
import type { Assessment } from '../core/types.js';
import type { OutputFormat } from './types.js';

export const jsonFormat: OutputFormat = {
  name: 'json',
  description: 'one JSON document: { meta, summary, items }',
  streaming: false,
  create(context) {
    const items: Assessment[] = [];
    return {
      write(result) {
        items.push(result.assessment);
        return undefined;
      },
      end(summary) {
        return `${JSON.stringify({ meta: context.meta, summary, items }, null, 2)}\n`;
      },
    };
  },
};
