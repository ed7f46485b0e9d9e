import { describe, expect, it } from 'vitest';
import type { CliContext } from './cli-context.js';
import { parseSizeFlag } from './size-flag.js';

const names = { flag: 'max-attribute-bytes', env: 'GLASSBOX_MAX_ATTRIBUTE_BYTES' };
const context = (env: Record<string, string> = {}) => ({ env }) as unknown as CliContext;

describe('parseSizeFlag', () => {
  it('reads bytes with optional binary and decimal units, flag before environment', () => {
    expect(parseSizeFlag('serve', names, '2048', context())).toBe(2048);
    expect(parseSizeFlag('serve', names, '512KiB', context())).toBe(512 * 1024);
    expect(parseSizeFlag('serve', names, '2 MB', context())).toBe(2_000_000);
    expect(
      parseSizeFlag('serve', names, undefined, context({ GLASSBOX_MAX_ATTRIBUTE_BYTES: '1MiB' })),
    ).toBe(1024 ** 2);
    expect(
      parseSizeFlag('serve', names, '10', context({ GLASSBOX_MAX_ATTRIBUTE_BYTES: '1MiB' })),
    ).toBe(10);
    expect(parseSizeFlag('serve', names, undefined, context())).toBeUndefined();
  });

  it('names the flag or variable and the expected form when the size is bad', () => {
    expect(() => parseSizeFlag('serve', names, '0', context())).toThrow(
      /invalid --max-attribute-bytes "0": expected a positive size/,
    );
    expect(() => parseSizeFlag('serve', names, '3 GB', context())).toThrow(/--max-attribute-bytes/);
    expect(() =>
      parseSizeFlag('serve', names, undefined, context({ GLASSBOX_MAX_ATTRIBUTE_BYTES: 'lots' })),
    ).toThrow(/invalid GLASSBOX_MAX_ATTRIBUTE_BYTES "lots"/);
  });
});
