/** `triage explain <id>`: one item's assessment in full. */
import { explainAssessment } from '../core/assess.js';
import { canonicalId, lookAlikeKey } from '../core/ids.js';
import type { WorkItem } from '../core/types.js';
import { ExitCode, TriageError } from '../errors.js';
import { renderExplanation } from '../formats/explain.js';
import { readItems } from '../items/read.js';
import { colorEnabled, type Io } from './io.js';
import { runMeta } from './score.js';
import { ProblemReporter, itemPaths, loadPolicyFor, readerOptions, type ItemInputOptions } from './shared.js';

export interface ExplainOptions extends ItemInputOptions {
  format: 'text' | 'json';
}

export async function explainCommand(given: string, files: string[], options: ExplainOptions, io: Io): Promise<number> {
  // Ids are compared in NFC, as the readers store them; near misses by what they look like.
  const id = canonicalId(given);
  const looks = lookAlikeKey(id);
  const bare = id.replace(/\W/g, '');
  const loaded = await loadPolicyFor(options, io);
  const paths = itemPaths(files, io);
  // Problems in other items are not this command's business; only count them.
  const reporter = new ProblemReporter(io, { quiet: true, max: 0 });
  let found: WorkItem | undefined;
  const nearby: string[] = [];
  for await (const item of readItems(paths, readerOptions(loaded, options, io, reporter))) {
    if (item.id === id) {
      found = item;
      break;
    }
    if (lookAlikeKey(item.id) === looks || item.id.replace(/\W/g, '') === bare) nearby.push(item.id);
  }
  if (!found) {
    throw new TriageError('usage', `no item with id "${id}" in ${paths.map((p) => (p === '-' ? '<stdin>' : p)).join(', ')}`, {
      hint: nearby.length > 0 ? `did you mean ${nearby.slice(0, 3).join(', ')}?` : 'ids are case-sensitive; triage score lists them',
    });
  }
  const { assessment, trace } = explainAssessment(loaded.policy, found);
  if (options.format === 'json') {
    const meta = runMeta(loaded, paths);
    io.stdout.write(`${JSON.stringify({ meta, item: { ...found.values, ...found.extra }, assessment, trace }, null, 2)}\n`);
  } else {
    io.stdout.write(renderExplanation({ policy: loaded.policy, item: found, assessment, trace }, colorEnabled(io.stdout, io.env, options.color)));
  }
  return ExitCode.ok;
}
