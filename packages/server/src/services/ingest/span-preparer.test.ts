import { describe, expect, it } from 'vitest';
import {
  jsonTraceBody,
  protobufTraceBody,
  recordSpans,
} from '../../../test/support/otlp-bodies.js';
import { OtlpDecodeError } from '../../otlp/otlp-decode-error.js';
import { inlinePreparer, workerPreparer } from './span-preparer.js';

const MAX_ATTRIBUTE_BYTES = 64;

const spans = () =>
  recordSpans([
    {
      name: 'chat gpt-4o',
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.prompt': 'x'.repeat(200),
      },
      children: [{ name: 'retrieve' }],
    },
  ]);

describe('workerPreparer', () => {
  it('prepares protobuf and JSON bodies on worker threads exactly as inline', async () => {
    const workers = workerPreparer(MAX_ATTRIBUTE_BYTES, 2);
    const inline = inlinePreparer(MAX_ATTRIBUTE_BYTES);
    try {
      const recorded = spans();
      for (const [encoding, body] of [
        ['protobuf', protobufTraceBody(recorded)],
        ['json', jsonTraceBody(recorded)],
      ] as const) {
        const onWorker = await workers.prepare('default', encoding, body);
        expect(onWorker).toStrictEqual(await inline.prepare('default', encoding, body));
        expect(onWorker.spans).toHaveLength(2);
        expect(onWorker.truncated).toHaveLength(1);
      }
    } finally {
      await workers.close();
    }
  });

  it('leaves the caller its body: a pooled buffer slice is copied, not moved away', async () => {
    const workers = workerPreparer(MAX_ATTRIBUTE_BYTES, 1);
    try {
      const body = protobufTraceBody(spans());
      const before = Buffer.from(body);
      await workers.prepare('default', 'protobuf', body);
      expect(body.equals(before)).toBe(true);
    } finally {
      await workers.close();
    }
  });

  it('rejects a body that is not an export request with OtlpDecodeError naming the problem', async () => {
    const workers = workerPreparer(MAX_ATTRIBUTE_BYTES, 1);
    try {
      const bad = workers.prepare('default', 'protobuf', Buffer.from([0x0a, 0xff, 0xff, 0xff]));
      await expect(bad).rejects.toBeInstanceOf(OtlpDecodeError);
      await expect(bad).rejects.toThrow(/protobuf/);
      const notJson = workers.prepare('default', 'json', Buffer.from('{nope'));
      await expect(notJson).rejects.toThrow('body is not valid JSON');
    } finally {
      await workers.close();
    }
  });
});
