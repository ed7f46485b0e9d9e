import { readFileSync, writeFileSync } from 'node:fs';
import { DEFAULT_THRESHOLDS, FAILURE_CATEGORIES } from '@glassbox/core/classify';
import { describe, expect, it } from 'vitest';
import { renderFailureCategoriesDoc } from './render-failure-categories-doc.js';

const DOC = new URL('../../../../docs/failure-categories.md', import.meta.url);

describe('docs/failure-categories.md', () => {
  if (process.env.GLASSBOX_WRITE_DOCS === '1') writeFileSync(DOC, renderFailureCategoriesDoc());
  const doc = readFileSync(DOC, 'utf8');

  it('lists every category with its layer, and every threshold with its default', () => {
    for (const [category, info] of Object.entries(FAILURE_CATEGORIES)) {
      expect(doc).toContain(`| \`${category}\` | ${info.layer} |`);
    }
    for (const [key, value] of Object.entries(DEFAULT_THRESHOLDS)) {
      const shown = typeof value === 'number' ? String(value) : JSON.stringify(value);
      expect(doc).toContain(`| \`${key}\` | ${shown} |`);
    }
  });

  it('is exactly what the generator renders (regenerate with GLASSBOX_WRITE_DOCS=1)', () => {
    expect(doc).toBe(renderFailureCategoriesDoc());
  });
});
