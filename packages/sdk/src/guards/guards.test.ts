import { describe, expect, it } from 'vitest';
import { BreakerRegistry, GuardError, LoopGuard, MemoryBudgetLedger } from '@glassbox/core/guards';
import { checkContextBudget, mapReduceDocument } from './context-budget.js';
import { guardStep, guardToolCall } from './guard-tool-call.js';
import { guardedModelCall } from './guarded-model-call.js';
import { idempotentTool } from './idempotent-tool.js';
import { withBudget } from './with-budget.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

describe('idempotentTool', () => {
  it('after a response-side timeout, the status check returns the booking instead of booking again', async () => {
    const bookings = new Map<string, string>();
    let executions = 0;
    const book = idempotentTool<{ room: string }, string>({
      name: 'book_room',
      timeoutMs: 30,
      run: async (args, { idempotencyKey }) => {
        executions += 1;
        bookings.set(idempotencyKey, `BK-${args.room}`);
        await sleep(100); // the booking happened; its answer arrives too late
        return `BK-${args.room}`;
      },
      statusCheck: (key) => Promise.resolve(bookings.get(key)),
    });
    expect(await book({ room: '12' }, 'k1')).toEqual({ result: 'BK-12', replayed: true });
    expect(await book({ room: '12' }, 'k1')).toEqual({ result: 'BK-12', replayed: true });
    expect(executions).toBe(1);
    await expect(book({ room: '13' }, 'k1')).rejects.toMatchObject({
      code: 'idempotency_payload_mismatch',
    });
  });

  it('a repeat while the first is in flight is refused; a lost request is retried once', async () => {
    let executions = 0;
    const slow = idempotentTool<number, number>({
      name: 'charge',
      timeoutMs: 1000,
      run: async (n) => {
        executions += 1;
        await sleep(50);
        return n;
      },
      statusCheck: () => Promise.resolve(undefined),
    });
    const first = slow(1, 'same');
    await expect(slow(1, 'same')).rejects.toMatchObject({ code: 'idempotency_in_flight' });
    expect((await first).result).toBe(1);
    expect(executions).toBe(1);

    let attempts = 0;
    const flaky = idempotentTool<number, number>({
      name: 'charge',
      timeoutMs: 20,
      run: async (n) => {
        attempts += 1;
        if (attempts === 1) await sleep(100);
        return n;
      },
      statusCheck: () => Promise.resolve(undefined),
    });
    expect(await flaky(7, 'x')).toEqual({ result: 7, replayed: false });
    expect(attempts).toBe(2);
  });
});

describe('guardToolCall', () => {
  it('answers the 3rd identical call without running it', async () => {
    const guard = new LoopGuard();
    let runs = 0;
    const call = () => guardToolCall(guard, 'search', { q: 'x' }, () => ++runs);
    await call();
    await call();
    expect(await call()).toContain('not executed: repeated call');
    expect(runs).toBe(2);
  });

  it('stops a run at its step limit with a GuardError', () => {
    const guard = new LoopGuard({ maxSteps: 1 });
    guardStep(guard, 'a');
    expect(() => guardStep(guard, 'a')).toThrow(GuardError);
  });
});

describe('guardedModelCall', () => {
  it('waits Retry-After on a 429, then succeeds', async () => {
    let calls = 0;
    const started = Date.now();
    const answer = await guardedModelCall(
      [
        {
          provider: 'p',
          model: 'm',
          maxAttempts: 2,
          call: () =>
            ++calls === 1
              ? Promise.reject(new HttpError(429, 'slow down', { 'retry-after-ms': '60' }))
              : Promise.resolve('ok'),
        },
      ],
      { breakers: new BreakerRegistry() },
    );
    expect(answer).toBe('ok');
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('never retries a context-length error, and fails over a persistent 503', async () => {
    let calls = 0;
    const tooLong = new HttpError(
      400,
      'maximum context length is 8192 tokens',
      {},
      'context_length_exceeded',
    );
    await expect(
      guardedModelCall(
        [
          {
            provider: 'p',
            model: 'm',
            maxAttempts: 3,
            call: () => (calls++, Promise.reject(tooLong)),
          },
        ],
        { breakers: new BreakerRegistry() },
      ),
    ).rejects.toBe(tooLong);
    expect(calls).toBe(1);

    const breakers = new BreakerRegistry();
    const answer = await guardedModelCall(
      [
        {
          provider: 'primary',
          model: 'm',
          maxAttempts: 2,
          call: () => Promise.reject(new HttpError(503, 'overloaded')),
        },
        {
          provider: 'backup',
          model: 'm',
          maxAttempts: 1,
          call: () => Promise.resolve('from backup'),
        },
      ],
      { breakers, backoff: { initialDelayMs: 1, maxDelayMs: 2 } },
    );
    expect(answer).toBe('from backup');
  });
});

describe('withBudget', () => {
  it('refuses a call that would pass the cap, naming the budget, without running it', async () => {
    const ledger = new MemoryBudgetLedger();
    const limits = [{ scope: 'session', id: 's1', period: 'total', maxUsd: 0.05 }] as const;
    const options = {
      ledger,
      limits,
      estimate: { usd: 0.03, tokens: 100 },
      actual: () => ({ usd: 0.03, tokens: 100 }),
    };
    await withBudget(options, () => Promise.resolve(1));
    let ran = false;
    await expect(withBudget(options, () => Promise.resolve((ran = true)))).rejects.toThrow(
      /Budget 'session:s1:total' exceeded/,
    );
    expect(ran).toBe(false);
  });
});

describe('context budget with gpt-tokenizer', () => {
  const document = 'The repair policy covers parts and labour for two years. '.repeat(2000);

  it('fails loudly with each part counted in the pinned encoding', async () => {
    await expect(
      checkContextBudget({
        model: 'gpt-4o',
        contextWindow: 8000,
        outputReserve: 500,
        fixed: { system: 'You answer questions.' },
        variable: { document },
      }),
    ).rejects.toThrow(/system=7 \+ document=2\d,\d{3} \+ output reserve 500 > 8,000 \(gpt-4o\)/);
  });

  it('map-reduces: every chunk fits and no text is lost', async () => {
    const seen: string[] = [];
    const { result, chunks } = await mapReduceDocument<string>({
      model: 'gpt-4o',
      contextWindow: 8000,
      outputReserve: 500,
      fixed: { system: 'Summarise.' },
      variable: { document },
      map: (chunk) => {
        seen.push(chunk);
        return Promise.resolve(String(chunk.length));
      },
      reduce: (parts) => Promise.resolve(parts.join('+')),
    });
    expect(chunks).toBeGreaterThan(2);
    expect(seen.join('')).toBe(document);
    expect(result.split('+')).toHaveLength(chunks);
  });
});
