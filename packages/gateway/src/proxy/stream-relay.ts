import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AttemptFailure } from '@glassbox/core/guards';
import { SseParser } from '../upstream/sse-parser.js';
import type { UpstreamAbort } from '../upstream/send-upstream.js';
import { responseHeaders } from './response-headers.js';

/** How an attempt's chunks join what the client already has. */
export type RelayMode =
  /** Nothing sent yet: forward everything. */
  | 'fresh'
  /** The request carried the sent text as an assistant prefill: forward the continuation. */
  | 'continue'
  /** A full re-issue: skip the text the client already has, fail if the new answer differs. */
  | 'dedupe';

export interface TokenUsageWire {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number };
}

export type RelayOutcome =
  | {
      ok: true;
      finishReason: string;
      model: string | null;
      usage: TokenUsageWire | null;
      doneMarker: boolean;
    }
  | { ok: false; failure: AttemptFailure; usage: TokenUsageWire | null; model: string | null };

export interface RelayTimeouts {
  firstTokenMs: number;
  idleMs: number;
}

/**
 * Relays OpenAI chat streams from one or more upstream attempts into one client answer.
 * Headers and the role chunk are held back until the first content, so a failure before
 * it is invisible; after it, later attempts continue (prefill) or are de-duplicated
 * against what was sent. It never ends a broken answer with `[DONE]`: `fail` sends an error
 * event instead, so no client can take a truncated stream for a success.
 *
 * @example
 * const relay = new StreamRelay(res, { forwardUsage: false });
 * const outcome = await relay.relay(upstream, 'fresh', timeouts, abort);
 */
export class StreamRelay {
  /** Content of choice 0 the client has received. */
  sent = '';
  /** Tool-call or multi-choice deltas went out: such an answer cannot be continued. */
  unrecoverable = false;
  private started = false;
  private held: string[] = [];

  constructor(
    private readonly res: ServerResponse,
    private readonly options: { forwardUsage: boolean; extraHeaders: Record<string, string> },
  ) {}

  get clientHasContent(): boolean {
    return this.started;
  }

