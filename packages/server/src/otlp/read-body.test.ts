import { Readable } from 'node:stream';
import { deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BodyReadError, readBody } from './read-body.js';

const streamOf = (...chunks: Buffer[]) => Readable.from(chunks);

describe('readBody', () => {
  const text = Buffer.from('{"resourceSpans":[]}'.repeat(50));

  it.each([
    ['identity', undefined, text],
    ['explicit identity', 'identity', text],
    ['gzip', 'gzip', gzipSync(text)],
    ['GZIP uppercase', 'GZIP', gzipSync(text)],
    ['deflate', 'deflate', deflateSync(text)],
  ])('reads a %s body', async (_label, encoding, body) => {
    expect(await readBody(streamOf(body), encoding, 1 << 20)).toEqual(text);
  });

  it('refuses a raw body over the limit', async () => {
    const error = await readBody(
      streamOf(Buffer.alloc(600), Buffer.alloc(600)),
      undefined,
      1000,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BodyReadError);
    expect(error).toMatchObject({ reason: 'too_large' });
  });

  it('stops a gzip bomb once the decompressed size passes the limit', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100_000);
    const error = await readBody(streamOf(bomb), 'gzip', 1024 * 1024).catch((e: unknown) => e);
    expect(error).toMatchObject({
      reason: 'too_large',
      message: expect.stringMatching(/1048576 bytes/),
    });
  });

  it('reports corrupt gzip', async () => {
    const error = await readBody(streamOf(Buffer.from('not gzip at all')), 'gzip', 1000).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      reason: 'corrupt',
      message: expect.stringMatching(/decompressed/),
    });
  });

  it('refuses an unknown Content-Encoding by name', async () => {
    const error = await readBody(streamOf(text), 'br', 1 << 20).catch((e: unknown) => e);
    expect(error).toMatchObject({
      reason: 'unsupported_encoding',
      message: expect.stringMatching(/"br"/),
    });
  });
});
