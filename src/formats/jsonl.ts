/**
 * JSONL: one assessment per line, the same keys as `json` items and then `policy`, the tool
 * version and the principle set's short hash (`union-triage@0.1.0+82da108836cc`), so each line
 * can be traced on its own. Streamed as items arrive.
 */
import { policyStamp } from './trace.js';
import type { OutputFormat, TextSink } from './types.js';

export const jsonlFormat: OutputFormat<TextSink> = {
  create(context) {
    const policy = policyStamp(context.meta);
    return {
      write: ({ assessment }) => `${JSON.stringify({ ...assessment, policy })}\n`,
      end: () => '',
    };
  },
};
