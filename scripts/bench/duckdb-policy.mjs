/**
 * The bench's columnar yardstick: a compiled policy as one DuckDB SQL query that reads a CSV
 * backlog and writes the csv format's assessment columns (id ... overridden) to a file.
 *
 * The SQL is generated from the compiled policy (not written by hand), leaf by leaf, with
 * SQL's NULL as the policy's "unknown": Kleene AND / OR / NOT over NULLs are exactly the
 * three-valued all / any / not of src/core/evaluate.ts for an item as it is. Scores, the
 * classification, confidence and the first matching rule follow `score` and `firstRule`
 * there. test/bench/duckdb-policy.test.ts checks it agrees with `triage score` on the
 * examples and on a synthetic backlog. It covers the operators and field types the bundled
 * principle sets use; anything else throws rather than guess.
 *
 * What it does not do (the bench data never needs it): reject invalid items, duplicate ids,
 * grouped numbers (`£1,000`), Unicode case folding beyond DuckDB's lower().
 */

/** SQL text literal. */
function text(value) {
  return `'${String(value).replaceAll("'", "''")}'`;
}

/** A column of the input, quoted as an identifier. */
function ident(name) {
  return `"${String(name).replaceAll('"', '""')}"`;
}

/** SQL number literal (doubles: the policy's numbers compare as JavaScript numbers do). */
function num(value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`not a number: ${value}`);
  return `${value}::DOUBLE`;
}

/** The expression of a field's value as the normaliser reads it: NULL when missing. */
function fieldValue(name, spec) {
  const raw = `NULLIF(trim(${ident(name)}), '')`;
  switch (spec.type) {
    case 'string':
    case 'text':
    case 'enum':
      return raw;
    case 'number':
    case 'integer':
      return `TRY_CAST(${raw} AS DOUBLE)`;
    case 'boolean':
      return `CASE WHEN lower(${raw}) IN ('true', 'yes', 'y', '1') THEN true WHEN lower(${raw}) IN ('false', 'no', 'n', '0') THEN false END`;
    case 'list': {
      const separator = spec.separator ?? ';';
      // Entries trimmed, lower-cased, empty ones dropped, each once; an empty list is missing.
      const entries = `list_distinct(list_filter(list_transform(string_split(lower(${ident(name)}), ${text(separator)}), x -> trim(x)), x -> x <> ''))`;
      return `CASE WHEN len(${entries}) > 0 THEN ${entries} END`;
    }
    default:
      throw new Error(`field ${name}: type ${spec.type} is not supported by the SQL version`);
  }
}

/**
 * A text as words for `mentions`: lower case, each sentence's words separated by single
 * spaces, sentences separated by " | " (so a phrase never runs across one), padded with
 * spaces so ' word ' finds a whole word.
 */
function wordsOf(expression) {
  const sentences = `regexp_replace(lower(${expression}), '[.!?;\u2026](\\s)|[\\n\\r\\x0b\\x0c\\x{85}\\x{2028}\\x{2029}]', ' \\x01 ', 'g')`;
  const words = `regexp_replace(${sentences}, '[^\\p{L}\\p{N}\\p{M}\\x01]+', ' ', 'g')`;
  return `(' ' || ${words} || ' ')`;
}

function comparison(op) {
  return { gt: '>', gte: '>=', lt: '<', lte: '<=' }[op];
}

function scalar(value) {
  return typeof value === 'number' ? num(value) : typeof value === 'boolean' ? String(value) : text(String(value).toLowerCase());
}

