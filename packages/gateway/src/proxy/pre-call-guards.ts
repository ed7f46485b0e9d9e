import type { BudgetBucket, CacheTenant, Spend } from '@glassbox/core/guards';
import {
  GuardError,
  assertContextBudget,
  budgetBucket,
  budgetExceededError,
  callSignature,
} from '@glassbox/core/guards';
import { computeCostUsd } from '@glassbox/core/cost';
import { describeModel } from '@glassbox/core/providers';
import type { GatewayRuntime } from '../gateway-runtime.js';
import type { Caller } from '../http/authenticate.js';
import type { RequestTrace } from '../tracing/request-trace.js';
import { contentText, countPromptTokens, countTextTokens } from './count-prompt-tokens.js';

/** Who and what a request is, for the guards. */
export interface RequestFacts {
  caller: Caller;
  route: 'chat' | 'embeddings';
  model: string;
  body: Record<string, unknown>;
  /** The body as received: forwarded as is; its size bounds the tokens (a token is at least a byte). */
  raw: Buffer;
  session: string | null;
  user: string | null;
  agent: string | null;
  tenant: CacheTenant;
}

/**
 * Loop and step guard of the session (stateless over the conversation for identical tool
 * calls, so replicas agree; step counts per replica), and the context budget when the
 * model's window is known. Throws a GuardError to refuse.
 */
export async function checkRunAndContext(
  rt: GatewayRuntime,
  facts: RequestFacts,
  trace: RequestTrace,
): Promise<number | null> {
  const { config } = rt;
  if (facts.route === 'chat' && facts.session) {
    const stop = rt
      .sessionGuard(`${facts.caller.project}\u0000${facts.session}`)
      .step(facts.agent ?? 'model');
    if (stop) {
      trace.decide({
        guard: stop.code === 'step_limit_reached' ? 'step_limit' : 'loop',
        decision: 'stop',
        reason: stop.reason,
      });
      throw new GuardError(stop.code, `Session '${facts.session}': ${stop.reason}`, {
        session: facts.session,
      });
    }
  }
  if (facts.route === 'chat') repeatedToolCalls(rt, facts, trace);
  if (facts.route !== 'chat' || !config.guards.contextBudget) return null;
  const window = contextWindowOf(facts.model);
  const reserve = outputReserve(rt, facts.body);
  if (window === undefined || facts.raw.length + reserve <= window) return null;
  const counted = await countPromptTokens(facts.model, facts.body);
  try {
    assertContextBudget({
      model: facts.model,
      contextWindow: window,
      outputReserve: reserve,
      parts: [
        { name: 'system', tokens: counted.system, fixed: true },
        { name: 'tools', tokens: counted.tools, fixed: true },
        { name: 'messages', tokens: counted.messages },
      ],
    });
  } catch (error) {
    trace.decide({ guard: 'context', decision: 'reject', reason: (error as Error).message });
    throw error;
  }
  return counted.system + counted.tools + counted.messages;
}

/** The 3rd identical tool call in the conversation is flagged; at `stopRunAt` the run is refused. */
function repeatedToolCalls(rt: GatewayRuntime, facts: RequestFacts, trace: RequestTrace): void {
  const messages = Array.isArray(facts.body.messages)
    ? (facts.body.messages as Record<string, unknown>[])
    : [];
  let counts: Map<string, { tool: string; n: number }> | null = null;
  for (const m of messages) {
    if (m.role !== 'assistant' || !Array.isArray(m.tool_calls)) continue;
    counts ??= new Map();
    for (const call of m.tool_calls as { function?: { name?: string; arguments?: string } }[]) {
      const tool = call.function?.name ?? '';
      const signature = callSignature(tool, call.function?.arguments ?? '');
      counts.set(signature, { tool, n: (counts.get(signature)?.n ?? 0) + 1 });
    }
  }
  if (!counts) return;
  const { maxIdenticalCalls, stopRunAt } = rt.config.guards.loop;
  for (const { tool, n } of counts.values()) {
    if (n >= stopRunAt) {
      const reason = `${tool} was called ${n} times with the same arguments: run stopped`;
      trace.decide({ guard: 'loop', decision: 'stop', reason });
      throw new GuardError('loop_detected', reason, { tool, count: n });
    }
    if (n > maxIdenticalCalls)
      trace.decide({
        guard: 'loop',
        decision: 'warn',
        reason: `${tool} repeated ${n} times with the same arguments`,
      });
  }
}

