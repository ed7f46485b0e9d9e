import type OpenAI from 'openai';
import { withTraceId } from './with-trace-id.js';
import { idempotentTool, trace, traceAgentStep, traceToolCall, withVersions } from '@glassbox/sdk';

/** How the agent calls its tools and how far it may go. */
export interface BookingAgentSettings {
  model: string;
  pinnedModel: string;
  /** Client timeout of a tool call (ms). */
  toolTimeoutMs: number;
  /** Retries after a timed-out tool call; each retry runs the tool again. */
  toolRetries: number;
  /** Send an idempotency key with side-effecting calls. */
  idempotencyKeys: boolean;
  /**
   * Side-effecting calls go through the SDK's idempotent-tool guard: after a timeout it asks
   * the service for the execution with the call's key before any retry (needs idempotencyKeys).
   */
  statusCheckOnTimeout: boolean;
  /** Model calls allowed per request before the agent stops. */
  maxSteps: number;
  promptVersion: string;
}

export const DEFAULT_AGENT_SETTINGS: BookingAgentSettings = {
  model: 'gpt-4o',
  pinnedModel: 'gpt-4o-2024-08-06',
  toolTimeoutMs: 1500,
  toolRetries: 1,
  idempotencyKeys: false,
  statusCheckOnTimeout: false,
  maxSteps: 6,
  promptVersion: 'booking-v2',
};

const TOOLS: OpenAI.Chat.Completions.ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'book_repair',
      description: 'Book a repair appointment at a workshop on a date and time.',
      parameters: {
        type: 'object',
        properties: {
          workshop: { type: 'string', description: 'Workshop name' },
          date: { type: 'string', description: 'Date, YYYY-MM-DD' },
          time: { type: 'string', description: 'Time, HH:MM' },
        },
        required: ['workshop', 'date', 'time'],
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'check_booking_status',
      description: 'Check the status of an existing booking by its booking id.',
      parameters: {
        type: 'object',
        properties: { booking_id: { type: 'string', description: 'Booking id, BK-...' } },
        required: ['booking_id'],
      },
    },
  },
];

const SIDE_EFFECTS = new Set(['book_repair']);

export interface AgentResult {
  answer: string;
  steps: number;
  toolCalls: string[];
  traceId: string;
}

/**
 * The tool-using booking agent: plans with the model, executes tool calls against the
 * simulator's side-effecting `/v1/tools/:name` endpoint with a client timeout and retries,
 * then answers from the tool results; stops at the step limit.
 *
 * @example
 * const agent = new BookingAgent(openai, sim.url);
 * await agent.handle('Book a repair at Central Station on 2024-06-14 at 10:00');
 */
export class BookingAgent {
  settings: BookingAgentSettings;

  constructor(
    private readonly openai: OpenAI,
    private readonly toolBaseUrl: string,
    settings: Partial<BookingAgentSettings> = {},
  ) {
    this.settings = { ...DEFAULT_AGENT_SETTINGS, ...settings };
  }

  handle(request: string): Promise<AgentResult> {
    const s = this.settings;
    return withVersions({ model: s.pinnedModel, agent: s.promptVersion }, () =>
      trace(
        'booking-agent request',
        (span) => withTraceId(span.spanContext().traceId, () => this.run(request)),
        { input: request, kind: 'AGENT' },
      ),
    );
  }

  /**
   * Works through the plan one task at a time: each task is a user turn the model answers,
   * calling tools until it replies in text. Every model call counts against the step limit.
   */
  private async run(request: string): Promise<Omit<AgentResult, 'traceId'>> {
    const s = this.settings;
    const plan = planTasks(request);
    const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [
      {
        role: 'system',
        content:
          'You are the Brightpath booking assistant. Use the tools to book repairs and check bookings, then confirm to the customer.',
      },
    ];
    const toolCalls: string[] = [];
    const answers: string[] = [];
    let steps = 0;
    for (const [i, task] of plan.entries()) {
      messages.push({ role: 'user', content: task });
      for (let done: string | null = null; done === null;) {
        if (++steps > s.maxSteps) {
          throw new Error(`booking-agent stopped: maximum number of steps (${s.maxSteps}) reached`);
        }
        done = await traceAgentStep(
          { agentName: 'booking-agent', step: `task-${i + 1}`, input: task },
          () => this.step(messages, toolCalls),
        );
        if (done !== null) answers.push(done);
      }
    }
    return { answer: answers.join('\n'), steps, toolCalls };
  }

