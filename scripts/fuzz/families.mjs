/**
 * The fuzzer's case families beyond mutated bytes: principle sets built to be expensive,
 * keyword lists built to collide or to share long prefixes, odd file names, and symbolic
 * links, devices and FIFOs in place of files. Each family makes a case from a seeded random
 * source `r` (see scripts/fuzz.mjs) alone: files to lay out in the case's own folder, and the
 * commands to run there, each with the exit codes it may end with.
 *
 * A command's arguments are strings, or `{ file: k }` for the path of the case's k-th file.
 * A file is `{ name, bytes }`, or `{ name, link: target }` (a symbolic link, created as is),
 * or `{ name, fifo: bytes }` (a named pipe the fuzzer writes the bytes into as it is read).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { backlogLines } from '../bench/generate.mjs';
import { collidingWords, sharedPrefixPhrases } from '../hostile/keywords.mjs';
import { hostilePrinciples } from '../hostile/principles.mjs';

/** Families and their share of the cases (the rest are mutated bytes). */
export const FAMILIES = [
  { name: 'complexity', share: 0.02, make: complexityCase },
  { name: 'keywords', share: 0.02, make: keywordsCase },
  { name: 'names', share: 0.03, make: namesCase },
  { name: 'links', share: 0.03, make: linksCase },
];

const text = (root, file) => readFileSync(join(root, file));

/** A number in [0, n), most often small: for sizes that should be big only now and then. */
const skewed = (r, n) => Math.floor(r.next() ** 3 * n);

// ---------------------------------------------------------------------------------------

/** Routing conditions that expand to many alternatives, or nest deeply, through validate and score. */
function complexityCase(r, root) {
  let yaml;
  let what;
  const variant = r.int(3);
  if (variant === 0) {
    const options = { rules: 1 + skewed(r, 200), groups: 1 + r.int(3), width: 1 + r.int(16) };
    yaml = hostilePrinciples(options);
    what = `rules ${options.rules}, groups ${options.groups}, width ${options.width}`;
  } else {
    const base = hostilePrinciples({ rules: 1 + r.int(20), groups: 1, width: 2 });
    const condition = variant === 1 ? deepCondition(r, 1 + r.int(70)) : wideCondition(r);
    yaml = base.replace('  default: review', `    - id: extra\n      route: union\n      reason: R.\n      when: ${condition}\n  default: review`);
    what = variant === 1 ? 'one deeply nested rule' : 'one rule of all of wide anys';
  }
  return {
    steps: [`complexity: ${what}`],
    files: [{ name: 'principles.yaml', bytes: Buffer.from(yaml) }],
    commands: [
      { args: ['validate', '-p', { file: 0 }, '-f', 'json'], allowed: [0, 1], json: true },
      { args: ['score', join(root, 'examples/backlog.csv'), '-p', { file: 0 }, '-f', 'jsonl'], allowed: [0, 1, 2] },
    ],
  };
}

/** not / all / any nested `depth` deep (past YAML's limit of 64 now and then). */
function deepCondition(r, depth) {
  let condition = '{ field: n0, equals: 1 }';
  for (let d = 0; d < depth; d++) {
    const op = r.pick(['not', 'all', 'any']);
    condition = op === 'not' ? `{ not: ${condition} }` : `{ ${op}: [${condition}, { field: tag, equals: d${d} }] }`;
  }
  return condition;
}

/** `all` of up to 100 `any`s of up to 100 tests: alternatives beyond counting. */
function wideCondition(r) {
  const anys = Array.from({ length: 1 + skewed(r, 100) }, (_, a) => {
    const tests = Array.from({ length: 1 + skewed(r, 100) }, (_, t) => `{ field: n0, gte: ${a * 100 + t} }`);
    return `{ any: [${tests.join(', ')}] }`;
  });
  return `{ all: [${anys.join(', ')}] }`;
}

// ---------------------------------------------------------------------------------------

