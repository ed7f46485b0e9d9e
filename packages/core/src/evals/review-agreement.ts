import { cohenKappa, type Agreement } from './cohen-kappa.js';
import { RUBRIC_DIMENSIONS, type RubricDimension } from './rubric-dimensions.js';

export const REVIEW_VERDICTS = ['pass', 'fail'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];

/** One rater's verdict on one rubric dimension of one trace: a reviewer's or a judge's. */
export interface ReviewLabel {
  traceId: string;
  dimension: RubricDimension;
  /** `judge` for the model-graded rubric; otherwise the reviewer's name. */
  rater: string;
  verdict: ReviewVerdict;
}

export const JUDGE_RATER = 'judge';

export interface DimensionAgreement {
  dimension: RubricDimension;
  /** Each reviewer's label against the judge's on the same trace. */
  reviewerVsJudge: Agreement;
  /** The first two reviewers (by name) on each trace both labelled. */
  betweenReviewers: Agreement;
}

/**
 * Cohen's kappa per rubric dimension, between reviewers and the judge and between two
 * reviewers, over the traces both sides labelled.
 *
 * @example
 * reviewAgreement(labels).find((d) => d.dimension === 'tone')?.reviewerVsJudge.kappa;
 */
export function reviewAgreement(labels: readonly ReviewLabel[]): DimensionAgreement[] {
  return (Object.keys(RUBRIC_DIMENSIONS) as RubricDimension[]).map((dimension) => {
    const byTrace = new Map<string, Map<string, ReviewVerdict>>();
    for (const l of labels) {
      if (l.dimension !== dimension) continue;
      const raters = byTrace.get(l.traceId) ?? new Map<string, ReviewVerdict>();
      raters.set(l.rater, l.verdict);
      byTrace.set(l.traceId, raters);
    }
    const withJudge: [string, string][] = [];
    const twoReviewers: [string, string][] = [];
    for (const raters of byTrace.values()) {
      const judge = raters.get(JUDGE_RATER);
      const reviewers = [...raters]
        .filter(([r]) => r !== JUDGE_RATER)
        .sort(([a], [b]) => (a < b ? -1 : 1));
      if (judge !== undefined) for (const [, v] of reviewers) withJudge.push([v, judge]);
      const [first, second] = reviewers;
      if (first && second) twoReviewers.push([first[1], second[1]]);
    }
    return {
      dimension,
      reviewerVsJudge: cohenKappa(withJudge),
      betweenReviewers: cohenKappa(twoReviewers),
    };
  });
}