/** A compiled leaf as a BOOLEAN expression (NULL: unknown), over the `values` CTE's columns. */
function leafSql(leaf, { tokenize, fieldType }) {
  const v = ident(leaf.computed ? `@${leaf.field}` : leaf.field);
  const arg = leaf.arg;
  const type = leaf.computed ? (leaf.field === 'classification' ? 'enum' : 'number') : fieldType(leaf.field);
  const compared = type === 'number' || type === 'integer' || type === 'boolean' ? v : `lower(${v})`;
  const op = leaf.operator.name;
  if (leaf.reads.length > 1) throw new Error(`${leaf.describe}: tests comparing two fields are not supported by the SQL version`);
  switch (op) {
    case 'equals':
      return `(${compared} = ${scalar(arg)})`;
    case 'in':
      return `(${compared} IN (${arg.map(scalar).join(', ')}))`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (typeof arg !== 'number') throw new Error(`${leaf.describe}: only numeric comparisons are supported`);
      return `(${v} ${comparison(op)} ${num(arg)})`;
    case 'includes':
      return `list_has_all(${v}, [${arg.map((a) => text(a.toLowerCase())).join(', ')}])`;
    case 'includesAny':
      return `list_has_any(${v}, [${arg.map((a) => text(a.toLowerCase())).join(', ')}])`;
    case 'exists':
      return arg ? `(${v} IS NOT NULL)` : `(${v} IS NULL)`;
    case 'count': {
      const parts = Object.entries(arg).map(([key, limit]) => `len(${v}) ${key === 'equals' ? '=' : comparison(key)} ${num(limit)}`);
      return `CASE WHEN ${v} IS NOT NULL THEN (${parts.join(' AND ')}) END`;
    }
    case 'mentions': {
      const words = ident(`#words:${leaf.field}`);
      const keys = [...new Set(arg.map((k) => tokenize(k).join(' ')))];
      return `CASE WHEN ${v} IS NOT NULL THEN (${keys.map((k) => `contains(${words}, ${text(` ${k} `)})`).join(' OR ')}) END`;
    }
    default:
      throw new Error(`operator ${op} is not supported by the SQL version`);
  }
}

function nodeSql(node, leafName) {
  switch (node.kind) {
    case 'leaf':
      return leafName(node.leaf);
    case 'not':
      return `(NOT ${nodeSql(node.part, leafName)})`;
    case 'all':
      return `(${node.parts.map((p) => nodeSql(p, leafName)).join(' AND ')})`;
    case 'any':
      return `(${node.parts.map((p) => nodeSql(p, leafName)).join(' OR ')})`;
  }
  throw new Error(`unknown condition node ${node.kind}`);
}

/** `Math.round` (half up) of a DOUBLE, as a SQL expression. */
function jsRound(expression) {
  return `floor((${expression}) + 0.5)`;
}

function clamp(expression) {
  return `least(100, greatest(0, ${expression}))`;
}

/**
 * The whole policy as one query: `COPY (...) TO output`. `policy` is a compiled policy
 * (compilePolicy from the library); `tokenize` is the library's, so keywords are the words
 * triage matches.
 */
