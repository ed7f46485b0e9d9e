import { describe, expect, it } from 'vitest';
import { ArtifactError } from './artifact-error.js';
import { checkArtifactKind, checkArtifactName } from './artifact-kind.js';
import { checkVersionInput, versionLabel } from './artifact-version.js';
import { checkLabelMove, checkRevoke, resolveLabel } from './label-rules.js';

const versions = [{ version: 1 }, { version: 2, revokedAtMs: 5 }, { version: 3 }];

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ArtifactError) return error.code;
    throw error;
  }
  return undefined;
};

describe('artifact kinds and names', () => {
  it('accepts the four kinds and refuses others, listing them', () => {
    expect(checkArtifactKind('tools')).toBe('tools');
    expect(() => checkArtifactKind('dataset')).toThrow(
      'expected one of prompt, agent, model, tools',
    );
  });
  it('refuses empty, oddly-charactered and overlong names', () => {
    expect(checkArtifactName('support.answer-v2', 'name')).toBe('support.answer-v2');
    for (const bad of ['', '-x', 'a b', 'a/b', 'x'.repeat(129), 'é']) {
      expect(codeOf(() => checkArtifactName(bad, 'name'))).toBe('invalid_name');
    }
  });
});

describe('version content and hash', () => {
  it('hashes canonical content: key order does not matter, content and config do', () => {
    const a = checkVersionInput('model', {
      content: { model: 'gpt-4o', seed: 1 },
      config: { t: 0 },
    });
    const b = checkVersionInput('model', {
      content: { seed: 1, model: 'gpt-4o' },
      config: { t: 0 },
    });
    const c = checkVersionInput('model', {
      content: { model: 'gpt-4o', seed: 1 },
      config: { t: 1 },
    });
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).toBe(b.hash);
    expect(a.hash).not.toBe(c.hash);
  });
  it('checks content per kind', () => {
    expect(codeOf(() => checkVersionInput('model', { content: { name: 'x' } }))).toBe(
      'invalid_content',
    );
    expect(codeOf(() => checkVersionInput('tools', { content: [1] }))).toBe('invalid_content');
    expect(codeOf(() => checkVersionInput('agent', { content: null }))).toBe('invalid_content');
    expect(codeOf(() => checkVersionInput('prompt', { content: [{ role: 'user' }] }))).toBe(
      'invalid_content',
    );
    expect(codeOf(() => checkVersionInput('prompt', { content: 'x', config: [] as never }))).toBe(
      'invalid_content',
    );
    expect(checkVersionInput('tools', { content: [{ type: 'function' }] }).config).toEqual({});
  });
  it('labels a version name@vN for the span version snapshot', () => {
    expect(versionLabel('support', 3)).toBe('support@v3');
  });
});

describe('label rules', () => {
  it('moves a label only to an existing, unrevoked version', () => {
    expect(() => checkLabelMove('production', 3, versions)).not.toThrow();
    expect(() => checkLabelMove('production', 9, versions)).toThrow(
      'version 9 does not exist; versions: 1, 2, 3',
    );
    expect(codeOf(() => checkLabelMove('production', 2, versions))).toBe('revoked_version');
    expect(codeOf(() => checkLabelMove('latest', 1, versions))).toBe('invalid_name');
    expect(codeOf(() => checkLabelMove('bad label', 1, versions))).toBe('invalid_name');
  });
  it('resolves labels, latest as the newest unrevoked version, unknown ones naming the rest', () => {
    expect(resolveLabel('production', { production: 1 }, versions)).toBe(1);
    expect(resolveLabel('latest', {}, versions)).toBe(3);
    expect(resolveLabel('latest', {}, [{ version: 1 }, { version: 2, revokedAtMs: 1 }])).toBe(1);
    expect(() => resolveLabel('staging', { production: 1 }, versions)).toThrow(
      'label "staging" does not exist; labels: production, latest',
    );
    expect(() => resolveLabel('latest', {}, [])).toThrow('labels: none');
  });
  it('revokes only an unlabelled version', () => {
    expect(() => checkRevoke(3, { production: 1 }, versions)).not.toThrow();
    expect(() => checkRevoke(1, { production: 1, staging: 1 }, versions)).toThrow(
      'version 1 is the target of "production", "staging"; move those labels first',
    );
    expect(codeOf(() => checkRevoke(7, {}, versions))).toBe('unknown_version');
  });
});
