import type { AttributeValue } from '@glassbox/core/model';
import { TRUNCATED_ATTRIBUTES_KEY } from '@glassbox/core/normalize';

/** Strings longer than this are previewed in the JSON view and rendered whole only on request. */
export const INLINE_VALUE_CHARS = 10_000;
export const PREVIEW_CHARS = 2_000;

/** A long string value kept out of the first render, with where it sits in the JSON. */
export interface LargeValue {
  path: string;
  text: string;
}

/** A value the server stored cut, with its size before the cut. */
export interface TruncationNote {
  where: string;
  originalBytes: number;
}

/**
 * The raw span data as pretty JSON with every long string replaced by a preview, plus those
 * strings, so a 1 MB prompt costs nothing until someone asks to see it.
 *
 * @example
 * attributesView({ attributes: { 'input.value': 'x'.repeat(20_000) } }).large[0].path
 * // 'attributes["input.value"]'
 */
export function attributesView(raw: Record<string, unknown>): {
  json: string;
  large: LargeValue[];
} {
  const large: LargeValue[] = [];
  const preview = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') {
      if (value.length <= INLINE_VALUE_CHARS) return value;
      large.push({ path, text: value });
      return `${value.slice(0, PREVIEW_CHARS)}… [${formatBytes(value.length)} value: open it under Large values below]`;
    }
    if (Array.isArray(value)) return value.map((item, i) => preview(item, `${path}[${i}]`));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [
          key,
          preview(item, `${path}[${JSON.stringify(key)}]`),
        ]),
      );
    }
    return value;
  };
  const shown = Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [key, preview(value, key)]),
  );
  return { json: JSON.stringify(shown, null, 2), large };
}

/** The values the server cut to its attribute size limit, from the span's own record of them. */
export function truncationNotes(attributes: Record<string, AttributeValue>): TruncationNote[] {
  const listed = attributes[TRUNCATED_ATTRIBUTES_KEY];
  if (listed === null || typeof listed !== 'object' || Array.isArray(listed)) return [];
  return Object.entries(listed).flatMap(([where, size]) =>
    typeof size === 'number' ? [{ where, originalBytes: size }] : [],
  );
}

/** 41943040 -> '40 MB', 1536 -> '1.5 KB' (binary multiples, the way disks and editors show them). */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${bytes} bytes`;
  const digits = value >= 10 || Number.isInteger(value) ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}
