/**
 * SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning and others): one run,
 * every rule described in `tool.driver.rules`, one result per finding pointing at its file,
 * line and column, with related places (the first of two duplicates) as related locations.
 */
import type { Finding, RelatedLocation } from '../../findings.js';
import { RULES, ruleMeta, type RuleMeta } from '../rules.js';
import type { ValidateFormat } from './types.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export const sarifFormat: ValidateFormat = {
  name: 'sarif',
  description: 'SARIF 2.1.0, for code-scanning dashboards',
  render(report, { tool }) {
    const rules = [...RULES];
    for (const finding of report.findings) {
      if (!rules.some((r) => r.id === finding.ruleId)) rules.push(ruleMeta(finding.ruleId));
    }
    const index = new Map(rules.map((rule, i) => [rule.id, i]));
    const log = {
      $schema: SARIF_SCHEMA,
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: tool.name, version: tool.version, rules: rules.map(descriptor) } },
          // Our columns count UTF-16 code units, as JavaScript strings do.
          columnKind: 'utf16CodeUnits',
          results: report.findings.map((f) => result(f, index.get(f.ruleId) as number)),
        },
      ],
    };
    return `${JSON.stringify(log, null, 2)}\n`;
  },
};

function descriptor(rule: RuleMeta): object {
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    defaultConfiguration: { level: rule.severity },
  };
}

function result(finding: Finding, ruleIndex: number): object {
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: finding.severity,
    message: { text: finding.message },
    locations: [{ physicalLocation: physical(finding) }],
    ...(finding.related?.length ? { relatedLocations: finding.related.map(related) } : {}),
  };
}

function physical(at: { file: string; line: number; column: number; endLine?: number; endColumn?: number }): object {
  const region: Record<string, number> = { startLine: at.line, startColumn: at.column };
  if (at.endLine !== undefined) region['endLine'] = at.endLine;
  if (at.endColumn !== undefined) region['endColumn'] = at.endColumn;
  return { artifactLocation: { uri: fileUri(at.file) }, region };
}

function related(place: RelatedLocation, id: number): object {
  return { id, physicalLocation: physical(place), message: { text: place.message } };
}

/** A relative path stays relative (to the repository root, where CI runs); absolute becomes file://. */
export function fileUri(file: string): string {
  const parts = file.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
  return file.startsWith('/') ? `file://${parts}` : parts;
}
