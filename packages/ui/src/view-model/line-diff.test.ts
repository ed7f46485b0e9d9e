import { describe, expect, it } from 'vitest';
import { sideBySideDiff, versionText } from './line-diff.js';

describe('sideBySideDiff', () => {
  it('keeps common lines and pairs a removed run with the added run after it', () => {
    const rows = sideBySideDiff(
      '[system]\nBe brief.\n[user]\n{{q}}',
      '[system]\nBe thorough.\nCite sources.\n[user]\n{{q}}',
    );
    expect(rows.map((r) => r.kind)).toEqual(['same', 'changed', 'added', 'same', 'same']);
    expect(rows[1]).toEqual({
      kind: 'changed',
      left: { n: 2, text: 'Be brief.' },
      right: { n: 2, text: 'Be thorough.' },
    });
    expect(rows[2]).toEqual({ kind: 'added', right: { n: 3, text: 'Cite sources.' } });
    expect(rows[4]).toMatchObject({ left: { n: 4 }, right: { n: 5 } });
  });

  it('shows identical texts as all same and an emptied text as removed lines', () => {
    expect(sideBySideDiff('a\nb', 'a\nb').every((r) => r.kind === 'same')).toBe(true);
    const gone = sideBySideDiff('a\nb', '');
    expect(gone.map((r) => r.kind)).toEqual(['changed', 'removed']);
  });

  it('still diffs texts too large for the table, line by line', () => {
    const big = Array.from({ length: 3000 }, (_, i) => `line ${i}`).join('\n');
    const rows = sideBySideDiff(big, big.replace('line 10\n', 'line ten\n'));
    expect(rows.filter((r) => r.kind !== 'same')).toEqual([
      { kind: 'changed', left: { n: 11, text: 'line 10' }, right: { n: 11, text: 'line ten' } },
    ]);
  });
});

describe('versionText', () => {
  it('shows prompt messages under role headers, then the config', () => {
    expect(
      versionText({
        content: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: '{{q}}' },
        ],
        config: { temperature: 0 },
      }),
    ).toBe('[system]\nBe brief.\n[user]\n{{q}}\n[config]\n{\n  "temperature": 0\n}');
  });

  it('shows other content as indented JSON', () => {
    expect(versionText({ content: { model: 'gpt-4o' }, config: {} })).toBe(
      '{\n  "model": "gpt-4o"\n}',
    );
  });
});