  /** One model call; executes the tools it asks for. Returns its text reply, or null. */
  private async step(
    messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[],
    toolCalls: string[],
  ): Promise<string | null> {
    const res = await this.openai.chat.completions.create({
      model: this.settings.model,
      messages,
      tools: TOOLS,
      temperature: 0,
    });
    const message = res.choices[0]!.message;
    messages.push(message);
    if (!message.tool_calls?.length) return message.content ?? '';
    for (const call of message.tool_calls) {
      if (call.type !== 'function') continue;
      toolCalls.push(call.function.name);
      const result = await this.execute(call.function.name, call.function.arguments, call.id);
      messages.push({ role: 'tool', tool_call_id: call.id, content: result });
    }
    return null;
  }

  /** Runs a tool with the client timeout; a timed-out call is retried as configured. */
  private async execute(name: string, args: string, callId: string): Promise<string> {
    const s = this.settings;
    const sideEffect = SIDE_EFFECTS.has(name);
    const key = sideEffect && s.idempotencyKeys ? `idem-${callId}` : undefined;
    if (key && s.statusCheckOnTimeout) return this.executeGuarded(name, args, callId, key);
    for (let attempt = 0; ; attempt++) {
      try {
        return await traceToolCall(
          {
            name,
            arguments: args,
            callId,
            sideEffect,
            ...(key ? { idempotencyKey: key } : {}),
          },
          () => this.callTool(name, args, key),
        );
      } catch (error) {
        const timedOut = (error as Error).name === 'TimeoutError';
        if (!timedOut || attempt >= s.toolRetries) {
          return JSON.stringify({ error: (error as Error).message });
        }
      }
    }
  }

  /** One guarded execution: a timeout is followed by a status check, not a blind retry. */
  private async executeGuarded(
    name: string,
    args: string,
    callId: string,
    key: string,
  ): Promise<string> {
    const tool = (this.guardedTools[name] ??= idempotentTool<string, string>({
      name,
      timeoutMs: this.settings.toolTimeoutMs,
      retries: this.settings.toolRetries,
      run: (a, { idempotencyKey, signal }) => this.callTool(name, a, idempotencyKey, signal),
      statusCheck: async (idempotencyKey) => {
        const res = await fetch(
          `${this.toolBaseUrl}/v1/tools/${name}/executions/${encodeURIComponent(idempotencyKey)}`,
        );
        return res.ok ? res.text() : undefined;
      },
    }));
    try {
      return await traceToolCall(
        { name, arguments: args, callId, sideEffect: true, idempotencyKey: key },
        async () => (await tool(args, key)).result,
      );
    } catch (error) {
      return JSON.stringify({ error: (error as Error).message });
    }
  }

  private readonly guardedTools: Record<
    string,
    (args: string, key: string) => Promise<{ result: string }>
  > = {};

  private async callTool(
    name: string,
    args: string,
    key: string | undefined,
    signal: AbortSignal = AbortSignal.timeout(this.settings.toolTimeoutMs),
  ): Promise<string> {
    const res = await fetch(`${this.toolBaseUrl}/v1/tools/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: args,
      signal,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${name} failed with HTTP ${res.status}: ${text.slice(0, 200)}`);
    return text;
  }
}

/**
 * Splits a request into the tasks the agent works through in order ("check BK-1, then book
 * a repair..." is two tasks).
 *
 * @example planTasks('Check status of BK-1, then book a repair on 2024-06-14') // two tasks
 */
export function planTasks(request: string): string[] {
  const tasks = request
    .split(/,?\s*\b(?:and then|then|after that)\b\s*|;\s*/i)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  return tasks.length > 0 ? tasks : [request];
}
