import { describe, expect, it } from 'vitest';
import { seededRandom } from '../util/seeded-random.js';
import { generateFromSchema } from './generate-from-schema.js';

const bookRepair = {
  type: 'object',
  properties: {
    workshop: { type: 'string', description: 'Workshop name' },
    date: { type: 'string', description: 'Date, YYYY-MM-DD' },
    time: { type: 'string', description: 'Time, HH:MM' },
  },
  required: ['workshop', 'date', 'time'],
};

describe('generateFromSchema', () => {
  it('fills tool arguments the way a model reads the request', () => {
    const args = generateFromSchema(bookRepair, {
      text: 'Book repair for my e-bike brakes at the Harbour workshop on 2024-06-15 at 14:30.',
      rng: seededRandom(1, 'args'),
    });
    expect(args).toEqual({ workshop: 'Harbour workshop', date: '2024-06-15', time: '14:30' });
  });

  it('falls back to plausible values when the request does not say', () => {
    const args = generateFromSchema(bookRepair, {
      text: 'I want to get my bike fixed soon',
      rng: seededRandom(1, 'args'),
    }) as Record<string, string>;
    expect(args.time).toMatch(/^\d{2}:\d{2}$/);
    expect(args.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(args.workshop).toMatch(/\S/);
  });
});
