import { describe, expect, it } from 'vitest';
import { rewordItems } from './reword-items.js';

describe('rewordItems', () => {
  it('rewords each item the same way every time, rounding decimals', () => {
    const prompt =
      'Edit this postmortem.\n<Item id="summary">rate 12.5 % of 40</Item>\n<Item id="timeline-0">prompt "v7" → "v8"</Item>';
    expect(rewordItems(prompt)).toBe(
      '<Item id="summary">Rate about 13 % of 40.</Item>\n<Item id="timeline-0">Prompt "v7" changed to "v8".</Item>',
    );
  });

  it('leaves other prompts alone', () => {
    expect(rewordItems('<Item id="a">x</Item>')).toBeUndefined();
    expect(rewordItems('Summarize this postmortem.')).toBeUndefined();
  });
});