const contextWindows = new Map<string, number | undefined>();

/** The model's context window, looked up once per model name (the map is bounded). */
function contextWindowOf(model: string): number | undefined {
  if (contextWindows.has(model)) return contextWindows.get(model);
  const window = describeModel(model).contextWindow;
  if (contextWindows.size >= 1024) contextWindows.clear();
  contextWindows.set(model, window);
  return window;
}

function outputReserve(rt: GatewayRuntime, body: Record<string, unknown>): number {
  const max = body.max_completion_tokens ?? body.max_tokens;
  return typeof max === 'number' && max >= 0 ? max : rt.config.guards.defaultOutputReserve;
}

/** A reservation held for the call, settled after it. */
export interface BudgetHold {
  id: string;
  buckets: BudgetBucket[];
  estimate: Spend;
}

/**
 * Reserves the call's worst case (prompt tokens plus the output cap, priced from the price
 * table) on every budget that applies to the caller; throws `budget_exceeded` naming the
 * budget. Null when no budget applies.
 */
export async function reserveBudgets(
  rt: GatewayRuntime,
  facts: RequestFacts,
  counted: number | null,
  id: string,
  trace: RequestTrace,
): Promise<BudgetHold | null> {
  const now = Date.now();
  const scopeId = {
    key: facts.caller.keyId,
    project: facts.caller.project,
    user: facts.user,
    session: facts.session,
  } as const;
  const buckets: BudgetBucket[] = [];
  for (const rule of rt.config.budgets) {
    const who = scopeId[rule.scope];
    if (who === null || (rule.id !== undefined && rule.id !== who)) continue;
    buckets.push(budgetBucket({ ...rule, id: who }, now));
  }
  if (buckets.length === 0) return null;
  const output = facts.route === 'chat' ? outputReserve(rt, facts.body) : 0;
  const spend = (prompt: number) => ({
    tokens: prompt + output,
    usd: computeCostUsd(facts.model, { input: prompt, output }) ?? 0,
  });
  // The body's size bounds its tokens, so the common case reserves without tokenizing; only
  // a refusal is re-checked with the exact count before it is final.
  let estimate = spend(counted ?? facts.raw.length);
  let result = await rt.stores.ledger.reserve(id, buckets, estimate);
  if (!result.ok && counted === null) {
    estimate = spend(await promptTokens(facts));
    result = await rt.stores.ledger.reserve(id, buckets, estimate);
  }
  if (!result.ok) {
    const error = budgetExceededError(result, estimate);
    trace.decide({ guard: 'budget', decision: 'reject', reason: error.message });
    throw error;
  }
  const reserved = estimate;
  trace.decideLater(
    'budget',
    'reserve',
    () =>
      `reserved $${reserved.usd.toFixed(6)} and ${reserved.tokens} tokens on ${buckets.map((b) => b.key).join(', ')}`,
  );
  return { id, buckets, estimate };
}

async function promptTokens(facts: RequestFacts): Promise<number> {
  if (facts.route === 'chat') {
    const c = await countPromptTokens(facts.model, facts.body);
    return c.system + c.tools + c.messages;
  }
  const input = facts.body.input;
  const texts = Array.isArray(input)
    ? input.map((x) => (typeof x === 'string' ? x : ''))
    : [typeof input === 'string' ? input : contentText(input)];
  return countTextTokens(facts.model, texts.join('\n'));
}
