/**
 * `triage weights -f json`. The contract keys come first: `weights` (each principle's AHP
 * share, summing to 1), `consistencyRatio` and `lambdaMax`; then the rest of the working.
 */
import type { WeightsReport } from '../core/weights-report.js';

export interface WeightsJsonOptions {
  /** The principle set, as shown to people. */
  file: string;
}

/** The report as one JSON document. */
export function renderWeightsJson(report: WeightsReport, options: WeightsJsonOptions): string {
  const { priorities: p, principles } = report;
  const byId = (values: readonly number[]): Record<string, number> => Object.fromEntries(principles.map((x, k) => [x.id, values[k] as number]));
  const document = {
    weights: byId(p.weights),
    consistencyRatio: p.consistencyRatio,
    lambdaMax: p.lambdaMax,
    consistencyIndex: p.consistencyIndex,
    randomIndex: p.randomIndex,
    maxConsistencyRatio: report.maxConsistencyRatio,
    consistent: report.consistent,
    scaledWeights: byId(report.scaled),
    judgements: report.judgements.map((j) => ({
      more: j.more,
      less: j.less,
      intensity: j.intensity,
      implied: j.implied,
      share: j.share,
      ...(j.revision
        ? { revision: { more: j.revision.more, less: j.revision.less, intensity: j.revision.intensity, consistencyRatio: j.revision.consistencyRatio } }
        : {}),
    })),
    principleSet: options.file,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
