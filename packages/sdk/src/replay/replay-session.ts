import type { Message } from '@glassbox/core/model';
import {
  modelInputKey,
  type RecordedModelCall,
  type RecordedToolCall,
  type ReplayRecording,
} from '@glassbox/core/replay';

/**
 * Verbs that make a tool a side effect when the app did not say (`book_repair`, `sendEmail`,
 * `refund-order`); tools named for reading (`check_booking_status`) run as usual.
 */
export const SIDE_EFFECT_VERBS = new Set([
  'book',
  'reserve',
  'pay',
  'charge',
  'refund',
  'transfer',
  'purchase',
  'order',
  'buy',
  'send',
  'email',
  'sms',
  'notify',
  'post',
  'cancel',
  'delete',
  'remove',
  'create',
  'update',
  'write',
  'submit',
  'schedule',
  'approve',
]);

/** Whether a tool's name starts with a side-effect verb. */
export function looksLikeSideEffect(name: string): boolean {
  const first = name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[\s_.:-]+/)
    .find(Boolean);
  return first !== undefined && SIDE_EFFECT_VERBS.has(first.toLowerCase());
}

/** What replay did instead of running a side-effecting tool. */
export interface SkippedTool {
  /** The original run's result for the same call, parsed when it is JSON. */
  result: unknown;
  /** Whether that result came from the recording (false: no recorded result existed). */
  recorded: boolean;
}

/**
 * A whole-run replay in progress (Laminar-style cached prefix): model calls are served from
 * the recording while the program asks exactly what the original run asked, in order; from
 * the first changed input on, every call goes live. Side-effecting tools never run: they
 * return the recorded result, or a "not executed in replay" result when there is none.
 *
 * @example
 * const session = new ReplaySession(recording);
 * session.serveModelCall(messages); // the recorded answer, or undefined: call the model
 */
export class ReplaySession {
  private next = 0;
  private diverged = false;
  private readonly usedTools = new Set<RecordedToolCall>();
  readonly counts = { served: 0, live: 0, toolsSkipped: 0 };

  constructor(readonly recording: ReplayRecording) {}

  /** The recorded answer for this call, while the run still follows the recording. */
  serveModelCall(messages: readonly Message[]): RecordedModelCall | undefined {
    const recorded = this.diverged ? undefined : this.recording.modelCalls[this.next];
    if (recorded && recorded.inputKey === modelInputKey(messages)) {
      this.next++;
      this.counts.served++;
      return recorded;
    }
    this.diverged = true;
    this.counts.live++;
    return undefined;
  }

  /** Leaves the recording (a call it cannot serve): the rest is live. */
  goLive(): void {
    this.diverged = true;
    this.counts.live++;
  }

  /** Whether the first changed input has been seen (every later call is live). */
  get live(): boolean {
    return this.diverged;
  }

  /** Whether a tool call must not run in replay. */
  blocksTool(name: string, sideEffect: boolean | undefined): boolean {
    return sideEffect ?? looksLikeSideEffect(name);
  }

  /** Stands in for a side-effecting tool: the recorded result of the same call, if any. */
  skipTool(name: string, args: string | undefined): SkippedTool {
    this.counts.toolsSkipped++;
    const candidates = this.recording.toolCalls.filter(
      (t) => !this.usedTools.has(t) && t.name === name,
    );
    // Only the same call's result stands in: another booking's answer would mislead the run.
    const match = args === undefined ? candidates[0] : candidates.find((t) => t.arguments === args);
    if (match?.result !== undefined) {
      this.usedTools.add(match);
      return { result: parseMaybeJson(match.result), recorded: true };
    }
    return {
      recorded: false,
      result: {
        status: 'not executed in replay',
        message: `${name} has side effects, so replay does not run it, and the original run recorded no result for a call with these arguments`,
      },
    };
  }
}

function parseMaybeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
