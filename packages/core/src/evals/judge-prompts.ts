/** A chat message sent to a judge model. */
export interface JudgeMessage {
  role: 'system' | 'user';
  content: string;
}

/** A rendered judge prompt, with the version of the template that produced it. */
export interface JudgePrompt {
  kind: JudgeKind;
  version: string;
  messages: JudgeMessage[];
}

export type JudgeKind =
  | 'llm-rubric'
  | 'g-eval'
  | 'factuality'
  | 'answer-relevance'
  | 'context-faithfulness'
  | 'context-recall'
  | 'context-relevance';

/** Version of every template below; bump it whenever a template's wording changes. */
export const JUDGE_PROMPT_VERSION = 'glassbox-judge/1';

const SCORE_JSON =
  'Answer with one JSON object and nothing else: {"reason": string, "score": number from 0 to 1, "pass": boolean}.';

function prompt(kind: JudgeKind, system: string, user: string): JudgePrompt {
  return {
    kind,
    version: JUDGE_PROMPT_VERSION,
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: user },
    ],
  };
}

/**
 * The judge prompt for `llm-rubric` (and the rubric dimensions): does the output satisfy
 * the rubric? The output and rubric sit in `<Output>` and `<Rubric>` tags.
 *
 * @example
 * rubricPrompt('Refunds take 14 days.', 'States the refund period').messages[1].content;
 */
export function rubricPrompt(output: string, rubric: string): JudgePrompt {
  return prompt(
    'llm-rubric',
    `You grade an AI system's output against a rubric written by a person. The output passes when the rubric's statement is true of it. Judge only what the output says, not what it should have said beyond the rubric. ${SCORE_JSON}`,
    `<Output>\n${output}\n</Output>\n<Rubric>\n${rubric}\n</Rubric>`,
  );
}

/** The judge prompt for `g-eval`: a 0-1 score of the output on the given criteria. */
export function gEvalPrompt(input: string, output: string, criteria: string): JudgePrompt {
  return prompt(
    'g-eval',
    `You evaluate an AI system's reply on the criteria below. First list the evaluation steps the criteria imply, then apply them and give a score from 0 (fails every step) to 1 (meets every step). ${SCORE_JSON}`,
    `<Input>\n${input}\n</Input>\n<Output>\n${output}\n</Output>\n<Rubric>\n${criteria}\n</Rubric>`,
  );
}

/**
 * The judge prompt for `factuality`: how the submission's facts relate to an expert answer,
 * as one of five categories (A subset, B superset, C same, D contradiction, E differences
 * that do not matter).
 */
export function factualityPrompt(
  question: string,
  expert: string,
  submission: string,
): JudgePrompt {
  return prompt(
    'factuality',
    'You compare the facts in a submitted answer with an expert answer to the same question. Ignore style, wording and length. Pick exactly one category: (A) the submission is a subset of the expert answer and fully consistent with it; (B) it is a superset and fully consistent; (C) it has the same details; (D) it disagrees with the expert answer; (E) the answers differ, but the differences do not matter for factuality. Answer with one JSON object and nothing else: {"category": "A" | "B" | "C" | "D" | "E", "reason": string}.',
    `<Question>\n${question}\n</Question>\n<Expert>\n${expert}\n</Expert>\n<Submission>\n${submission}\n</Submission>`,
  );
}

/** The judge prompt for `answer-relevance`: does the output answer the question asked? */
export function answerRelevancePrompt(question: string, output: string): JudgePrompt {
  return prompt(
    'answer-relevance',
    `You judge whether an answer addresses the question that was asked: 1 when it answers it directly, 0 when it is about something else or evades it. Correctness is not judged here. ${SCORE_JSON}`,
    `<Question>\n${question}\n</Question>\n<Output>\n${output}\n</Output>`,
  );
}

/** The judge prompt for `context-faithfulness`: the share of the output's statements the context supports. */
export function contextFaithfulnessPrompt(
  question: string,
  context: string,
  output: string,
): JudgePrompt {
  return prompt(
    'context-faithfulness',
    `You judge an answer against the context it was given. Split the answer into its factual statements and decide for each whether the context supports it. The score is the share of supported statements. ${SCORE_JSON}`,
    `<Question>\n${question}\n</Question>\n<Context>\n${context}\n</Context>\n<Output>\n${output}\n</Output>`,
  );
}

/** The judge prompt for `context-recall`: the share of the expected answer's statements found in the context. */
export function contextRecallPrompt(context: string, expected: string): JudgePrompt {
  return prompt(
    'context-recall',
    `You judge whether a retrieved context contains what a correct answer needs. Split the expected answer into statements and decide for each whether the context supports it. The score is the share of supported statements. ${SCORE_JSON}`,
    `<Context>\n${context}\n</Context>\n<Expected>\n${expected}\n</Expected>`,
  );
}

/** The judge prompt for `context-relevance`: the share of the context that bears on the question. */
export function contextRelevancePrompt(question: string, context: string): JudgePrompt {
  return prompt(
    'context-relevance',
    `You judge a retrieved context against a question. Split the context into sentences and count those that help answer the question. The score is that share. ${SCORE_JSON}`,
    `<Question>\n${question}\n</Question>\n<Context>\n${context}\n</Context>`,
  );
}
