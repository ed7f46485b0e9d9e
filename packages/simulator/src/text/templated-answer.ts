import type { Random } from '../util/seeded-random.js';
import type { PromptAnalysis } from './analyze-prompt.js';
import { capitalize, inventedClaim } from './invent-facts.js';

const HOW = [
  'To {action}, start by checking the current {t1} settings and what they depend on.',
  'Next, update the {t2} step by step, verifying each change before moving on.',
  'Then test the result with a small example so problems with {t1} show up early.',
  'Finally, document what you changed about {t2} so the team can repeat it.',
  'If something fails, roll back the last {t1} change and retry with smaller steps.',
];
const WHAT = [
  '{Topic} refers to the way {t1} is organised and used in practice.',
  'In short, {t1} describes how {t2} behaves under normal conditions.',
  'It matters because decisions about {t2} depend on understanding {t1} well.',
  'A common example is reviewing {t1} before changing anything related to {t2}.',
  'The key trade-off with {topic} is between simplicity and control.',
];
const WHY = [
  'There are a few reasons {topic} works this way.',
  'First, {t1} has to stay consistent with {t2}, which limits the options.',
  'Second, changing {t1} affects other parts of the system, so it is done cautiously.',
  'Finally, the history of {t2} explains several of the current choices.',
  'In practice, the reasons around {t1} are mostly about reliability and cost.',
];
const GENERAL = [
  'Here is an overview of {topic}.',
  'The main point about {t1} is that it depends on how {t2} is set up.',
  'It helps to consider {t1} and {t2} together rather than separately.',
  'A good next step is to look at a concrete case involving {t1}.',
  'Let me know if you want more detail on {t2}.',
];

function bankFor(question: string): string[] {
  const q = question.trim().toLowerCase();
  if (/^how\b/.test(q)) return HOW;
  if (/^(?:what|define|who|which)\b/.test(q)) return WHAT;
  if (/^why\b/.test(q)) return WHY;
  return GENERAL;
}

/**
 * A plausible answer for a question without context, built from its key terms.
 * With `hallucinate`, it adds a specific but invented fact with numbers and a citation.
 */
export function templatedAnswer(
  analysis: PromptAnalysis,
  rng: Random,
  verbosity: number,
  hallucinate: boolean,
): string {
  const [t1 = 'the topic', t2 = t1, ...others] = analysis.terms;
  const topic = [t1, t2, ...others].slice(0, 3).join(' ');
  const bank = bankFor(analysis.question);
  const count = Math.max(1, Math.round(3 * verbosity));
  // Steps and reasons keep their order; descriptions may come in any order.
  const ordered = bank === HOW || bank === WHY;
  const rest = ordered ? bank.slice(1) : shuffle(bank.slice(1), rng);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const template = i === 0 ? bank[0]! : (rest[(i - 1) % rest.length] ?? bank[0]!);
    lines.push(
      template
        .replaceAll('{Topic}', capitalize(topic))
        .replaceAll('{topic}', topic)
        .replaceAll('{action}', action(analysis.question) || topic)
        .replaceAll('{t1}', t1)
        .replaceAll('{t2}', t2),
    );
  }
  if (hallucinate) {
    const author = rng.pick(['Smith et al.', 'Chen and Patel', 'the Harlow Institute', 'Okafor']);
    lines.splice(
      1,
      0,
      `${inventedClaim(rng, topic, analysis.question)} (${author}, ${rng.int(1995, 2021)}).`,
    );
  }
  const opener = rng.pick([
    '',
    'Good question. ',
    'In short: ',
    'Sure. ',
    'Here is a brief answer. ',
  ]);
  return opener + lines.join(' ');
}

function shuffle<T>(items: T[], rng: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function action(question: string): string {
  return question
    .trim()
    .replace(/^how\s+(?:do|can|should|would)\s+(?:i|we|you)\s+|^how\s+to\s+/i, '')
    .replace(/[?.!]+$/, '')
    .trim();
}
