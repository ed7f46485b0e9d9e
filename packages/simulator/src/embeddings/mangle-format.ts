import type { EmbeddingFormatChange } from '../config/simulator-config.js';

const BOILERPLATE =
  'Skip to main content | Home | Products | Pricing | Sign in | Accept all cookies | We use cookies to improve your experience | Subscribe to our newsletter | © All rights reserved | Privacy | Terms';

/**
 * What an upstream format change does to a text before it is embedded: wrapped in page
 * markup and boilerplate, or with its whitespace mangled (words run together).
 *
 * @example mangleFormat('refund policy', 'whitespace') // 'refundpolicy'
 */
export function mangleFormat(text: string, change: EmbeddingFormatChange): string {
  switch (change) {
    case 'markup':
      return `<html><head><title>Document</title></head><body><nav>${BOILERPLATE}</nav><div class="content"><p>${text}</p></div><footer>${BOILERPLATE}</footer></body></html>`;
    case 'whitespace':
      return text
        .split(/\s+/)
        .reduce((out, word, i) => out + (i % 3 === 0 ? ' ' : '') + word, '')
        .trim();
    default:
      return text;
  }
}
