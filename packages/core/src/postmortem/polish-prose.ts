import type { EvidenceLink, Postmortem } from './postmortem.js';

/** A piece of prose a model may reword; everything else in the postmortem is code's. */
export interface ProseItem {
  id: string;
  text: string;
}

/** A prose piece after the polish pass: who wrote the text that is shown. */
export interface PolishedText {
  id: string;
  text: string;
  /** `model` when the rewording passed the checks, `code` when the draft's text stands. */
  by: 'code' | 'model';
  /** Why a rewording was refused. */
  rejected?: string;
}

export interface PolishedPostmortem {
  summary: PolishedText;
  timeline: (PolishedText & { atMs: number; links: EvidenceLink[] })[];
  model?: string;
  /** Why the model was not used at all (its call failed); every text is then code's. */
  failure?: string;
}

const percent = (x: number) => `${(x * 100).toFixed(1)} %`;

/**
 * The summary code writes from the draft: title, scope, top change and root cause as
 * established (or not) by the evidence; the polish pass may reword it, never change it.
 */
export function summaryOf(draft: Postmortem): string {
  const change = draft.changes[0];
  return [
    `${draft.title}: ${percent(draft.scope.affectedShare)} of ${draft.scope.traces} requests affected (${draft.scope.verdict}).`,
    change ? `Closest change: ${change.text}.` : 'No change recorded near the onset.',
    draft.rootCause.category
      ? `Root cause category: ${draft.rootCause.category}.`
      : 'Root cause not established by the data.',
  ].join(' ');
}

/** The prose the polish pass may touch: the summary and the timeline lines. */
export function proseOf(draft: Postmortem): ProseItem[] {
  return [
    { id: 'summary', text: summaryOf(draft) },
    ...draft.timeline.map((entry, i) => ({ id: `timeline-${i}`, text: entry.text })),
  ];
}

/**
 * The tokens a rewording must keep exactly: numbers (with their decimals and units),
 * quoted values, paths and links, and identifiers that carry a digit (versions, ids).
 */
export function protectedTokens(text: string): string[] {
  const tokens = [
    ...(text.match(/"[^"]*"/g) ?? []),
    ...(text.match(/\b(?:https?:\/\/|\/)[\w./?=&%-]+/g) ?? []),
    ...(text.replace(/"[^"]*"/g, ' ').match(/[\w.:/-]*\d[\w.:/-]*/g) ?? []),
  ];
  return tokens.map((t) => t.replace(/[.,;:]+$/, '')).sort();
}

/**
 * Checks one rewording: every protected token of the original, and no other, in the same
 * numbers; undefined when it passes, else the reason.
 *
 * @example
 * checkRewording('12.5 % of 40 requests', 'About 13 % of 40 requests');
 * // 'changed numbers, quoted values or links: 12.5 → 13'
 */
export function checkRewording(original: string, rewritten: string): string | undefined {
  if (rewritten.trim() === '') return 'empty rewording';
  const before = protectedTokens(original);
  const after = protectedTokens(rewritten);
  const missing = difference(before, after);
  const added = difference(after, before);
  if (missing.length === 0 && added.length === 0) return undefined;
  return `changed numbers, quoted values or links: ${missing.join(', ') || '—'} → ${added.join(', ') || '—'}`;
}

function difference(a: readonly string[], b: readonly string[]): string[] {
  const left = [...b];
  const out: string[] = [];
  for (const token of a) {
    const at = left.indexOf(token);
    if (at >= 0) left.splice(at, 1);
    else out.push(token);
  }
  return out;
}

/**
 * Applies a model's rewordings to the draft's prose: each one that keeps every protected
 * token is marked `model`; the others keep the draft's text, marked `code` with the reason.
 * Verdicts, numbers and links outside the prose are never offered to the model.
 */
export function applyPolish(
  draft: Postmortem,
  rewordings: ReadonlyMap<string, string>,
  model?: string,
): PolishedPostmortem {
  const polish = (item: ProseItem): PolishedText => {
    const rewritten = rewordings.get(item.id);
    if (rewritten === undefined) return { ...item, by: 'code' };
    const problem = checkRewording(item.text, rewritten);
    return problem
      ? { ...item, by: 'code', rejected: problem }
      : { id: item.id, text: rewritten.trim(), by: 'model' };
  };
  const [summary, ...timeline] = proseOf(draft).map(polish);
  return {
    summary: summary!,
    timeline: timeline.map((t, i) => ({
      ...t,
      atMs: draft.timeline[i]!.atMs,
      links: draft.timeline[i]!.links,
    })),
    ...(model ? { model } : {}),
  };
}

/** The instructions and items sent to the model, and how its answer is read back. */
export const POLISH_INSTRUCTIONS =
  'You edit the prose of an incident postmortem. Reword each <Item> for clarity and flow. Keep every number, percentage, quoted value, identifier, version and link exactly as written; do not add facts, causes or judgements. Answer with the same <Item id="..."> tags, one per item, and nothing else.';

export function polishPrompt(items: readonly ProseItem[]): string {
  return items.map((i) => `<Item id="${i.id}">${i.text}</Item>`).join('\n');
}

export function readRewordings(answer: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of answer.matchAll(/<Item id="([\w-]+)">([\s\S]*?)<\/Item>/g)) {
    out.set(m[1]!, m[2]!.trim());
  }
  return out;
}
