/**
 * SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning and others): one run, every
 * rule described in `tool.driver.rules` (with the full description and help GitHub requires),
 * one result per finding pointing at its file (relative to the root), line and column, with
 * related places (the first of two duplicates) as related locations and a fingerprint that
 * does not change when lines move.
 */
import type { Finding, RelatedLocation } from '../../findings.js';
import { RULES, type RuleId, type RuleMeta } from '../rules.js';
import { fingerprints } from './fingerprint.js';
import { pathsIn, type ValidateFormat } from './types.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * Most results GitHub accepts in one run: a file with more is rejected whole. Past it, errors
 * are kept before warnings, and a notification says how many were left out.
 */
export const MAX_SARIF_RESULTS = 25_000;

export const sarifFormat: ValidateFormat = {
  name: 'sarif',
  description: 'SARIF 2.1.0, for code-scanning dashboards',
  render(report, context) {
    const path = pathsIn(context);
    const index = new Map<RuleId, number>(RULES.map((rule, i) => [rule.id, i]));
    // Fingerprints are counted over every finding, so a finding keeps its own whether or not
    // others are left out.
    const prints = fingerprints(report.findings, path);
    const kept = keptResults(report.findings);
    const results = kept.map((i) => {
      const finding = report.findings[i] as Finding;
      return result(finding, index.get(finding.ruleId) as number, prints[i] as string, path);
    });
    const leftOut = report.findings.length - kept.length;
    const log = {
      $schema: SARIF_SCHEMA,
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: context.tool.name, version: context.tool.version, rules: RULES.map(descriptor) } },
          ...(leftOut > 0 ? { invocations: [leftOutNotice(leftOut)] } : {}),
          // Our columns count UTF-16 code units, as JavaScript strings do.
          columnKind: 'utf16CodeUnits',
          results,
        },
      ],
    };
    return `${JSON.stringify(log, null, 2)}\n`;
  },
};

/** Indexes of the findings to report: all of them, or the first errors then warnings up to the limit. */
function keptResults(findings: readonly Finding[]): number[] {
  const all = findings.map((_, i) => i);
  if (findings.length <= MAX_SARIF_RESULTS) return all;
  const errors = all.filter((i) => findings[i]?.severity === 'error');
  const warnings = all.filter((i) => findings[i]?.severity !== 'error');
  return [...errors, ...warnings].slice(0, MAX_SARIF_RESULTS).sort((a, b) => a - b);
}

function leftOutNotice(count: number): object {
  return {
    executionSuccessful: true,
    toolExecutionNotifications: [
      {
        level: 'warning',
        message: {
          text: `${count.toLocaleString('en-GB')} more findings were left out: code scanning accepts at most ${MAX_SARIF_RESULTS.toLocaleString('en-GB')} results in one run; run triage validate for the full list`,
        },
      },
    ],
  };
}

/**
 * A rule as GitHub code scanning reads it: `shortDescription`, `fullDescription` and `help` are
 * required there; `help.markdown` is shown instead of `help.text` when present; `precision` and
 * `problem.severity` decide what it shows first.
 */
function descriptor(rule: RuleMeta): object {
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.fullDescription },
    help: { text: helpText(rule), markdown: helpMarkdown(rule) },
    defaultConfiguration: { level: rule.severity },
    properties: { tags: ['portfolio', ...rule.kinds], precision: 'very-high', 'problem.severity': rule.severity },
  };
}

function helpText(rule: RuleMeta): string {
  return `${rule.fullDescription}\n\nHow to fix: ${rule.fix}\n\nExample:\n${rule.example}`;
}

function helpMarkdown(rule: RuleMeta): string {
  return `${markdown(rule.fullDescription)}\n\n**How to fix:** ${markdown(rule.fix)}\n\n**Example:**\n\n\`\`\`\n${rule.example}\n\`\`\``;
}

/** Prose as Markdown: characters Markdown would read as formatting are escaped (`__proto__`). */
function markdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);
}

function result(finding: Finding, ruleIndex: number, fingerprint: string, path: (file: string) => string): object {
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: finding.severity,
    message: { text: finding.message },
    locations: [{ physicalLocation: physical(finding, path) }],
    // GitHub tells alerts apart by repository, path, rule and this key alone (it reads no other).
    partialFingerprints: { primaryLocationLineHash: fingerprint },
    ...(finding.related?.length ? { relatedLocations: finding.related.map((place, id) => related(place, id, path)) } : {}),
  };
}

/**
 * Where a finding is. GitHub requires an end as well as a start; a finding without one covers
 * its first character.
 */
function physical(at: { file: string; line: number; column: number; endLine?: number; endColumn?: number }, path: (file: string) => string): object {
  const region = { startLine: at.line, startColumn: at.column, endLine: at.endLine ?? at.line, endColumn: at.endColumn ?? at.column + 1 };
  return { artifactLocation: { uri: fileUri(path(at.file)) }, region };
}

function related(place: RelatedLocation, id: number, path: (file: string) => string): object {
  return { id, physicalLocation: physical(place, path), message: { text: place.message } };
}

/** A relative path stays relative (to the root); absolute becomes file://. */
export function fileUri(file: string): string {
  const parts = file.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
  return file.startsWith('/') ? `file://${parts}` : parts;
}
