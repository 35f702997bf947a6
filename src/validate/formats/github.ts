/**
 * GitHub Actions workflow commands, one line per finding:
 * `::error file=PATH,line=L,col=C,title=RULE::MESSAGE` (`::warning` for warnings). GitHub
 * turns each into an annotation on that line of that file (PATH relative to the root) in the
 * run and the pull request.
 *
 * GitHub shows at most 10 error and 10 warning annotations per step and drops the rest
 * silently. So when there are more, the first 9 of that kind are annotated, the 10th
 * annotation gives the totals and says where the rest are, and the rest are listed as plain
 * lines in the step's log (in a collapsed group), where nothing is lost.
 */
import { printable } from '../../core/printable.js';
import type { Finding } from '../../findings.js';
import { plural, problemsText, totals } from '../report.js';
import { pathsIn, type ValidateFormat } from './types.js';

/** Annotations of one kind (error, warning) GitHub shows for one step. */
export const ANNOTATIONS_PER_KIND = 10;

export const githubFormat: ValidateFormat = {
  name: 'github',
  description: 'GitHub Actions annotations (workflow commands)',
  render(report, context) {
    const path = pathsIn(context);
    const errors = report.findings.filter((f) => f.severity === 'error');
    const warnings = report.findings.filter((f) => f.severity !== 'error');
    const errorsOver = errors.length > ANNOTATIONS_PER_KIND;
    const warningsOver = warnings.length > ANNOTATIONS_PER_KIND;
    // One totals annotation, of the kind that overflows (an error when both do): it takes
    // the last place of its kind, so the other kind keeps all ten of its own.
    const totalsKind = errorsOver ? 'error' : warningsOver ? 'warning' : undefined;
    const annotated = new Set<Finding>([
      ...errors.slice(0, totalsKind === 'error' ? ANNOTATIONS_PER_KIND - 1 : ANNOTATIONS_PER_KIND),
      ...warnings.slice(0, totalsKind === 'warning' ? ANNOTATIONS_PER_KIND - 1 : ANNOTATIONS_PER_KIND),
    ]);
    const lines = report.findings.filter((f) => annotated.has(f)).map((f) => annotation(f, path));
    if (totalsKind) {
      const rest = report.findings.filter((f) => !annotated.has(f));
      const count = totals(report);
      const summary =
        `${problemsText(count)} in ${count.files} ${plural(count.files, 'file')}: GitHub shows at most ${ANNOTATIONS_PER_KIND} ` +
        `annotations of each kind per step, so ${annotated.size} are annotated and the other ${rest.length} are listed in this step's log`;
      lines.push(`::${totalsKind} title=${property('triage validate')}::${data(summary)}\n`);
      lines.push(`::group::${data(`${rest.length} more ${plural(rest.length, 'finding')}`)}\n`);
      for (const f of rest) lines.push(`${logLine(f, path)}\n`);
      lines.push('::endgroup::\n');
    }
    return lines.join('');
  },
};

function annotation(f: Finding, path: (file: string) => string): string {
  const properties = `file=${property(printable(path(f.file)))},line=${f.line},col=${f.column},title=${property(f.ruleId)}`;
  return `::${f.severity} ${properties}::${data(printable(f.message, { lines: true }))}\n`;
}

/**
 * A finding as a plain line of the log. It starts with its severity: a line that starts with
 * `::` (after spaces) is a command to the runner, and a file name could start so.
 */
function logLine(f: Finding, path: (file: string) => string): string {
  return printable(`${f.severity}: ${path(f.file)}:${f.line}:${f.column}: ${f.message} [${f.ruleId}]`);
}

// The log these lines land in is shown by a terminal (locally) or by a viewer that acts on
// escape sequences (the Actions log): file names and messages are made printable first (every
// control character shown as an escape, such as \u001b), then what the runner reads as syntax
// is escaped as the Actions toolkit does: `%`, line breaks, and in properties `:` and `,`. A
// message keeps its line breaks, as %0A.
function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
