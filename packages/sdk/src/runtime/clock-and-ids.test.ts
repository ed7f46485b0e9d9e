import { hrTimeToMilliseconds } from '@opentelemetry/core';
import { afterEach, describe, expect, it } from 'vitest';
import { trace } from '../helpers/trace.js';
import { traceToolCall } from '../helpers/trace-tool-call.js';
import { memorySdk, type MemorySdk } from '../../test/support/memory-sdk.js';

let sdk: MemorySdk | undefined;
afterEach(async () => {
  await sdk?.handle.shutdown();
  sdk = undefined;
});

describe('init clock and idGenerator', () => {
  it('stamps span start and end with the given clock', async () => {
    let now = Date.UTC(2024, 0, 1, 9, 0, 0);
    sdk = memorySdk({ clock: () => now });
    await trace('outer', async () => {
      now += 1000;
      await traceToolCall({ name: 'lookup' }, () => {
        now += 250;
        return 'ok';
      });
      now += 500;
    });
    const outer = await sdk.span('outer');
    const tool = await sdk.span('execute_tool lookup');
    expect(hrTimeToMilliseconds(outer.startTime)).toBe(Date.UTC(2024, 0, 1, 9, 0, 0));
    expect(hrTimeToMilliseconds(outer.endTime)).toBe(Date.UTC(2024, 0, 1, 9, 0, 1, 750));
    expect(hrTimeToMilliseconds(tool.startTime)).toBe(Date.UTC(2024, 0, 1, 9, 0, 1));
    expect(hrTimeToMilliseconds(tool.duration)).toBe(250);
  });

  it('uses the given id generator for trace and span ids', async () => {
    let n = 0;
    sdk = memorySdk({
      idGenerator: {
        generateTraceId: () => (++n).toString(16).padStart(32, '0'),
        generateSpanId: () => (++n).toString(16).padStart(16, '0'),
      },
    });
    trace('root', () => 'done');
    const root = await sdk.span('root');
    expect(root.spanContext().spanId).toBe('1'.padStart(16, '0'));
    expect(root.spanContext().traceId).toBe('2'.padStart(32, '0'));
  });

  it('keeps the OpenTelemetry clock when none is given', async () => {
    sdk = memorySdk();
    const before = Date.now();
    trace('root', () => 'done');
    const root = await sdk.span('root');
    expect(hrTimeToMilliseconds(root.startTime)).toBeGreaterThanOrEqual(before - 1);
  });
});