/** Many keywords, colliding words, long phrases, many mentions tests; long descriptions. */
function keywordsCase(r, root) {
  const lists = [];
  const steps = [];
  const variant = r.int(4);
  if (variant === 0) {
    const n = 1 + skewed(r, 19_000);
    lists.push(...chunks(collidingWords(n, 10 + r.int(12), 1 + r.int(1000)), 500));
    steps.push(`${n} colliding keywords`);
  } else if (variant === 1) {
    const count = 1 + skewed(r, 500);
    const words = 2 + r.int(r.chance(0.1) ? 14 : 9);
    lists.push(sharedPrefixPhrases(count, words));
    steps.push(`${count} phrases of ${words} words sharing a prefix`);
  } else if (variant === 2) {
    const tests = 1 + r.int(45);
    for (let t = 0; t < tests; t++) lists.push(Array.from({ length: 1 + r.int(20) }, (_, k) => `t${t}w${k} ${r.pick(['a', 'b', 'a a'])}`));
    steps.push(`${tests} mentions tests`);
  } else {
    lists.push(
      Array.from({ length: 1 + r.int(30) }, () =>
        r.pick(['self-care', 'İntegrated', 'straße', 'datá', 'data\u0301', 'co-design', 'a. b', '--', 'x\ny', 'λόγος', '𝐀bc']),
      ),
    );
    steps.push('keywords with hyphens, accents, sentence ends and no words');
  }
  const union = text(root, 'principles/union.yaml').toString('utf8');
  const signals = lists.map(
    (keywords, k) => `    - { id: hostile-${k}, when: { field: description, mentions: [${keywords.map((w) => JSON.stringify(w)).join(', ')}] }, points: 1 }`,
  );
  const set = union.replace('  signals:\n', `  signals:\n${signals.join('\n')}\n`);
  const words = skewed(r, 100_000);
  const long = `${r.pick(['a ', 'a a b ', 'w1 ', 'self care. ', 'İ '])}`.repeat(Math.max(1, words / 2));
  const rows = [...backlogLines(1 + skewed(r, 2000), 1 + r.int(1000))];
  rows.push(`L-1,Long,${JSON.stringify(long)},union,council,1,1,no,3,,,\n`);
  steps.push(`${rows.length - 1} rows and one of ${words} words`);
  return {
    steps,
    files: [
      { name: 'principles.yaml', bytes: Buffer.from(set) },
      { name: 'items.csv', bytes: Buffer.from(rows.join('')) },
    ],
    commands: [
      { args: ['score', { file: 1 }, '-p', { file: 0 }, '-f', r.pick(['jsonl', 'csv'])], allowed: [0, 1, 2] },
      { args: ['validate', { file: 1 }, '-p', { file: 0 }, '-f', 'json'], allowed: [0, 1], json: true },
    ],
  };
}

function chunks(list, size) {
  return Array.from({ length: Math.ceil(list.length / size) }, (_, k) => list.slice(k * size, (k + 1) * size));
}

// ---------------------------------------------------------------------------------------

const NAME_PARTS = [
  'plain',
  ' spaces  here ',
  "quote'd",
  'double"quote',
  'semi;colon',
  '$dollar',
  '`tick`',
  'star*',
  'what?',
  '%20',
  '#hash',
  'emoji😀',
  'é-accent',
  'ctrl\u001b[31m',
  'new\nline',
  'tab\t',
  'back\\slash',
  '\u202eRTL',
  'nul-free',
  '..',
  '~home',
  '&amp',
  '|pipe',
  '<in>',
];

/** A file name of odd characters; sometimes starting with '-', sometimes near or past 255 bytes. */
function oddName(r, ext) {
  let name = Array.from({ length: 1 + r.int(3) }, () => r.pick(NAME_PARTS)).join('');
  if (r.chance(0.3)) name = `-${name}`;
  const long = r.chance(0.25) ? 200 + r.int(r.chance(0.3) ? 100 : 50) : 0;
  while (Buffer.byteLength(`${name}.${ext}`) < long) name += r.pick(['x', 'é', '😀']);
  return `${name}.${ext}`;
}

/** Inputs and outputs with odd names; names starting with '-' given after `--`, and as they are. */
function namesCase(r, root) {
  const principles = r.chance(0.4);
  const name = oddName(r, principles ? 'yaml' : 'csv');
  const source = principles ? 'principles/union.yaml' : r.pick(['examples/backlog.csv', 'test/fixtures/validate/portfolio/backlog.csv']);
  // Names past 255 bytes cannot be created: the commands must say the file cannot be read.
  const creatable = Buffer.byteLength(name) <= 255;
  const missing = creatable ? undefined : [2];
  const files = [{ name, bytes: text(root, source) }];
  const commands = principles
    ? [
        { args: ['score', join(root, 'examples/backlog.csv'), '-p', { file: 0 }, '-f', 'jsonl'], allowed: missing ?? [0, 1, 2] },
        { args: ['validate', '-f', 'json', '-p', { file: 0 }], allowed: missing ?? [0, 1], json: true },
      ]
    : [
        { args: ['score', '-f', 'jsonl', '--', { file: 0 }], allowed: missing ?? [0, 1, 2] },
        { args: ['validate', '-f', 'json', '--', { file: 0 }], allowed: missing ?? [0, 1], json: true },
      ];
  // A name starting with '-' given as it is reads as an option: a usage error, exit 2.
  if (name.startsWith('-') && !principles) commands.push({ args: ['score', { file: 0 }], allowed: [0, 1, 2] });
  const output = oddName(r, r.pick(['csv', 'json', 'md', 'html']));
  files.push({ name: output, output: true });
  commands.push({ args: ['score', join(root, 'examples/backlog.csv'), '-o', { file: 1 }], allowed: [0, 1, 2] });
  return { steps: [`names ${JSON.stringify(name)} and ${JSON.stringify(output)}`], files, commands };
}

