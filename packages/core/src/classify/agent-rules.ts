import type { Span } from '../model/span.js';
import { canonicalJson } from './canonical-json.js';
import { makeFinding, type Finding } from './failure-categories.js';
import type { ClassifierThresholds } from './thresholds.js';
import { clip, errorText, outputText } from './span-text.js';

const STEP_LIMIT_TEXT =
  /recursion limit|max(?:imum)? (?:number of )?(?:turns|iterations|steps)|maxturnsexceeded|iteration limit|step limit/;

interface Invocation {
  name: string;
  args: string;
  spanId: string;
}

/** Tool invocations of a trace: tool spans, else the tool calls LLM spans asked for. */
export function toolInvocations(spans: Span[]): Invocation[] {
  const tools = spans.filter((s) => s.kind === 'tool');
  if (tools.length > 0) {
    return tools.map((s) => ({
      name: s.tool?.name ?? s.name,
      args: canonicalJson(s.tool?.arguments ?? s.input),
      spanId: s.spanId,
    }));
  }
  return spans.flatMap((s) =>
    s.outputMessages.flatMap((m) =>
      (m.toolCalls ?? []).map((c) => ({
        name: c.name,
        args: canonicalJson(c.arguments),
        spanId: s.spanId,
      })),
    ),
  );
}

/** The same tool with the same canonical arguments called `loopRepeatCount` times or more. */
export function loopFindings(spans: Span[], t: ClassifierThresholds): Finding[] {
  const groups = new Map<string, Invocation[]>();
  for (const inv of toolInvocations(spans)) {
    const key = `${inv.name}\u0000${inv.args}`;
    groups.set(key, [...(groups.get(key) ?? []), inv]);
  }
  const out: Finding[] = [];
  for (const calls of groups.values()) {
    if (calls.length < t.loopRepeatCount) continue;
    const first = calls[0]!;
    out.push(
      makeFinding(
        'tool_loop',
        [...new Set(calls.map((c) => c.spanId))],
        `${first.name} called ${calls.length} times with the same arguments`,
        {
          tool: first.name,
          arguments: clip(first.args),
          count: calls.length,
          threshold: t.loopRepeatCount,
        },
      ),
    );
  }
  return out;
}

/** Two agents handing the request back and forth (A-B-A-B) `pingPongTurns` times or more. */
export function pingPongFindings(spans: Span[], t: ClassifierThresholds): Finding[] {
  const agents = spans.filter((s) => s.kind === 'agent').sort((a, b) => a.startMs - b.startMs);
  const seq: { name: string; spanId: string }[] = [];
  for (const s of agents) {
    const name = s.agentName ?? s.name;
    if (seq[seq.length - 1]?.name !== name) seq.push({ name, spanId: s.spanId });
  }
  let best: { start: number; length: number } | undefined;
  let start = 0;
  for (let i = 2; i <= seq.length; i++) {
    const alternating = i < seq.length && seq[i]!.name === seq[i - 2]!.name;
    if (alternating) continue;
    const length = i - start;
    if (length >= 2 && (!best || length > best.length)) best = { start, length };
    start = i - 1;
  }
  if (!best || best.length < t.pingPongTurns) return [];
  const run = seq.slice(best.start, best.start + best.length);
  return [
    makeFinding(
      'agent_ping_pong',
      run.map((r) => r.spanId),
      `${run[0]!.name} and ${run[1]!.name} handed off ${best.length - 1} times`,
      {
        agents: [run[0]!.name, run[1]!.name],
        turns: best.length,
        threshold: t.pingPongTurns,
      },
    ),
  ];
}

/** The trace made `stepLimit` model calls, or a framework said its step limit was hit. */
export function stepLimitFindings(spans: Span[], t: ClassifierThresholds): Finding[] {
  const llm = spans.filter((s) => s.kind === 'llm');
  const said = spans.find((s) =>
    STEP_LIMIT_TEXT.test(
      `${errorText(s)} ${s.kind === 'llm' ? '' : outputText(s).slice(0, 500)}`.toLowerCase(),
    ),
  );
  if (llm.length < t.stepLimit && !said) return [];
  const ids = said ? [said.spanId] : llm.slice(-3).map((s) => s.spanId);
  return [
    makeFinding(
      'step_limit_reached',
      ids,
      `agent stopped at the step limit after ${llm.length} model calls`,
      {
        modelCalls: llm.length,
        threshold: t.stepLimit,
        error: said ? clip(errorText(said) || outputText(said)) : null,
      },
    ),
  ];
}
