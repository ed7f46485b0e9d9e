import type { ChatMessage } from '../chat/chat-types.js';
import { messageText } from '../chat/chat-types.js';
import { keyTerms } from './key-terms.js';

/** A context passage found in the prompt; `citable` when it carries an explicit id. */
export interface Passage {
  id: string;
  text: string;
  citable: boolean;
}

/** What the simulated model "understands" of a conversation. */
export interface PromptAnalysis {
  instructions: string;
  question: string;
  terms: string[];
  passages: Passage[];
  labels: string[];
  premise: string | null;
  /** Tool results that arrived after the last user message. */
  toolResults: string[];
  harmful: boolean;
}

const PASSAGE_LINE = /^\s*(?:[-*]\s*)?\[([A-Za-z][\w.:#-]*|\d+)\]\s*[:\-–]?\s*(\S.*)$/;
const CONTEXT_BLOCK =
  /(?:^|\n)[ \t]*(?:context|sources|documents|passages)[ \t]*:[ \t]*\n?([\s\S]*?)(?=\n[ \t]*(?:question|query|user question)[ \t]*:|$)/i;
const QUESTION_MARKER = /(?:^|\n)[ \t]*(?:question|query|user question)[ \t]*:[ \t]*([\s\S]+)$/i;
const PREMISE =
  /\b(?:since|given that|now that|as you know,?|i heard that|i read that|isn't it true that|is it true that|everyone knows that|considering that)\s+([^,?;]+)/i;
const HARMFUL =
  /\b(?:build|make|making|synthesi[sz]e)\s+(?:a\s+)?(?:bomb|explosives?|nerve agent|bioweapon)|\b(?:write|create)\s+(?:a\s+)?(?:ransomware|malware|keylogger)|\bsteal\s+(?:credit card|passwords?)|\bhack into\b/i;

/**
 * Reads a conversation the way the simulated model uses it: instructions, the question,
 * context passages (`[doc-3] text` lines or a `Context:` block), classifier labels, a premise.
 *
 * @example analyzePrompt([{ role: 'user', content: '[d1] Paris is in France.\nQuestion: Where is Paris?' }])
 */
export function analyzePrompt(messages: readonly ChatMessage[]): PromptAnalysis {
  const instructions = messages
    .filter((m) => m.role === 'system' || m.role === 'developer')
    .map(messageText)
    .join('\n');
  const lastUserIndex = messages.map((m) => m.role).lastIndexOf('user');
  const lastUser = lastUserIndex >= 0 ? messageText(messages[lastUserIndex]!) : '';
  const toolResults = messages
    .slice(lastUserIndex + 1)
    .filter((m) => m.role === 'tool' || m.role === 'function')
    .map(messageText);
  const grounding = [instructions, ...messages.filter((m) => m.role === 'user').map(messageText)];
  const passages = grounding.flatMap(findPassages);
  const question = extractQuestion(lastUser);
  return {
    instructions,
    question,
    terms: keyTerms(question),
    passages: dedupe(passages),
    labels: findLabels(`${instructions}\n${lastUser}`),
    premise: PREMISE.exec(question)?.[1]?.trim() ?? null,
    toolResults,
    harmful: HARMFUL.test(lastUser),
  };
}

function findPassages(text: string): Passage[] {
  const passages: Passage[] = [];
  let current: Passage | null = null;
  for (const line of text.split('\n')) {
    const match = PASSAGE_LINE.exec(line);
    if (match) {
      current = { id: match[1]!, text: match[2]!.trim(), citable: true };
      passages.push(current);
    } else if (current && line.trim() && !/^\s*(?:question|query)\s*:/i.test(line)) {
      current.text += ` ${line.trim()}`;
    } else {
      current = null;
    }
  }
  if (passages.length > 0) return passages;
  const block = CONTEXT_BLOCK.exec(text)?.[1]?.trim();
  if (!block) return [];
  return block
    .split(/\n\s*\n|\n(?=\s*[-*•]\s)/)
    .map((chunk) => chunk.replace(/^\s*[-*•]\s*/, '').trim())
    .filter(Boolean)
    .map((chunk, i) => ({ id: `context-${i + 1}`, text: chunk, citable: false }));
}

function extractQuestion(lastUser: string): string {
  const marked = QUESTION_MARKER.exec(lastUser)?.[1];
  if (marked) return marked.trim();
  const withoutPassages = lastUser
    .split('\n')
    .filter((line) => !PASSAGE_LINE.test(line))
    .join('\n');
  const withoutBlock = withoutPassages.replace(CONTEXT_BLOCK, '\n').trim();
  return withoutBlock || lastUser.trim();
}

const LABEL_CUE =
  /\b(?:classify|categori[sz]e|route this|label|intent|answer with|respond with|reply with|answer only with)\b/i;
const LABEL_LIST =
  /(?:one of(?: the following)?(?: labels| categories| classes| options| intents| routes| words)?|labels|categories|classes|intents|routes|options)\s*(?:\([^)\n]*\))?\s*:?[ \t]*([^\n]*)((?:\n[ \t]*[-*•][^\n]+)*)/i;

function findLabels(text: string): string[] {
  if (!LABEL_CUE.test(text)) return [];
  const match = LABEL_LIST.exec(text);
  if (!match) return [];
  const raw = match[1]?.trim() ? match[1] : (match[2] ?? '');
  const labels = raw
    .split(/,|\||\n|\bor\b|\//)
    .map((s) =>
      s
        .replace(/^[\s\-*•]+/, '')
        .replace(/[.;]+$/, '')
        .trim()
        .replace(/^["'`[(]+|["'`\])]+$/g, '')
        .trim(),
    )
    .filter((s) => s.length > 0 && s.split(/\s+/).length <= 3);
  return labels.length >= 2 ? [...new Set(labels)] : [];
}

function dedupe(passages: Passage[]): Passage[] {
  const seen = new Set<string>();
  return passages.filter((p) => (seen.has(p.id) ? false : (seen.add(p.id), true)));
}
