/**
 * GitHub Actions workflow commands, one line per finding:
 * `::error file=PATH,line=L,col=C,title=RULE::MESSAGE` (`::warning` for warnings). GitHub
 * turns each into an annotation on that line of that file in the run and the pull request.
 */
import { printable } from '../../core/printable.js';
import type { ValidateFormat } from './types.js';

export const githubFormat: ValidateFormat = {
  name: 'github',
  description: 'GitHub Actions annotations (workflow commands)',
  render(report) {
    return report.findings
      .map((f) => {
        const properties = `file=${property(printable(f.file))},line=${f.line},col=${f.column},title=${property(f.ruleId)}`;
        return `::${f.severity} ${properties}::${data(printable(f.message, { lines: true }))}\n`;
      })
      .join('');
  },
};

// The log these lines land in is shown by a terminal (locally) or by a viewer that acts on
// escape sequences (the Actions log): file names and messages are made printable first, then
// what the runner reads as syntax is escaped as the Actions toolkit does: `%`, line breaks,
// and in properties `:` and `,`. A message keeps its line breaks, as %0A.
function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
