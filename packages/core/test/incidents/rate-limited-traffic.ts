import type { Incident } from '../../src/detect/incident.js';
import type { Span } from '../../src/model/span.js';
import { makeSpan } from '../corpus/span-factory.js';

/**
 * 300 one-span chat calls, 10 s apart from `t0`: 200 healthy, then 100 where every third one
 * is rate limited (an error with an empty answer). `versionsOf` gives each call's version
 * snapshot. The onset is `t0 + 200 * 10_000`.
 */
export function rateLimitedTraffic(
  t0: number,
  versionsOf: (i: number) => Record<string, string> = () => ({}),
): Span[] {
  return Array.from({ length: 300 }, (_, i) => {
    const fails = i >= 200 && i % 3 === 0;
    return makeSpan({
      projectId: 'default',
      traceId: (i + 1).toString(16).padStart(32, '0'),
      spanId: (i + 1).toString(16).padStart(16, '0'),
      name: 'chat',
      kind: 'llm',
      startMs: t0 + i * 10_000,
      durationMs: 400,
      status: fails ? 'error' : 'ok',
      ...(fails ? { statusMessage: '429 Too Many Requests: rate limit exceeded' } : {}),
      responseModel: 'gpt-4o-2024-08-06',
      inputMessages: [{ role: 'user', content: `question ${i}` }],
      outputMessages: [{ role: 'assistant', content: fails ? '' : `answer ${i}` }],
      usage: { input: 10, output: 5 },
      versions: versionsOf(i),
      scope: { name: 'test' },
    });
  });
}

/** The open incident over `rateLimitedTraffic(t0)`, from its onset for 990 s. */
export function rateLimitIncident(
  id: string,
  t0: number,
  timeline: Incident['timeline'] = [],
): Incident {
  const onset = t0 + 200 * 10_000;
  return {
    id,
    projectId: 'default',
    title: 'Error rate',
    severity: 'error',
    status: 'open',
    openedAtMs: onset,
    updatedAtMs: onset + 990_000,
    alertIds: [],
    timeline: [
      {
        atMs: onset,
        type: 'first_anomaly',
        message: 'first anomaly: error rate 33.3 % against 0 %',
      },
      ...timeline,
    ],
  };
}