export function policySql(policy, { input, output, tokenize, threads }) {
  const fieldType = (name) => {
    const spec = policy.fields.get(name);
    if (!spec) throw new Error(`field ${name} is not declared`);
    return spec.type;
  };
  const read = [...new Set(policy.leaves.filter((l) => !l.computed).map((l) => l.field))];
  const values = read.map((name) => `${fieldValue(name, policy.fields.get(name))} AS ${ident(name)}`);
  const texts = [...new Set(policy.leaves.filter((l) => !l.computed && l.operator.name === 'mentions').map((l) => l.field))];
  const words = texts.map((name) => `${wordsOf(ident(name))} AS ${ident(`#words:${name}`)}`);
  const itemLeaves = policy.leaves.filter((l) => !l.computed);
  const leafName = (index) => ident(`#leaf${index}`);
  const leafColumns = itemLeaves.map((l) => `${leafSql(l, { tokenize, fieldType })} AS ${leafName(l.index)}`);

  // Alignment: each principle's share of its points met, weighted; known shares for confidence.
  const contributions = [];
  const knownShares = [];
  policy.principles.forEach((principle, p) => {
    const met = principle.criteria.map((c) => `CASE WHEN ${nodeSql(c.when, leafName)} IS TRUE THEN ${c.points} ELSE 0 END`);
    const known = principle.criteria.map((c) => `CASE WHEN ${nodeSql(c.when, leafName)} IS NOT NULL THEN ${c.points} ELSE 0 END`);
    const share = principle.totalPoints > 0 ? `((${met.join(' + ')})::DOUBLE / ${principle.totalPoints})` : '0::DOUBLE';
    contributions.push(`((100 * ${share} * ${principle.weight}) / ${policy.totalWeight})`);
    if (principle.totalPoints > 0) knownShares.push(`((${principle.weight} * (${known.join(' + ')})::DOUBLE) / ${principle.totalPoints})`);
    void p;
  });
  const positive = policy.signals.filter((s) => s.points >= 0).map((s) => `CASE WHEN ${nodeSql(s.when, leafName)} IS TRUE THEN ${s.points} ELSE 0 END`);
  const negative = policy.signals.filter((s) => s.points < 0).map((s) => `CASE WHEN ${nodeSql(s.when, leafName)} IS TRUE THEN ${s.points} ELSE 0 END`);
  const knownSignals = policy.signals.map((s) => `CASE WHEN ${nodeSql(s.when, leafName)} IS NOT NULL THEN ${Math.abs(s.points)} ELSE 0 END`);
  const sum = (parts) => (parts.length > 0 ? `(${parts.join(' + ')})` : '0');
  // Left to right, as the JavaScript loop adds them, so the doubles round alike.
  const alignmentExact = contributions.length > 0 ? contributions.reduce((acc, c) => `(${acc} + ${c})`, '0::DOUBLE') : '0::DOUBLE';
  const knownShare = knownShares.reduce((acc, c) => `(${acc} + ${c})`, '0::DOUBLE');
  const alignmentKnown = policy.totalWeight > 0 ? `(${knownShare} / ${policy.totalWeight})` : '1::DOUBLE';
  const signalsKnown = policy.totalSignalPoints > 0 ? `(${sum(knownSignals)}::DOUBLE / ${policy.totalSignalPoints})` : '1::DOUBLE';
  const { transformational, businessAsUsual } = policy.thresholds;

  const computedLeaves = policy.leaves.filter((l) => l.computed);
  const ruleLeaf = (index) => {
    const leaf = policy.leaves[index];
    return leaf.computed ? ident(`#leaf${index}`) : leafName(index);
  };
  const computedColumns = computedLeaves.map((l) => `${leafSql(l, { tokenize, fieldType })} AS ${ident(`#leaf${l.index}`)}`);
  const route = policy.rules.map((r) => `WHEN ${nodeSql(r.when, ruleLeaf)} IS TRUE THEN ${text(r.route)}`).join(' ');
  const rule = policy.rules.map((r) => `WHEN ${nodeSql(r.when, ruleLeaf)} IS TRUE THEN ${text(r.id)}`).join(' ');
  const reason = policy.rules.map((r) => `WHEN ${nodeSql(r.when, ruleLeaf)} IS TRUE THEN ${text(r.reason)}`).join(' ');
  const settings = threads ? `SET threads = ${Number(threads)}; ` : '';
  const columnTypes = `all_varchar = true, header = true, quote = '"', escape = '"'`;
  return `${settings}COPY (
WITH items AS (SELECT * FROM read_csv(${text(input)}, ${columnTypes})),
vals AS (SELECT "id", "title", ${values.join(', ')} FROM items),
texts AS (SELECT *${words.length > 0 ? `, ${words.join(', ')}` : ''} FROM vals),
leaves AS (SELECT "id", "title", ${leafColumns.join(', ')} FROM texts),
scored AS (
  SELECT *,
    ${clamp(jsRound(alignmentExact))}::INTEGER AS "@alignment",
    ${sum(positive)} AS "#positive",
    ${sum(negative)} AS "#negative",
    ${clamp(jsRound(`${sum(positive)} + ${sum(negative)}`))}::INTEGER AS "@transformation",
    ${jsRound(`100 * ((${alignmentKnown} + ${signalsKnown}) / 2)`)} / 100 AS "@confidence"
  FROM leaves),
classified AS (
  SELECT *, CASE
    WHEN "@transformation" >= ${businessAsUsual} THEN CASE WHEN "@transformation" >= ${transformational} THEN 'transformational' ELSE 'borderline' END
    WHEN "#positive" >= ${transformational} AND "#negative" < 0 THEN 'borderline'
    ELSE 'business-as-usual' END AS "@classification"
  FROM scored),
routed AS (SELECT *${computedColumns.length > 0 ? `, ${computedColumns.join(', ')}` : ''} FROM classified)
SELECT "id", "title",
  CASE ${route} ELSE ${text(policy.defaultRoute)} END AS "route",
  "@classification" AS "classification",
  "@alignment" AS "alignment",
  "@transformation" AS "transformation",
  "@confidence" AS "confidence",
  CASE ${rule} ELSE 'default' END AS "rule",
  CASE ${reason} ELSE ${text(policy.defaultReason)} END AS "reason",
  'false' AS "overridden"
FROM routed
) TO ${text(output)} (FORMAT csv, HEADER true);`;
}

/** Run the policy's SQL with DuckDB (`@duckdb/node-api`); undefined when it is not installed. */
export async function loadDuckDb() {
  try {
    return await import('@duckdb/node-api');
  } catch {
    return undefined;
  }
}
