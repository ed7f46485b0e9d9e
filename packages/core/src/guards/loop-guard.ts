import { canonicalJson, canonicalStringify } from '../classify/canonical-json.js';

export interface LoopGuardOptions {
  /** Identical calls executed; the next identical one is not (2: the 3rd is blocked). */
  maxIdenticalCalls: number;
  /** Identical calls at which the whole run is stopped (OpenRouter ends it at the 6th). */
  stopRunAt: number;
  /** Steps (model calls, tool calls or hand-offs) allowed per run. */
  maxSteps: number;
  /** Alternations A-B-A-B... of this many full cycles count as ping-pong. */
  pingPongCycles: number;
}

export const DEFAULT_LOOP_GUARD_OPTIONS: Readonly<LoopGuardOptions> = {
  maxIdenticalCalls: 2,
  stopRunAt: 6,
  maxSteps: 25,
  pingPongCycles: 3,
};

/** What to do with a call: run it, answer with a synthetic result, or stop the run. */
export type LoopDecision =
  | { action: 'execute'; signature: string; count: number }
  | { action: 'skip'; signature: string; count: number; reason: string; syntheticResult: string }
  | {
      action: 'stop';
      code: 'loop_detected' | 'step_limit_reached' | 'ping_pong_detected';
      reason: string;
    };

/**
 * The loop guard and step limit of one run or session, as a pure state machine. A call's
 * signature is its tool name plus canonical JSON arguments (never the result). The third
 * identical call is not executed but answered with a synthetic "not executed" result; the
 * run stops at `stopRunAt` identical calls, at `maxSteps` steps, or when two actors
 * alternate for `pingPongCycles` cycles.
 *
 * @example
 * const guard = new LoopGuard();
 * const d = guard.check('search', '{"q":"refund"}');
 * if (d.action === 'execute') run(); else if (d.action === 'skip') reply(d.syntheticResult);
 */
export class LoopGuard {
  readonly options: LoopGuardOptions;
  private readonly counts = new Map<string, number>();
  private readonly actors: string[] = [];
  private readonly calls: string[] = [];
  private steps = 0;

  constructor(options: Partial<LoopGuardOptions> = {}) {
    this.options = { ...DEFAULT_LOOP_GUARD_OPTIONS, ...options };
    for (const [name, value] of Object.entries(this.options)) {
      if (!Number.isInteger(value) || value < 1)
        throw new RangeError(`LoopGuard option ${name} must be a positive integer, got ${value}`);
    }
  }

  get stepCount(): number {
    return this.steps;
  }

  /** Checks a tool call before it runs; counts it as a step and as a call of its signature. */
  check(tool: string, args: unknown): LoopDecision {
    const signature = callSignature(tool, args);
    const stepStop = this.count(signature, this.calls, tool);
    if (stepStop) return stepStop;
    const count = (this.counts.get(signature) ?? 0) + 1;
    this.counts.set(signature, count);
    if (count >= this.options.stopRunAt) {
      return {
        action: 'stop',
        code: 'loop_detected',
        reason: `${tool} called ${count} times with the same arguments: run stopped`,
      };
    }
    if (count > this.options.maxIdenticalCalls) {
      const reason = `not executed: repeated call (${tool} with the same arguments, call ${count})`;
      return {
        action: 'skip',
        signature,
        count,
        reason,
        syntheticResult: JSON.stringify({ error: reason, not_executed: true }),
      };
    }
    return { action: 'execute', signature, count };
  }

  /**
   * Counts one step by `actor` (an agent, a model call, a tool); returns the stop decision
   * when the step limit is reached or the last steps ping-pong between two actors.
   */
  step(actor: string): Extract<LoopDecision, { action: 'stop' }> | null {
    return this.count(actor, this.actors, actor);
  }

  /** Tool calls ping-pong by signature (A(x), B(y), A(x)...), hand-offs by actor name. */
  private count(
    entry: string,
    history: string[],
    label: string,
  ): Extract<LoopDecision, { action: 'stop' }> | null {
    this.steps += 1;
    if (this.steps > this.options.maxSteps) {
      return {
        action: 'stop',
        code: 'step_limit_reached',
        reason: `step limit reached: ${this.options.maxSteps} steps`,
      };
    }
    history.push(entry);
    const span = this.options.pingPongCycles * 2;
    if (history.length > span) history.shift();
    if (history.length === span && isPingPong(history)) {
      const other = history[0]!.split('\u0000')[0]!;
      return {
        action: 'stop',
        code: 'ping_pong_detected',
        reason: `ping-pong between ${other} and ${label} for ${this.options.pingPongCycles} cycles`,
      };
    }
    return null;
  }
}

/** `tool` + canonical JSON of its arguments: key order and whitespace do not matter. */
export function callSignature(tool: string, args: unknown): string {
  return `${tool}\u0000${typeof args === 'string' ? canonicalJson(args) : canonicalStringify(args)}`;
}

function isPingPong(actors: readonly string[]): boolean {
  const [a, b] = actors;
  if (a === undefined || b === undefined || a === b) return false;
  return actors.every((x, i) => x === (i % 2 === 0 ? a : b));
}
