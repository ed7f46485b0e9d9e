import { describe, expect, it } from 'vitest';
import { malformedText } from './malformed-text.js';

describe('malformedText', () => {
  it('spots words run together and markup left in by a text-extraction step', () => {
    expect(
      malformedText(
        'Acceptedpaymentmethods. BrightpathacceptsVisa, Mastercard,American Express, Apple Payand Google Pay.',
      ),
    ).toBe('words run together');
    expect(malformedText('<div class="content"><p>Refund policy</p></div>')).toBe(
      'markup left in the text',
    );
  });

  it('passes ordinary prose, long compound words and short labels', () => {
    expect(
      malformedText(
        'Accepted payment methods. Brightpath accepts Visa, Mastercard, American Express and Apple Pay.',
      ),
    ).toBeUndefined();
    expect(
      malformedText('Internationalization and telecommunications are long words, but rare ones.'),
    ).toBeUndefined();
    expect(malformedText('SKU-12 iPhone')).toBeUndefined();
  });
});
