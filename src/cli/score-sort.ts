/**
 * `score --sort`: items in another order than they came, without holding them. Each item waits
 * on disk (io/sorted.ts) with only its sort key in memory, and is assessed again as it comes
 * back: assessing is cheaper than writing and reading an assessment, four times an item's size,
 * and gives the same result (an item's scores depend on the item and the policy alone).
 */
import type { Policy } from '../core/compile.js';
import type { AssessedItem, Assessment, WorkItem } from '../core/types.js';
import { SortedSpool } from '../io/sorted.js';
import type { TempFolder } from '../io/temp-folder.js';

export type SortKey = 'input' | 'route' | 'alignment' | 'transformation' | 'confidence' | 'id' | 'title';

export class ItemSorter {
  private constructor(
    private readonly key: Exclude<SortKey, 'input'>,
    private readonly policy: Policy,
    private readonly spool: SortedSpool<WorkItem, SortValue>,
  ) {}

  /** A sorter for the key, or `undefined` for `input` order. */
  static by(key: SortKey, policy: Policy, folder: TempFolder): ItemSorter | undefined {
    if (key === 'input') return undefined;
    return new ItemSorter(key, policy, new SortedSpool<WorkItem, SortValue>(folder, { compare: sortOrder(key), revive }));
  }

  async add(result: AssessedItem): Promise<void> {
    await this.spool.add(result.item, sortValue(this.key, result, this.policy));
  }

  /** Every item added, in order, assessed again by `assess`. */
  async *sorted(assess: (item: WorkItem) => Assessment): AsyncGenerator<AssessedItem> {
    for await (const item of this.spool.sorted()) yield { item, assessment: assess(item) };
  }

  async close(): Promise<void> {
    await this.spool.close();
  }
}

/** What an item is sorted by: a number (route position, a score) or text (id, title). */
export type SortValue = number | string;

export function sortValue(key: Exclude<SortKey, 'input'>, { assessment: a }: AssessedItem, policy: Policy): SortValue {
  switch (key) {
    case 'route':
      return policy.set.routes.findIndex((r) => r.id === a.route);
    case 'alignment':
    case 'transformation':
    case 'confidence':
      return a[key];
    case 'id':
      return detached(a.id);
    case 'title':
      return detached(a.title);
  }
}

/**
 * Characters of an id or title that sort it. Every item's key stays in memory while the items
 * wait on disk, so a key may not be as large as a title can be (a CSV field may hold a
 * megabyte): items whose first 128 characters are the same keep the order they came in.
 */
export const SORT_KEY_CHARS = 128;

/**
 * The key's text: its first SORT_KEY_CHARS characters (never half a surrogate pair), copied
 * so it keeps nothing else alive. A reader's field can be a slice of the whole chunk of the
 * file it came from, and a million kept keys would keep the whole file.
 */
function detached(text: string): string {
  let end = Math.min(text.length, SORT_KEY_CHARS);
  const last = text.charCodeAt(end - 1);
  if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
  return JSON.parse(JSON.stringify(text.slice(0, end))) as string;
}

/** Routes in the set's order; scores highest first; ids and titles as people sort them (WI-2 before WI-10). */
export function sortOrder(key: Exclude<SortKey, 'input'>): (a: SortValue, b: SortValue) => number {
  switch (key) {
    case 'route':
      return (a, b) => (a as number) - (b as number);
    case 'alignment':
    case 'transformation':
    case 'confidence':
      return (a, b) => (b as number) - (a as number);
    case 'id':
    case 'title': {
      const collator = new Intl.Collator('en', { numeric: true });
      return (a, b) => collator.compare(a as string, b as string);
    }
  }
}

/** An item read back from the sort file gets back the prototype-free values the normaliser gave it. */
function revive(item: WorkItem): WorkItem {
  Object.setPrototypeOf(item.values, null);
  Object.setPrototypeOf(item.extra, null);
  return item;
}
