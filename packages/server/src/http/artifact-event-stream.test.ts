import { createMemoryStorage } from '@glassbox/store';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../create-server.js';
import type { GlassboxServer } from '../server-options.js';
import { resumeAfter, sseFrame } from './artifact-event-stream.js';

/** Reads an event stream until `count` events (not comments) have arrived. */
async function readEvents(
  response: Response,
  count: number,
): Promise<{ event: string; id: string; data: string }[]> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  const events = () =>
    text
      .split('\n\n')
      .slice(0, -1)
      .filter((block) => !block.startsWith(':'))
      .map((block) => {
        const field = (name: string) =>
          block
            .split('\n')
            .find((l) => l.startsWith(`${name}: `))
            ?.slice(name.length + 2) ?? '';
        return { event: field('event'), id: field('id'), data: field('data') };
      });
  while (events().length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  await reader.cancel();
  return events();
}

describe('label moves as Server-Sent Events', () => {
  let server: GlassboxServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  const put = (version: number, reason: string) =>
    fetch(`${server!.url}/api/artifacts/prompt/support/labels/production`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version, reason }),
    });

  it('opens with ready, pushes each move, and resumes after Last-Event-ID', async () => {
    server = await createServer({ storage: createMemoryStorage(), host: '127.0.0.1', port: 0 });
    for (let i = 0; i < 3; i++) {
      await fetch(`${server.url}/api/artifacts/prompt/support/versions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content: [{ role: 'system', content: `v${i + 1}` }] }),
      });
    }
    await put(1, 'launch');
    const live = await fetch(`${server.url}/api/artifact-events/stream`);
    expect(live.status).toBe(200);
    expect(live.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const pending = readEvents(live, 2);
    await new Promise((r) => setTimeout(r, 50));
    await put(2, 'next');
    const [ready, moved] = await pending;
    expect(ready).toMatchObject({ event: 'ready', id: '1' });
    expect(moved).toMatchObject({ event: 'artifact', id: '2' });
    expect(JSON.parse(moved!.data)).toMatchObject({
      type: 'label_moved',
      from: 1,
      to: 2,
      reason: 'next',
    });

    await put(3, 'again');
    const resumed = await fetch(`${server.url}/api/artifact-events/stream`, {
      headers: { 'last-event-id': '1' },
    });
    const replayed = await readEvents(resumed, 3);
    expect(replayed.map((e) => [e.event, e.id])).toEqual([
      ['ready', '1'],
      ['artifact', '2'],
      ['artifact', '3'],
    ]);
  });

  it('refuses a Last-Event-ID that is not a seq and an unknown parameter', async () => {
    server = await createServer({ storage: createMemoryStorage(), host: '127.0.0.1', port: 0 });
    const bad = await fetch(`${server.url}/api/artifact-events/stream`, {
      headers: { 'last-event-id': 'abc' },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(
      /Last-Event-ID/,
    );
    const unknown = await fetch(`${server.url}/api/artifact-events/stream?since=3`);
    expect(unknown.status).toBe(400);
  });

  it('frames events on single lines and prefers the header over the query', () => {
    expect(sseFrame('artifact', 7, { reason: 'a\nb' })).toBe(
      'id: 7\nevent: artifact\ndata: {"reason":"a\\nb"}\n\n',
    );
    expect(resumeAfter('12', 3)).toBe(12);
    expect(resumeAfter(undefined, 3)).toBe(3);
    expect(resumeAfter('', undefined)).toBeUndefined();
  });
});
