export { normalizeSpan } from './normalize-span.js';
export { checkOtlpSpan } from './check-otlp-span.js';
export type { NormalizeContext } from './normalize-context.js';
