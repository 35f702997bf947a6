/** JSONL: one assessment per line, the same keys as `json` items, streamed as items arrive. */
import type { OutputFormat, TextSink } from './types.js';

export const jsonlFormat: OutputFormat<TextSink> = {
  name: 'jsonl',
  description: 'one JSON assessment per line, streamed (same keys as json items)',
  streaming: true,
  create() {
    return {
      write: ({ assessment }) => `${JSON.stringify(assessment)}\n`,
      end: () => '',
    };
  },
};
