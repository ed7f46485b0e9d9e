import type { Attributes } from '../model/attributes.js';

/** Attributes that are content, identifiers, measurements or version of the answer itself. */
const SKIP_PREFIXES = [
  'gen_ai.prompt',
  'gen_ai.completion',
  'gen_ai.response',
  'gen_ai.usage',
  'gen_ai.input',
  'gen_ai.output',
  'gen_ai.tool.call',
  'gen_ai.system_instructions',
  'llm.',
  'input.',
  'output.',
  'glassbox.',
  'traceloop.',
  'ai.',
  'http.',
  'url.',
  'net.',
  'server.',
  'process.',
  'host.',
  'os.',
  'telemetry.',
  'code.',
  'thread.',
  'exception.',
  'retrieval.',
  'db.',
  'messaging.',
];
const SKIP_NAME =
  /(^|[._])(id|ids|uuid|hash|key|content|text|message|messages|query|prompt|arguments|result|results|description|name)$/i;
const MAX_VALUE_LENGTH = 64;
const MAX_KEYS = 40;

/** Whether an attribute could name a segment: a short scalar that is not content or an id. */
function usable(key: string): boolean {
  return (
    !SKIP_PREFIXES.some((prefix) => key.startsWith(prefix)) &&
    (!SKIP_NAME.test(key) || /(^|\.)tool\.name$/.test(key))
  );
}

/**
 * Short scalar span and resource attributes (risk.category, tenant, gen_ai.request.model,
 * deployment.environment, ...) as segment candidates under their own names, the first value
 * of each key in span order; at most 40 keys. Which of them become segments is decided by
 * the traffic (segment-discovery.ts: few values, enough coverage).
 *
 * @example
 * attributeSegments([{ 'risk.category': 'high', 'gen_ai.prompt.0.content': '...' }]);
 * // { 'risk.category': 'high' }
 */
export function attributeSegments(sources: readonly Attributes[]): Record<string, string> {
  const out: Record<string, string> = {};
  let keys = 0;
  for (const attributes of sources) {
    for (const [key, value] of Object.entries(attributes)) {
      if (key in out || !usable(key)) continue;
      if (typeof value !== 'string' && typeof value !== 'boolean') {
        if (typeof value !== 'number' || !Number.isInteger(value)) continue;
      }
      const text = String(value);
      if (text === '' || text.length > MAX_VALUE_LENGTH) continue;
      out[key] = text;
      if (++keys >= MAX_KEYS) return out;
    }
  }
  return out;
}