  relay(
    upstream: IncomingMessage,
    mode: RelayMode,
    timeouts: RelayTimeouts,
    abort: UpstreamAbort,
  ): Promise<RelayOutcome> {
    const parser = new SseParser();
    let substantive = false;
    let finishReason: string | null = null;
    let usage: TokenUsageWire | null = null;
    let model: string | null = null;
    let fresh = '';
    let caughtUp = false;
    let settled = false;
    return new Promise<RelayOutcome>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (outcome: RelayOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (!outcome.ok) abort.abort();
        resolve(outcome);
      };
      const fail = (kind: AttemptFailure['kind'], message: string) =>
        finish({ ok: false, failure: { kind, retryAfterMs: null, message }, usage, model });
      const arm = () => {
        clearTimeout(timer);
        timer = substantive
          ? setTimeout(
              () => fail('stream_stall', `no chunk for ${timeouts.idleMs} ms mid-answer`),
              timeouts.idleMs,
            )
          : setTimeout(
              () =>
                fail('first_token_timeout', `no first token within ${timeouts.firstTokenMs} ms`),
              timeouts.firstTokenMs,
            );
      };
      arm();
      const complete = (doneMarker: boolean) => {
        if (finishReason === null)
          return fail(
            'stream_cut',
            doneMarker
              ? '[DONE] before any finish_reason'
              : 'stream ended before finish_reason and [DONE]',
          );
        finish({ ok: true, finishReason, model, usage, doneMarker });
      };
      upstream.on('data', (bytes: Buffer) => {
        if (settled) return;
        arm();
        for (const event of parser.feed(bytes)) {
          if (settled) return;
          if (event.kind === 'done') return complete(true);
          if (event.kind === 'malformed')
            return fail('malformed_stream', `unparseable chunk: ${event.raw.slice(0, 80)}`);
          const chunk = event.value;
          if (typeof chunk.model === 'string') model = chunk.model;
          if (chunk.usage) usage = chunk.usage as TokenUsageWire;
          const choices = Array.isArray(chunk.choices)
            ? (chunk.choices as Record<string, unknown>[])
            : [];
          if (choices.length === 0) {
            if (this.options.forwardUsage) this.write(event.raw);
            continue;
          }
          if (choices.length > 1 || choices[0]!.index !== 0) this.unrecoverable = true;
          const choice = choices[0]!;
          const delta = (choice.delta ?? {}) as Record<string, unknown>;
          if (typeof choice.finish_reason === 'string') finishReason = choice.finish_reason;
          if (delta.tool_calls !== undefined) this.unrecoverable = true;
          const content = typeof delta.content === 'string' ? delta.content : '';
          const meaningful =
            content !== '' ||
            delta.tool_calls !== undefined ||
            delta.refusal ||
            finishReason !== null;
          if (!meaningful) {
            if (mode === 'fresh' && !this.started) this.held.push(event.raw);
            continue;
          }
          substantive = true;
          if (mode === 'dedupe' && !caughtUp && content === '' && finishReason !== null) {
            if (fresh !== this.sent)
              return fail(
                'stream_cut',
                'the re-issued answer is shorter than the part already sent',
              );
            caughtUp = true;
          }
          if (mode === 'dedupe' && !caughtUp && content !== '') {
            const before = fresh.length;
            fresh += content;
            const already = this.sent.length;
            if (fresh.length <= already) {
              if (!this.sent.startsWith(fresh))
                return fail(
                  'stream_cut',
                  'the re-issued answer differs from the part already sent',
                );
              continue;
            }
            if (!fresh.startsWith(this.sent))
              return fail('stream_cut', 'the re-issued answer differs from the part already sent');
            caughtUp = true;
            const tail = content.slice(Math.max(0, already - before));
            this.forward(withContent(chunk, tail), tail);
            continue;
          }
          this.forward(event.raw, content);
        }
      });
      upstream.on('end', () => complete(false));
      upstream.on('aborted', () => complete(false));
      upstream.on('error', () => complete(false));
      upstream.on('close', () => complete(false));
    });
  }

  /** Ends a successful answer. */
  done(): void {
    this.ensureStarted();
    this.res.end('data: [DONE]\n\n');
  }

  /**
   * Ends a broken answer that could not be recovered: an error event and no `[DONE]`
   * (the OpenAI clients raise it as an APIError).
   */
  fail(status: number, code: string, message: string): void {
    if (!this.started && !this.res.headersSent) {
      const body = JSON.stringify({
        error: { message, type: 'glassbox_gateway_error', code, param: null },
      });
      this.res.writeHead(status, {
        ...this.options.extraHeaders,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
      this.res.end(body);
      return;
    }
    this.res.end(
      `data: ${JSON.stringify({ error: { message, type: 'glassbox_gateway_error', code, param: null } })}\n\n`,
    );
  }

  /** Status and headers of the upstream that produced the first content. */
  private upstreamHeaders: IncomingMessage['headers'] = {};
  setUpstreamHeaders(headers: IncomingMessage['headers']): void {
    if (!this.started) this.upstreamHeaders = headers;
  }

  private forward(raw: string, content: string): void {
    this.ensureStarted();
    this.sent += content;
    this.write(raw);
  }

  private ensureStarted(): void {
    if (this.started) return;
    this.started = true;
    this.res.writeHead(200, {
      ...responseHeaders(this.upstreamHeaders),
      ...this.options.extraHeaders,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
    });
    for (const raw of this.held) this.write(raw);
    this.held = [];
  }

  private write(raw: string): void {
    if (!this.started) return;
    this.res.write(`data: ${raw}\n\n`);
  }
}

function withContent(chunk: Record<string, unknown>, content: string): string {
  const choices = (chunk.choices as Record<string, unknown>[]).map((c, i) =>
    i === 0 ? { ...c, delta: { ...(c.delta as Record<string, unknown>), content } } : c,
  );
  return JSON.stringify({ ...chunk, choices });
}