// ---------------------------------------------------------------------------------------

/** Inputs that are symbolic links (to files, to /dev/null and /dev/zero, in loops, dangling) or FIFOs; outputs that are links. */
function linksCase(r, root) {
  const kind = r.pick(['items', 'items', 'principles', 'decisions']);
  const ext = kind === 'items' ? r.pick(['csv', 'yaml', 'json']) : 'yaml';
  const source = {
    items: { csv: 'examples/backlog.csv', yaml: 'examples/backlog.yaml', json: 'examples/backlog.csv' }[ext],
    principles: 'principles/union.yaml',
    decisions: 'test/fixtures/validate/portfolio/decisions.yaml',
  }[kind];
  const bytes = text(root, source);
  const variant = r.pick(['file', 'chain', 'devnull', 'devzero', 'loop', 'dangling', 'fifo']);
  const files = [];
  if (variant === 'file') files.push({ name: `input.${ext}`, link: `target.${ext}` }, { name: `target.${ext}`, bytes });
  else if (variant === 'chain')
    files.push({ name: `input.${ext}`, link: `middle.${ext}` }, { name: `middle.${ext}`, link: `target.${ext}` }, { name: `target.${ext}`, bytes });
  else if (variant === 'devnull') files.push({ name: `input.${ext}`, link: '/dev/null' });
  else if (variant === 'devzero') files.push({ name: `input.${ext}`, link: '/dev/zero' });
  else if (variant === 'loop') files.push({ name: `input.${ext}`, link: `other.${ext}` }, { name: `other.${ext}`, link: `input.${ext}` });
  else if (variant === 'dangling') files.push({ name: `input.${ext}`, link: `nowhere.${ext}` });
  else files.push({ name: `input.${ext}`, fifo: bytes });
  const unreadable = variant === 'loop' || variant === 'dangling';
  // Each command reads a FIFO once; the fuzzer refills it before each command.
  const backlog = join(root, 'examples/backlog.csv');
  const commands = {
    items: [
      { args: ['score', { file: 0 }, '-f', 'jsonl'], allowed: unreadable ? [2] : [0, 1, 2] },
      { args: ['validate', { file: 0 }, '-f', 'json'], allowed: unreadable ? [2] : [0, 1], json: true },
    ],
    principles: [
      { args: ['score', backlog, '-p', { file: 0 }, '-f', 'jsonl'], allowed: unreadable ? [2] : [0, 1, 2] },
      { args: ['validate', '-p', { file: 0 }, '-f', 'json'], allowed: unreadable ? [2] : [0, 1], json: true },
    ],
    decisions: [
      { args: ['score', backlog, '--decisions', { file: 0 }, '-f', 'jsonl'], allowed: unreadable ? [2] : [0, 1, 2] },
      { args: ['validate', { file: 0 }, backlog, '-f', 'json'], allowed: unreadable ? [2] : [0, 1], json: true },
    ],
  }[kind];
  // Outputs through links: the link is replaced, never what it points to. (Never `-o
  // /dev/null` itself: a program that replaces its output file by renaming would replace
  // the device, and the fuzzer runs wherever it is started.)
  const out = r.pick(['file', 'devnull', 'dangling', 'folder']);
  const at = files.length;
  if (out === 'file') files.push({ name: 'out.csv', link: 'real-out.csv' }, { name: 'real-out.csv', bytes: Buffer.from('old\n') });
  else if (out === 'devnull') files.push({ name: 'out.csv', link: '/dev/null' });
  else if (out === 'dangling') files.push({ name: 'out.csv', link: 'missing-folder/out.csv' });
  else files.push({ name: 'out.csv', folder: true });
  commands.push({ args: ['score', backlog, '-f', 'csv', '-o', { file: at }], allowed: [0, 1, 2] });
  return { steps: [`links: input ${variant} (${kind}, ${ext}), output ${out}`], files, commands, noChild: variant === 'fifo' };
}
