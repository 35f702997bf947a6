/** `triage weights` for a person: each principle's AHP share and weight, the consistency, and what to reconsider. */
import { formatScaleValue, intensityWords } from '../core/saaty-scale.js';
import { printable } from '../core/printable.js';
import { formatLimit, revisionsToConsider, type JudgementReport, type Oriented, type WeightsReport } from '../core/weights-report.js';
import { painter } from './style.js';

export interface WeightsTableOptions {
  /** The principle set, as shown to people. */
  file: string;
  color: boolean;
}

/** The report as lines for a terminal. */
export function renderWeightsTable(report: WeightsReport, options: WeightsTableOptions): string {
  const c = painter(options.color);
  const { priorities: p, principles } = report;
  const pairs = (principles.length * (principles.length - 1)) / 2;
  const out: string[] = [`${c.bold('Principle weights')} from ${pairs} pairwise ${pairs === 1 ? 'comparison' : 'comparisons'}  ${c.dim(options.file)}`, ''];
  const idWidth = Math.max('principle'.length, ...principles.map((x) => x.id.length));
  const nowWidth = Math.max('weight now'.length, ...principles.map((x) => formatNumber(x.weight).length));
  out.push(c.dim(`  ${'principle'.padEnd(idWidth)}   share  ${'weight now'.padStart(nowWidth)} → new`));
  principles.forEach((principle, k) => {
    const share = `${(100 * (p.weights[k] as number)).toFixed(1)}%`.padStart(6);
    const now = formatNumber(principle.weight).padStart(nowWidth);
    const ahp = String(report.scaled[k]).padEnd(6);
    out.push(`  ${principle.id.padEnd(idWidth)}  ${share}  ${now} → ${ahp}  ${c.dim(principle.title)}`);
  });
  out.push('');
  out.push(`  λmax ${p.lambdaMax.toFixed(3)} · CI ${p.consistencyIndex.toFixed(3)} · RI ${p.randomIndex.toFixed(2)} (Saaty 1980, n = ${principles.length})`);
  const ratio = `consistency ratio ${p.consistencyRatio.toFixed(3)}`;
  const limit = formatLimit(report.maxConsistencyRatio);
  if (report.consistent) {
    out.push(`  ${c.green(ratio)}: consistent enough (at most ${limit})`);
  } else {
    out.push(`  ${c.red.bold(ratio)}: above ${limit}, so the judgements contradict each other too much to use`);
    out.push(...reconsider(report));
  }
  return printable(`${out.join('\n')}\n`, { lines: true, colour: options.color });
}

/** The judgements that contribute most, each with the revision that would help. */
function reconsider(report: WeightsReport): string[] {
  const named = revisionsToConsider(report);
  if (named.length === 0) return ['  no single change on the scale lowers it: answer the comparisons again'];
  const out = ['', '  Judgements to reconsider, largest share of the inconsistency first:'];
  named.forEach((j, k) => {
    out.push(`  ${k + 1}. ${sentence(j)} (${(100 * j.share).toFixed(0)}% of the inconsistency)`);
    out.push(`     taken together, the judgements imply ${impliedRatio(j)}`);
    if (j.revision) out.push(`     try: ${sentence(j.revision)}, and the ratio becomes ${j.revision.consistencyRatio.toFixed(3)}`);
  });
  return out;
}

/** "a is moderately more important than b (3)". */
export function sentence(j: Oriented): string {
  return `${j.more} is ${intensityWords(j.intensity)} ${j.less} (${formatScaleValue(j.intensity)})`;
}

/** "a ≈ 1.13 × b", the larger one first. */
function impliedRatio(j: JudgementReport): string {
  return j.implied >= 1 ? `${j.more} ≈ ${j.implied.toFixed(2)} × ${j.less}` : `${j.less} ≈ ${(1 / j.implied).toFixed(2)} × ${j.more}`;
}

/** Weights as people write them: 3, 1.5, 0.432. */
function formatNumber(value: number): string {
  return String(Number(value.toPrecision(6)));
}
