/** JSONL: one assessment per line, the same keys as `json` items, streamed as items arrive. */
import type { OutputFormat, TextSink } from './types.js';

export const jsonlFormat: OutputFormat<TextSink> = {
  create() {
    return {
      write: ({ assessment }) => `${JSON.stringify(assessment)}\n`,
      end: () => '',
    };
  },
};
