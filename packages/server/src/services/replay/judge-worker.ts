import { threadId } from 'node:worker_threads';
import { judgeTrial, type JudgeTask, type Judgement } from './judge-trial.js';

// A piscina task: judging replayed answers (the classifier over the whole trace) runs here,
// off the event loop that acknowledges ingest.
export default async function judge(task: JudgeTask): Promise<Judgement> {
  return { ...(await judgeTrial(task)), threadId };
}
