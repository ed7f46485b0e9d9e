import { describe, expect, it } from 'vitest';
import { judgeAnswer } from './judge-answer.js';

const rubric = (output: string, r: string) =>
  JSON.parse(
    judgeAnswer(`You grade output.\n<Output>\n${output}\n</Output>\n<Rubric>\n${r}\n</Rubric>`) ??
      'null',
  ) as { score: number; pass: boolean };

describe('judgeAnswer', () => {
  it('scores a rubric by its terms in the output, inverting negative rubrics', () => {
    expect(
      rubric('Refunds are processed within fourteen days.', 'mentions refunds processed'),
    ).toMatchObject({ score: 1, pass: true });
    expect(rubric('Our office opens at nine.', 'mentions refunds processed')).toMatchObject({
      score: 0,
      pass: false,
    });
    expect(rubric('Our office opens at nine.', 'does not mention refunds')).toMatchObject({
      score: 1,
      pass: true,
    });
  });

  it('answers factuality with a category, for both tag styles', () => {
    const ours = judgeAnswer(
      'factuality\n<Question>q</Question><Expert>Refunds take 14 days.</Expert><Submission>Refunds take 30 days.</Submission>',
    );
    expect(JSON.parse(ours ?? '{}').category).toBe('D');
    const theirs = judgeAnswer(
      'evaluator\n<expert_answer>Refunds take 14 days.</expert_answer><submitted_answer>Refunds take 14 days.</submitted_answer>',
    );
    expect(JSON.parse(theirs ?? '{}').category).toBe('C');
  });

  it('leaves ordinary prompts alone, even tagged ones', () => {
    expect(
      judgeAnswer(
        '<question>What is the refund policy?</question><context>Refunds: 14 days.</context>',
      ),
    ).toBeUndefined();
    expect(judgeAnswer('What is the refund policy?')).toBeUndefined();
  });

  it('is deterministic', () => {
    const prompt =
      'You judge.\n<Context>Refunds take 14 days.</Context>\n<Output>Refunds take 14 days.</Output>';
    expect(judgeAnswer(prompt)).toBe(judgeAnswer(prompt));
    expect(JSON.parse(judgeAnswer(prompt) ?? '{}')).toMatchObject({ score: 1, pass: true });
  });
});
