// Datasets, experiment runs, online evaluation and human review, over the store's eval ports.
export { DatasetService } from './dataset-service.js';
export type { DatasetChange } from './dataset-service.js';
export { EvalNotFound } from './eval-service-error.js';
export { ReviewService } from './review-service.js';
export { RunService } from './run-service.js';
export type { ComparedItem, NewRun, RunComparisonView } from './run-service.js';
export { OnlineEvalJob, ONLINE_EVAL_DEFAULTS } from './online-eval-job.js';
export type { OnlineEvalOptions } from './online-eval-job.js';
export { onlineEvalPlugin } from './online-eval-plugin.js';
export { onlineJudgeServices } from './online-eval-judge.js';
