/**
 * What each rule means and how to fix what it finds, with an example: the text code-scanning
 * dashboards show beside a finding (SARIF `fullDescription` and `help`). Keyed by rule id, so a
 * rule without help does not compile.
 */
import type { RuleId } from '../rule-ids.js';

export interface RuleHelp {
  /** What the rule checks and why it matters: a few sentences. */
  fullDescription: string;
  /** What to do about a finding. */
  fix: string;
  /** The problem as a file holds it, then the fix (a few lines of YAML or CSV). */
  example: string;
}

export const RULE_HELP: Readonly<Record<RuleId, RuleHelp>> = {
  'file/empty': {
    fullDescription:
      'The file holds nothing but white space, or a CSV file has no header row. An empty file is usually an export that failed or a file saved before it was written, and nothing in it can be checked or scored.',
    fix: 'Write the content the file should hold: a header row and one row per item for CSV, a list of items for YAML or JSON, the top-level keys of a principle set, or a "decisions:" list.',
    example: '# items.csv, with a header row and one item\nid,title\nWI-01,Shared front door',
  },
  'file/encoding': {
    fullDescription:
      'The bytes are not valid UTF-8 (or not valid in the encoding given with --encoding). Reading them anyway would turn the broken characters into replacement marks and change ids and titles without a trace, so the file is refused at the first broken byte.',
    fix: 'Save the file as UTF-8, or name its encoding with --encoding (latin1, windows-1252 or utf16le) when it is an item file exported by another program. Principle sets and decisions files are always UTF-8.',
    example: 'triage validate export.csv --encoding windows-1252',
  },
  'file/too-large': {
    fullDescription:
      'The file is larger than the limit for its kind: 1 MB for a principle set, 20 MB for a file read whole (YAML and JSON items, decisions files, standard input). The limits keep a mistaken or hostile file from using all the memory of the machine that checks it.',
    fix: 'Trim a principle set to what it needs. Convert a large YAML or JSON backlog to CSV or JSONL, which are read as a stream and have no size limit.',
    example:
      '# instead of backlog.json (25 MB), one item per line:\n{"id": "WI-01", "title": "Shared front door"}\n{"id": "WI-02", "title": "Joint commissioning"}',
  },
  'file/too-many-problems': {
    fullDescription:
      'One item file has more than 1,000 problems, so checking it stopped there. A file wrong on nearly every line is most often the wrong file, read with the wrong delimiter or the wrong column mapping; the first problems say which.',
    fix: 'Fix the first problems listed and run again. Check that the file is the one you meant and that --delimiter, --map or --config match the export.',
    example: 'triage validate export.csv --delimiter ";" --map title=project_name',
  },
  'yaml/syntax': {
    fullDescription:
      'The YAML cannot be parsed (a bad indent, an unclosed quote or bracket, a value holding ": " without quotes), or a YAML items file is not a list of mappings. Nothing after a syntax error can be read reliably, so the file is not checked further.',
    fix: 'Correct the YAML at the position given. Text that holds ": " or " #", or starts with a character YAML treats specially, needs quotes; entries of one list or mapping line up at the same column.',
    example: '# wrong: an unquoted ": " inside a value\ntitle: Phase 2: rollout\n# right\ntitle: "Phase 2: rollout"',
  },
  'yaml/duplicate-key': {
    fullDescription:
      'A key appears twice in one YAML mapping. YAML parsers disagree on which value wins, and a second key usually hides an edit that was meant to replace the first, so the file is refused.',
    fix: 'Keep one of the two keys, or rename one of them.',
    example: '# wrong\n- id: WI-01\n  title: Shared front door\n  title: Single front door\n# right\n- id: WI-01\n  title: Single front door',
  },
  'yaml/alias': {
    fullDescription:
      'The YAML uses an alias (*name) to repeat an anchored value (&name). Aliases can expand without bound (a few lines can stand for billions of values) and make the file hard to read, so they are refused wherever they appear.',
    fix: 'Write the value out in full each time it is needed, and remove the anchor.',
    example: '# wrong\nlead: &lead council\nsponsor: *lead\n# right\nlead: council\nsponsor: council',
  },
  'yaml/too-deep': {
    fullDescription:
      'Collections are nested more than 64 levels deep. Nothing in a principle set, an item or a decision needs that depth, and reading deeper nesting can exhaust the memory of the process, so the file is refused before it is read in full.',
    fix: 'Flatten the data: portfolio files need only a few levels of nesting.',
    example: '# wrong\nwhen: [[[[[[[[ ... ]]]]]]]]\n# right\nwhen: { field: effort_weeks, lte: 4 }',
  },
  'yaml/forbidden-key': {
    fullDescription:
      'A mapping has a key named __proto__, constructor or prototype. In JavaScript these names can change how every object behaves, so no file may use them as keys.',
    fix: 'Rename the key.',
    example: '# wrong\n- id: WI-01\n  __proto__: { admin: true }\n# right\n- id: WI-01\n  owner: admin',
  },
  'csv/syntax': {
    fullDescription:
      'The CSV cannot be read: a quoted field is never closed, a row has more or fewer fields than the header, or the header is unusable (an empty or repeated column name, a reserved name). A misread row would shift values into the wrong columns, so the file is not checked past the problem.',
    fix: 'Close the quote, make every row match the header, or fix the header at the position given. With an export that puts double quotes inside unquoted fields, --relax accepts them.',
    example: '# wrong: the quote is never closed\nid,title\nWI-01,"Shared front door\n# right\nid,title\nWI-01,"Shared front door"',
  },
  'json/syntax': {
    fullDescription:
      'The JSON cannot be parsed, or does not hold items: a JSON items file must be an array of objects (or {"items": [...]}), and a JSONL file one object per line.',
    fix: 'Correct the JSON at the position given, or wrap the items in an array.',
    example: '// wrong: a trailing comma\n[{"id": "WI-01", "title": "Shared front door"},]\n// right\n[{"id": "WI-01", "title": "Shared front door"}]',
  },
  'xlsx/syntax': {
    fullDescription:
      'The workbook cannot be read as items: it is not an .xlsx or .xlsm file (an old .xls, an encrypted or split file), it is damaged (a checksum or size does not match), it passes one of the limits that keep a hostile workbook cheap (uncompressed size, shared strings, rows), the sheet asked for does not exist, or it has no header row.',
    fix: 'Save the workbook again as .xlsx from Excel or LibreOffice, choose the sheet with --sheet NAME and the header row with --header-row N, or export the sheet as CSV.',
    example: 'triage score portfolio.xlsx --sheet "2026 backlog" --header-row 3',
  },
  'xlsx/error-value': {
    fullDescription:
      'A cell holds an error value such as #N/A, #REF! or #DIV/0!, usually from a formula that could not be worked out. It is read as empty, so the field is unknown for that item.',
    fix: 'Fix the formula in the workbook, or type the value in.',
    example: '# cell F7 shows #REF!: the formula points at a deleted sheet\n=VLOOKUP(A7, Costs!A:B, 2, FALSE)',
  },
  'xlsx/no-cached-value': {
    fullDescription:
      'A cell holds a formula whose result was never saved (the workbook was written by a program that does not calculate). Formulas are never evaluated here, so the cell is read as empty.',
    fix: 'Open the workbook in Excel or LibreOffice and save it, so that every formula has its result saved with it.',
    example: '# written by a script: =SUM(B2:B9) with no saved result\n# open and save it in Excel, then score it again',
  },
  'xlsx/not-a-number': {
    fullDescription:
      'A cell is marked as a number, but what the file stores for it is not one. The workbook is damaged or was written by a faulty program; the cell is read as empty.',
    fix: 'Type the number into the cell again in Excel or LibreOffice, and save.',
    example: '<c r="F7" t="n"><v>about 12</v></c>',
  },
  'xlsx/unnamed-column': {
    fullDescription:
      'Cells hold values in a column the header row gives no name (or one a merged header cell covers beyond its first column), so they cannot be read as any field. They are left out, with one warning per column.',
    fix: 'Give the column a header, or move the header with --header-row N if the header row is another one.',
    example: '# header row: id | title | (blank) | lead\n# values in column C are not read: name it, e.g. description',
  },
  'xlsx/external-link': {
    fullDescription:
      'The workbook has formulas that read other workbooks. Those files are never opened: the values read are the ones Excel saved the last time the links were updated, which may be out of date.',
    fix: 'Update the links in Excel and save, or paste the values in place of the links.',
    example: "='[costs.xlsx]Sheet1'!B7",
  },
  'principles/schema': {
    fullDescription:
      'The principle set breaks its JSON Schema (principles/schema.json): a required key is missing, a key is unknown, a value has the wrong type or is out of range, an id is a reserved name (constructor, prototype), or a text holds a control character that would act on a terminal.',
    fix: 'Correct the value at the position given. Editors that read the "# yaml-language-server: $schema=" comment check the schema as you type.',
    example:
      '# wrong: a weight must be greater than 0\nprinciples:\n  - { id: seamless-care, title: Seamless care, weight: 0, criteria: [] }\n# right\nprinciples:\n  - { id: seamless-care, title: Seamless care, weight: 3, criteria: [] }',
  },
  'principles/duplicate-id': {
    fullDescription:
      'Two routes, principles, criteria, signals or routing rules share an id. Ids are how decisions, explanations and reports refer to each of them, so each must name exactly one.',
    fix: 'Give each its own id, and update anything that refers to the one renamed.',
    example:
      '# wrong\nroutes:\n  - { id: team, label: Team }\n  - { id: team, label: Team again }\n# right\nroutes:\n  - { id: team, label: Team }\n  - { id: council, label: Council }',
  },
  'principles/unknown-route': {
    fullDescription:
      'A routing rule, or the default, sends work to a route that the principle set does not declare under routes, so items it matched would have nowhere to go.',
    fix: 'Correct the route id, or add the route to routes.',
    example:
      '# wrong: "teem" is not declared\n- { id: small-to-team, route: teem, when: { field: effort_weeks, lte: 4 } }\n# right\n- { id: small-to-team, route: team, when: { field: effort_weeks, lte: 4 } }',
  },
  'principles/unknown-field': {
    fullDescription:
      'A condition tests a field that is not declared under fields (and is not id or title), or a criterion or signal tests a computed field (alignment, transformation, classification, confidence), which exists only once an item is scored and so only in routing rules.',
    fix: 'Correct the field name, or declare the field under fields.',
    example: '# wrong: a typo\nwhen: { field: efort_weeks, lte: 4 }\n# right\nwhen: { field: effort_weeks, lte: 4 }',
  },
  'principles/operator-type': {
    fullDescription:
      "A condition's operator does not apply to its field's type (mentions on a number, gte on a list), or its value has the wrong type (a word where a number is needed). Such a test could never be true as meant.",
    fix: 'Use an operator that suits the field: gt, gte, lt, lte, equals, in and exists for numbers; mentions, equals and in for text; includes, includesAny and count for lists.',
    example: '# wrong: mentions on a number field\nwhen: { field: effort_weeks, mentions: [small] }\n# right\nwhen: { field: effort_weeks, lte: 4 }',
  },
  'principles/unknown-value': {
    fullDescription: "A condition compares an enum or list field with a value that is not among the field's declared values, so the test can never be true.",
    fix: "Use one of the field's values, or add the value to the field's values.",
    example:
      '# fields: lead: { type: enum, values: [union, council, ccg] }\n# wrong\nwhen: { field: lead, equals: counsel }\n# right\nwhen: { field: lead, equals: council }',
  },
  'principles/thresholds-order': {
    fullDescription:
      'The businessAsUsual threshold is above the transformational one. Scores between the two are borderline; with the thresholds the wrong way round, an item could be both transformational and business as usual.',
    fix: 'Make businessAsUsual at or below transformational.',
    example: '# wrong\nthresholds: { transformational: 40, businessAsUsual: 60 }\n# right\nthresholds: { transformational: 60, businessAsUsual: 40 }',
  },
  'principles/field-spec': {
    fullDescription:
      'A field declaration contradicts itself: an enum without values, a minimum above the maximum, or settings its type does not take (values on a number, min or max on text, a separator on anything but a list). Such a field cannot check values as it claims to.',
    fix: 'Complete or correct the declaration.',
    example: '# wrong\nfields:\n  priority: { type: enum }\n# right\nfields:\n  priority: { type: enum, values: [low, medium, high] }',
  },
  'principles/keyword-never-matches': {
    fullDescription:
      'A keyword of a mentions test can never be found in any text: it holds no letter or digit, or it spans the end of a sentence (a phrase never matches across . ! ? ; or a line break). The test still works for its other keywords, but this one does nothing.',
    fix: 'Write the keyword as words of one sentence, or remove it.',
    example: '# wrong\nmentions: ["---", "contract. extension"]\n# right\nmentions: [contract extension]',
  },
  'principles/unreachable-rule': {
    fullDescription:
      'A routing rule can never fire: whenever its condition is true, the condition of an earlier rule (or of several together) is true too, and the first rule that matches decides. The rule is dead weight, or it was meant to come first.',
    fix: 'Move the rule above the rule that covers it, narrow that rule, or remove the rule.',
    example:
      '# wrong: every item of 2 weeks or less is also of 4 weeks or less\n- { id: small-to-team, route: team, when: { field: effort_weeks, lte: 4 } }\n- { id: tiny-to-review, route: review, when: { field: effort_weeks, lte: 2 } }\n# right: the narrower rule first\n- { id: tiny-to-review, route: review, when: { field: effort_weeks, lte: 2 } }\n- { id: small-to-team, route: team, when: { field: effort_weeks, lte: 4 } }',
  },
  'principles/duplicate-condition': {
    fullDescription: 'Two routing rules have the same condition. The first one always decides, so the later one can never fire.',
    fix: 'Change one of the two conditions, or remove one of the rules.',
    example:
      '# wrong\n- { id: small-to-team, route: team, when: { field: effort_weeks, lte: 4 } }\n- { id: also-small, route: council, when: { field: effort_weeks, lte: 4 } }\n# right\n- { id: small-to-team, route: team, when: { field: effort_weeks, lte: 4 } }',
  },
  'principles/never-matches': {
    fullDescription:
      "A routing rule's condition can never be true, whatever the item: its tests contradict each other (at least 10 and below 5, say), so the rule never fires.",
    fix: 'Fix the condition so that some item can meet it, or remove the rule.',
    example:
      '# wrong\nwhen: { all: [{ field: effort_weeks, gte: 10 }, { field: effort_weeks, lt: 5 }] }\n# right\nwhen: { all: [{ field: effort_weeks, gte: 5 }, { field: effort_weeks, lt: 10 }] }',
  },
  'principles/unreachable-route': {
    fullDescription:
      'A declared route receives no work: no routing rule that can fire sends work to it, and it is not the default. Either a rule for it is missing or the route is no longer used.',
    fix: 'Add a routing rule for the route, or remove the route.',
    example: '# routes: team, review, ccg\n# add a rule that sends work to ccg:\n- { id: health-to-ccg, route: ccg, when: { field: lead, equals: ccg } }',
  },
  'principles/coverage-incomplete': {
    fullDescription:
      'Routing coverage (the checks for rules that can never fire and routes no work reaches) counts its work in steps and stops at a fixed limit, so that any principle set within the size limits is checked in about a second. The rules from the one named on were not checked: a problem among them would not be reported, but none is invented.',
    fix: 'Simplify the routing conditions the message names (fewer nested any-of-all combinations), or split a very large set; the rest of the checks still ran.',
    example:
      '# a condition with an "all" of ten "any" lists of ten tests expands to 10^10 combinations:\n# write the shared part once, or move tests into criteria and test alignment instead',
  },
  'principles/capacity': {
    fullDescription:
      'The capacity block is the resourcing model: for each route with a capacity, the most of each numeric item field (effort_weeks, cost_gbp) it can take on in the period. Selection adds these fields up, so each must be a declared number field, each route a declared route, and each limit a positive number. Work that does not fit goes to the overflow route, which therefore cannot have a capacity of its own. The value maximised must be a computed score (alignment, transformation, confidence) or a number field.',
    fix: 'Name declared routes and number fields, give positive limits, and send overflow to a route without a capacity (review by default).',
    example:
      '# wrong: "effort" is not a field, and the limit is not positive\ncapacity:\n  routes:\n    union: { effort: 0 }\n# right\ncapacity:\n  period: 2026-27\n  overflow: { route: review, reason: "Over capacity: The Union cannot take this on in 2026-27" }\n  routes:\n    union: { effort_weeks: 120, cost_gbp: 2000000 }',
  },

  'item/missing-required': {
    fullDescription:
      'An item has no id or no title, or leaves empty another field the principle set declares required. Without an id an item cannot be decided on or told apart; without a title nobody can tell what it is. A file with a header but no column for a required field is one finding, at the header, naming its columns and the --map that would read one as the field (for ids, --ids row or --ids hash gives them), rather than one per row.',
    fix: 'Fill in the value.',
    example: '# wrong\nid,title\n,Shared front door\n# right\nid,title\nWI-01,Shared front door',
  },
  'item/invalid-value': {
    fullDescription:
      "A value does not fit its field: not a number where one is declared, outside the field's minimum and maximum, or not one of its values. Such a value cannot be scored; leaving it empty instead marks it unknown, which scoring handles. With --lenient the value is read as unknown and reported as a warning, and the item is kept.",
    fix: 'Write a value the field accepts, or leave it empty if it is not known.',
    example:
      '# fields: effort_weeks: { type: number, min: 0 }\n# wrong\nid,title,effort_weeks\nWI-01,Shared front door,one\n# right\nid,title,effort_weeks\nWI-01,Shared front door,1',
  },
  'item/duplicate-id': {
    fullDescription:
      'Two items share an id, in one file or across the files given together. Ids are compared in Unicode NFC, so the same letters written with a precomposed accent and with a combining one are one id. Decisions, explanations and reports find items by id, so each id must name one item.',
    fix: 'Give each item its own id; if both rows are one item, keep one.',
    example: '# wrong\nid,title\nWI-01,Shared front door\nWI-01,Joint commissioning\n# right\nid,title\nWI-01,Shared front door\nWI-02,Joint commissioning',
  },
  'item/invisible-id': {
    fullDescription:
      'An id holds a character that does not show: a zero-width space, a soft hyphen, a tag character or a control. On screen the id looks like the same id without it, so a person typing it, or a decision written for it, will not match.',
    fix: 'Remove the character from the id (the message names it, as U+ code).',
    example: '# wrong: "WI-01" with a zero-width space (U+200B) after "WI"\n# right\nid,title\nWI-01,Shared front door',
  },
  'item/look-alike-id': {
    fullDescription:
      'Two ids differ only in characters that do not show, in compatibility forms (full-width letters, ligatures) or in letter case. They are different ids to the tool but look the same to people, who will take one for the other.',
    fix: 'Give the items ids that differ visibly, or one id if they are one item.',
    example: '# wrong\nid,title\nWI-01,Shared front door\nwi-01,Joint commissioning\n# right\nid,title\nWI-01,Shared front door\nWI-02,Joint commissioning',
  },
  'item/unknown-column': {
    fullDescription:
      'An item file has a column (or a YAML or JSON key) that the principle set does not declare under fields. Its values are passed through to the outputs unchecked and play no part in scoring; often the name is a typo of a declared field. When most of the fields the principle set reads have no column while such columns are there, one more warning at the header names those fields and the --map that would read the closest columns as them: the mark of an export made elsewhere.',
    fix: 'Rename the column to the field it means, declare it under fields to have it checked, map it with --map, or remove it.',
    example: '# wrong: a typo of effort_weeks\nid,title,efort_weeks\n# right\nid,title,effort_weeks',
  },
  'decisions/schema': {
    fullDescription:
      'The decisions file does not have the shape of one: a top-level "decisions:" list whose entries each have an id, a route and a rationale as text, and only the keys recommended, by, at, answers, fingerprint and expires besides; dates as "YYYY-MM-DD".',
    fix: 'Correct the entry at the position given.',
    example:
      '# wrong: no route\ndecisions:\n  - { id: WI-12, rationale: The board backs it. }\n# right\ndecisions:\n  - { id: WI-12, route: union, rationale: The board backs it. }',
  },
  'decisions/duplicate-id': {
    fullDescription: 'Two decisions are for the same item. Only one can apply, and which one was meant cannot be told.',
    fix: 'Keep one of the two decisions.',
    example:
      '# wrong\ndecisions:\n  - { id: WI-12, route: union, rationale: The board backs it. }\n  - { id: WI-12, route: council, rationale: Estates will lead. }\n# right\ndecisions:\n  - { id: WI-12, route: council, rationale: Estates will lead. }',
  },
  'decisions/unknown-route': {
    fullDescription: 'A decision sends its item to a route the principle set does not declare, so the decision cannot be applied.',
    fix: 'Use one of the routes the principle set declares (the message lists them).',
    example: '# wrong\n- { id: WI-12, route: councel, rationale: Estates will lead. }\n# right\n- { id: WI-12, route: council, rationale: Estates will lead. }',
  },
  'decisions/unknown-item': {
    fullDescription:
      'A decision is for an item that is in none of the item files given with it: the id is mistyped, or the item has left the backlog. Such a decision does nothing, and hides that the item it was meant for is undecided.',
    fix: 'Write the id as the item file does, or remove the decision if the item has gone.',
    example:
      '# items.csv has WI-12, not WI-21\n# wrong\n- { id: WI-21, route: union, rationale: The board backs it. }\n# right\n- { id: WI-12, route: union, rationale: The board backs it. }',
  },
  'decisions/unknown-criterion': {
    fullDescription:
      'A decision answers a criterion that the principle set does not have. The answer is ignored; usually the criterion was renamed or removed since the decision was made.',
    fix: 'Remove the answer, or correct the criterion id.',
    example: '# wrong: the criterion is has-budget\nanswers: { has-a-budget: true }\n# right\nanswers: { has-budget: true }',
  },
  'decisions/stale': {
    fullDescription:
      "The item has changed since the decision was made: its fingerprint (a hash of its declared values, recorded by triage review) no longer matches. The decided route still applies, but it was chosen on facts that are no longer the item's.",
    fix: 'Review the decision again (triage review records the new fingerprint), or remove the fingerprint to keep the decision as it is.',
    example: 'triage review backlog.csv --decisions decisions.yaml',
  },
  'decisions/expired': {
    fullDescription:
      "The decision's expires date has passed, so it has lapsed: from the day after that date, the tool's recommended route applies to the item again, as if no decision had been made.",
    fix: 'Decide again and record a new date, or remove the decision.',
    example:
      '# lapsed\n- { id: WI-12, route: union, rationale: For this year., expires: "2025-12-31" }\n# renewed\n- { id: WI-12, route: union, rationale: For next year too., expires: "2026-12-31" }',
  },
  'test/invalid': {
    fullDescription:
      'A tests file for triage test must be a "tests:" list whose cases each have a name, an item (the fields of a work item) and an expect (at least a route). This one is not, or one of its cases names a field, route or classification the principle set does not have.',
    fix: 'Correct the case at the position given; triage test --help shows the shape.',
    example:
      'tests:\n  - name: small council fix goes to an individual\n    item: { id: T-1, title: Fix, lead: council, organisations: council, effort_weeks: 1, recurring: false }\n    expect: { route: individual, rule: individual-can-do }',
  },
  'test/failed': {
    fullDescription:
      "A case of the principle set's tests got something other than it expects. The message says what happened instead: the route and rule that decided, and the reason, so a change to weights, thresholds or rules that moves work shows here before it lands.",
    fix: 'If the change to the principle set is meant, update the case to the new route; if not, fix the principle set.',
    example:
      '# expected union, got review:\n# Needs review: transformational (85: ...) but alignment 45 is below 50\nexpect: { route: review, rule: challenge-weak-alignment }',
  },
  'test/coverage': {
    fullDescription:
      'With --coverage, triage test counts the routing rules that fired and the criteria and signals seen both met and not met across the cases. With --min-coverage N, a share below N per cent fails the run, so a principle set cannot grow rules nobody tests.',
    fix: 'Add cases that make the rules listed as never fired fire, and that see the listed criteria and signals both met and not met.',
    example: 'tests:\n  - name: led by the CCG\n    item: { id: T-9, title: Premises, lead: ccg, recurring: true }\n    expect: { route: ccg }',
  },
};
