import type { Random } from '../util/seeded-random.js';

const REFUSALS = [
  "I'm sorry, but I can't help with that request.",
  "I'm sorry, but I can't assist with that.",
  "I can't help with that. If you have another question, I'm happy to help.",
  "I'm not able to help with this request.",
];

/** A refusal phrased the way hosted models phrase them. */
export function refusal(rng: Random): string {
  return rng.pick(REFUSALS);
}

/** Recognises the simulator's (and typical models') refusal phrasing. */
export function isRefusal(text: string): boolean {
  return /^(?:I'm sorry, but I can't|I can't help with that|I'm not able to help)/.test(
    text.trim(),
  );
}
