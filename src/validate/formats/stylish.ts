/**
 * For people at a terminal: findings grouped by file, one line each
 * (`line:col  severity  message  rule`), and a total line. Coloured only when allowed.
 */
import { printable } from '../../core/printable.js';
import type { Finding } from '../../findings.js';
import { byFile, plural, problemsText, totals } from '../report.js';
import { palette, type Palette } from './ansi.js';
import type { ValidateFormat } from './types.js';

export const stylishFormat: ValidateFormat = {
  name: 'stylish',
  description: 'grouped by file, for people (the default)',
  render(report, { color }) {
    const paint = palette(color);
    const count = totals(report);
    const files = byFile(report).filter((f) => f.findings.length > 0);
    if (files.length === 0) return `${paint.green('✔')} ${count.files} ${plural(count.files, 'file')} checked, no problems\n`;
    // A file name found in a folder is text from the file system: escaped as file text is.
    const blocks = files.map((f) => `${paint.underline(printable(f.file))}\n${lines(f.findings, paint)}`);
    const mark = count.errors > 0 ? paint.red : paint.yellow;
    const summary = `${problemsText(count)} in ${files.length} of ${count.files} ${plural(count.files, 'file')}`;
    return `${blocks.join('\n')}\n${mark(paint.bold(`✖ ${summary}`))}\n`;
  },
};

function lines(findings: readonly Finding[], paint: Palette): string {
  const positions = findings.map((f) => `${f.line}:${f.column}`);
  const width = positions.reduce((widest, p) => Math.max(widest, p.length), 0);
  return findings
    .map((f, i) => {
      const position = paint.dim((positions[i] as string).padEnd(width));
      const severity = f.severity === 'error' ? paint.red('error  ') : paint.yellow('warning');
      return `  ${position}  ${severity}  ${printable(f.message)}  ${paint.dim(f.ruleId)}\n`;
    })
    .join('');
}
