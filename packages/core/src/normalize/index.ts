export { normalizeSpan } from './normalize-span.js';
export { checkOtlpSpan, isOtlpSpanId, isOtlpTraceId } from './check-otlp-span.js';
export { extractEventMessages } from './event-messages.js';
export type { EventMessages } from './event-messages.js';
export { rebuildIndexed } from './rebuild-indexed.js';
export { normalizeProvider } from './provider-name.js';
export { DEFAULT_SESSION_ID_KEYS, DEFAULT_USER_ID_KEYS } from './normalize-context.js';
export type { NormalizeContext } from './normalize-context.js';
export {
  capLogRecordValues,
  capSpanAttributeValues,
  DEFAULT_MAX_ATTRIBUTE_BYTES,
  TRUNCATED_ATTRIBUTES_KEY,
  utf8Length,
} from './cap-attribute-values.js';
export type { TruncatedValue } from './cap-attribute-values.js';
