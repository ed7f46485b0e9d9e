import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError } from './cli-error.js';
import { resolveDetectionFlags } from './detection-flags.js';
import { captureContext } from '../test/support/capture-context.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'glassbox-detect-flags-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const contextWith = (env: Record<string, string> = {}) => {
  const { context } = captureContext({ env });
  return { ...context, cwd: dir };
};

describe('resolveDetectionFlags', () => {
  it('leaves every default in place without flags', () => {
    expect(resolveDetectionFlags('serve', {}, contextWith())).toEqual({});
  });

  it('reads the interval from the flag before the environment, and "off" disables', () => {
    const env = { GLASSBOX_DETECT_INTERVAL: '1m' };
    expect(resolveDetectionFlags('serve', {}, contextWith(env)).intervalMs).toBe(60_000);
    expect(
      resolveDetectionFlags('serve', { 'detect-interval': '250ms' }, contextWith(env)).intervalMs,
    ).toBe(250);
    expect(resolveDetectionFlags('serve', { 'detect-interval': 'off' }, contextWith())).toEqual({
      enabled: false,
    });
  });

  it('names the bad interval and where it came from', () => {
    expect(() =>
      resolveDetectionFlags('serve', {}, contextWith({ GLASSBOX_DETECT_INTERVAL: 'soon' })),
    ).toThrow(/invalid GLASSBOX_DETECT_INTERVAL "soon"/);
  });

  it('resolves the monitors file against the working directory and refuses a missing one', () => {
    writeFileSync(join(dir, 'monitors.yaml'), 'monitors: []\n');
    expect(
      resolveDetectionFlags('serve', { monitors: 'monitors.yaml' }, contextWith()).monitorsFile,
    ).toBe(join(dir, 'monitors.yaml'));
    expect(() => resolveDetectionFlags('serve', { monitors: 'nope.yaml' }, contextWith())).toThrow(
      CliError,
    );
  });

  it('collects webhook and Slack targets and refuses non-HTTP URLs', () => {
    const options = resolveDetectionFlags(
      'serve',
      { webhook: ['http://127.0.0.1:9/hook'], 'slack-webhook': ['https://hooks.example/x'] },
      contextWith(),
    );
    expect(options.notify).toEqual([
      { type: 'webhook', url: 'http://127.0.0.1:9/hook' },
      { type: 'slack', url: 'https://hooks.example/x' },
    ]);
    expect(() => resolveDetectionFlags('serve', { webhook: ['ftp://x'] }, contextWith())).toThrow(
      /invalid --webhook "ftp:\/\/x"/,
    );
  });
});
