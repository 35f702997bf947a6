/**
 * GitHub Actions workflow commands, one line per finding:
 * `::error file=PATH,line=L,col=C,title=RULE::MESSAGE` (`::warning` for warnings). GitHub
 * turns each into an annotation on that line of that file in the run and the pull request.
 */
import type { ValidateFormat } from './types.js';

export const githubFormat: ValidateFormat = {
  name: 'github',
  description: 'GitHub Actions annotations (workflow commands)',
  render(report) {
    return report.findings
      .map((f) => {
        const properties = `file=${property(f.file)},line=${f.line},col=${f.column},title=${property(f.ruleId)}`;
        return `::${f.severity} ${properties}::${data(f.message)}\n`;
      })
      .join('');
  },
};

// The runner reads `%`, line breaks, and in properties `:` and `,`, as syntax: escape them
// as the Actions toolkit does.
function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
