/**
 * A deterministic synthetic backlog in the contract's columns, for the benchmark and for
 * tests that need many rows. The same seed and size give the same bytes on every machine,
 * so figures from different runs compare like with like.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Bumped whenever the rows generated change, so cached backlogs of an older kind are not reused. */
export const GENERATOR_VERSION = 1;

export const COLUMNS = [
  'id',
  'title',
  'description',
  'lead',
  'organisations',
  'effort_weeks',
  'cost_gbp',
  'recurring',
  'citizen_impact',
  'evidence',
  'tags',
  'owner',
];

/** mulberry32: tiny, fast and seedable; quality is ample for test data. */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Words the bundled principles react to, mixed with plain filler, so every criterion,
// signal and rule is exercised and descriptions are as long as real ones (100-300 chars).
const VERBS = ['Redesign', 'Renew', 'Pilot', 'Maintain', 'Replace', 'Review', 'Extend', 'Prototype', 'Integrate', 'Procure'];
const SUBJECTS = [
  'the discharge pathway',
  'the annual licence',
  'care home fees',
  'the referral form',
  'a shared care record',
  'neighbourhood teams',
  'the reablement service',
  'GP premises repairs',
  'the falls prevention offer',
  'direct payments',
];
const CLAUSES = [
  'using population health data and a new dashboard',
  'co-designed with carers and shaped by user research',
  'as routine maintenance under the existing contract',
  'to support independence and self-care at home',
  'joining up council and NHS teams in an integrated service',
  'with a phased roll-out and test and learn cycles',
  'to reduce admissions and health inequalities',
  'a like-for-like contract extension for compliance',
  'so that residents, patients and staff tell their story once',
  'after feedback from the annual survey',
  'for the statutory return due each quarter',
  'to prevent delays, "quoted" issues, and missed visits',
];
const LEADS = ['union', 'council', 'ccg', '', 'council', 'ccg'];
const ORGS = ['council', 'ccg', 'acute-trust', 'voluntary-sector', 'primary-care', 'housing'];
const EVIDENCE = ['quantitative', 'qualitative', 'quantitative;qualitative', ''];
const TAGS = ['digital', 'estates', 'contracts', 'quick-fix', 'discharge', 'prevention', 'workforce'];
const OWNERS = ['Priya Shah', 'Tom Evans', 'Ana Silva', '', '', "Sam O'Neill"];

function pick(rand, list) {
  return list[Math.floor(rand() * list.length)];
}

function quote(text) {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row of the backlog, as CSV cells (not yet quoted). */
export function row(rand, index) {
  const verb = pick(rand, VERBS);
  const subject = pick(rand, SUBJECTS);
  // Two or three different clauses: a start and a stride through the list.
  const first = Math.floor(rand() * CLAUSES.length);
  const stride = 1 + Math.floor(rand() * (CLAUSES.length - 1));
  const clauses = [0, 1, 2].slice(0, rand() < 0.5 ? 3 : 2).map((k) => CLAUSES[(first + k * stride) % CLAUSES.length]);
  const orgs = ORGS.filter(() => rand() < 0.35);
  const effort = rand() < 0.05 ? '' : String(Math.round(rand() * 400) / 10);
  const cost = rand() < 0.1 ? '' : String(Math.round(rand() * 500) * 1000);
  return [
    `WI-${String(index + 1).padStart(7, '0')}`,
    `${verb} ${subject}`,
    `${verb} ${subject}, ${clauses.join(', ')}.`,
    pick(rand, LEADS),
    orgs.join(';'),
    effort,
    cost,
    rand() < 0.3 ? 'yes' : rand() < 0.9 ? 'no' : '',
    rand() < 0.1 ? '' : String(1 + Math.floor(rand() * 5)),
    pick(rand, EVIDENCE),
    TAGS.filter(() => rand() < 0.2).join(';'),
    pick(rand, OWNERS),
  ];
}

/** The whole backlog as an iterable of CSV lines (header first), for streaming or tests. */
export function* backlogLines(items, seed = 20240601) {
  const rand = random(seed);
  yield `${COLUMNS.join(',')}\n`;
  for (let i = 0; i < items; i++) yield `${row(rand, i).map(quote).join(',')}\n`;
}

/** Write the backlog to a file, honouring backpressure so memory stays flat at any size. */
export async function writeBacklog(path, items, seed) {
  const out = createWriteStream(path);
  let batch = '';
  for (const line of backlogLines(items, seed)) {
    batch += line;
    if (batch.length > 1 << 16) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.end(batch);
  await once(out, 'finish');
}
