import type { Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';

/** Why a body could not be read. */
export class BodyReadError extends Error {
  override readonly name = 'BodyReadError';
  constructor(
    readonly reason: 'too_large' | 'unsupported_encoding' | 'corrupt',
    message: string,
  ) {
    super(message);
  }
}

function decoderFor(contentEncoding: string | undefined) {
  const encoding = (contentEncoding ?? 'identity').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return undefined;
  if (encoding === 'gzip' || encoding === 'x-gzip') return createGunzip();
  if (encoding === 'deflate') return createInflate();
  throw new BodyReadError(
    'unsupported_encoding',
    `Content-Encoding "${contentEncoding}" is not supported (use gzip, deflate or identity)`,
  );
}

/**
 * Reads a request body, decompressing gzip or deflate as it streams, and stops as soon as
 * either the bytes received or the bytes decompressed pass `maxBytes` (so a compression
 * bomb costs at most `maxBytes` of memory).
 *
 * @example
 * const body = await readBody(request.raw, request.headers['content-encoding'], 64 << 20);
 */
export function readBody(
  payload: Readable,
  contentEncoding: string | undefined,
  maxBytes: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let decoder: ReturnType<typeof decoderFor>;
    try {
      decoder = decoderFor(contentEncoding);
    } catch (error) {
      payload.resume();
      reject(error);
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let decoded = 0;
    let settled = false;
    const fail = (error: BodyReadError) => {
      if (settled) return;
      settled = true;
      decoder?.destroy();
      payload.unpipe();
      payload.resume();
      reject(error);
    };
    const tooLarge = () =>
      new BodyReadError('too_large', `request body exceeds the limit of ${maxBytes} bytes`);

    payload.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) fail(tooLarge());
    });
    payload.on('error', (error) => fail(new BodyReadError('corrupt', error.message)));
    const output = decoder ?? payload;
    output.on('data', (chunk: Buffer) => {
      if (settled) return;
      decoded += chunk.length;
      if (decoded > maxBytes) return fail(tooLarge());
      chunks.push(chunk);
    });
    output.on('error', (error: Error) =>
      fail(new BodyReadError('corrupt', `body could not be decompressed: ${error.message}`)),
    );
    output.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks, decoded));
    });
    if (decoder) payload.pipe(decoder);
  });
}
