import type { Alert, Incident } from '@glassbox/core/detect';
import { describe, expect, it } from 'vitest';
import type { DemoOutcome } from './demo-outcome.js';
import { renderOutcomes } from './render-outcomes.js';

const incident = { id: 'inc 1' } as Incident;
const alert = (title: string, change: boolean) => ({ title, change }) as Alert;

describe('renderOutcomes', () => {
  it('lists each scenario with its incident URL, first alert, delay and layers', () => {
    const outcomes: DemoOutcome[] = [
      {
        scenario: 'prompt-drift',
        incident,
        firstAlert: alert('Rate of ungrounded answer', false),
        changeAlert: alert('New model', true),
        delayRequests: 20,
        topLayer: 'generation',
        labelledLayer: 'generation',
        falseAlarms: 0,
      },
      { scenario: 'cost-spike', labelledLayer: 'generation', falseAlarms: 1 },
    ];
    const text = renderOutcomes(outcomes, 'http://127.0.0.1:4318');
    expect(text).toContain(
      'Detection: 1 of 2 scenarios opened an incident; 1 incident(s) opened on healthy traffic.',
    );
    const lines = text.split('\n');
    const drift = lines.find((l) => l.startsWith('prompt-drift'))!;
    expect(drift).toContain('http://127.0.0.1:4318/incidents/inc%201');
    expect(drift).toContain('Rate of ungrounded answer + change');
    expect(drift).toContain('20 req');
    expect(drift).toContain('generation (generation)');
    expect(lines.find((l) => l.startsWith('cost-spike'))).toMatch(
      /none opened\s+—\s+—\s+— \(generation\)/,
    );
  });
});
