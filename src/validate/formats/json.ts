/**
 * ESLint's JSON shape (contract): one entry per file checked,
 * `{ filePath, messages: [{ ruleId, severity, message, line, column, endLine?, endColumn? }],
 * errorCount, warningCount }`, severity 2 for errors and 1 for warnings.
 */
import type { Finding } from '../../findings.js';
import { byFile } from '../report.js';
import type { ValidateFormat } from './types.js';

export interface EslintMessage {
  ruleId: string;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  errorCount: number;
  warningCount: number;
}

export const jsonFormat: ValidateFormat = {
  name: 'json',
  description: "ESLint's JSON results, for scripts and tools that read them",
  render(report) {
    const results: EslintResult[] = byFile(report).map((f) => ({
      filePath: f.file,
      messages: f.findings.map(message),
      errorCount: f.errorCount,
      warningCount: f.warningCount,
    }));
    return `${JSON.stringify(results, null, 2)}\n`;
  },
};

function message(finding: Finding): EslintMessage {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity === 'error' ? 2 : 1,
    message: finding.message,
    line: finding.line,
    column: finding.column,
    ...(finding.endLine !== undefined ? { endLine: finding.endLine } : {}),
    ...(finding.endColumn !== undefined ? { endColumn: finding.endColumn } : {}),
  };
}
