import type { ChatRequest } from './chat-request.js';
import { cloneRequest, fillTemplate, templateOf } from './call-template.js';
import type { RecordedCall } from './recorded-call.js';

/** What a bisection can swap, one at a time, from the bad call to the good one. */
export const BISECTION_FACTORS = [
  'model',
  'sampling',
  'prompt',
  'context',
  'tools',
  'output',
] as const;
export type BisectionFactor = (typeof BISECTION_FACTORS)[number];

/** What each factor covers, for help texts and reports. */
export const FACTOR_DESCRIPTIONS: Readonly<Record<BisectionFactor, string>> = {
  model: 'the model id (or the snapshot the good call was served by)',
  sampling: 'temperature, top_p, frequency and presence penalties, seed',
  prompt: 'the system and developer messages (the prompt version), without the retrieved context',
  context: 'the retrieved documents quoted in the prompt',
  tools: 'tool definitions and tool_choice',
  output: 'max_tokens, stop sequences and response_format',
};

/** One factor's value in the bad and good calls, as short text for the report. */
export interface FactorDifference {
  factor: BisectionFactor;
  bad: string;
  good: string;
}

const SAMPLING_KEYS = [
  'temperature',
  'top_p',
  'frequency_penalty',
  'presence_penalty',
  'seed',
] as const;

/** The model a swap sends: the good request model, or the snapshot that served the good call. */
function goodModel(bad: RecordedCall, good: RecordedCall): string {
  if (good.request.model !== bad.request.model) return good.request.model;
  return good.responseModel ?? good.request.model;
}

/** A factor's value as comparable text. */
export function factorValue(call: RecordedCall, factor: BisectionFactor): string {
  const r = call.request;
  switch (factor) {
    case 'model':
      return call.responseModel && call.responseModel !== r.model
        ? `${r.model} (served by ${call.responseModel})`
        : r.model;
    case 'sampling':
      return describe(
        Object.fromEntries(SAMPLING_KEYS.filter((k) => r[k] !== undefined).map((k) => [k, r[k]])),
      );
    case 'prompt': {
      const text = templateOf(call)
        .instructions.map((m) => m.content ?? '')
        .join('\n');
      return call.promptVersion ? `version ${call.promptVersion}: ${text}` : text;
    }
    case 'context':
      return templateOf(call).context;
    case 'tools':
      return describe({ tools: r.tools ?? [], tool_choice: r.tool_choice ?? null });
    case 'output':
      return describe({
        max_tokens: r.max_tokens ?? null,
        stop: r.stop ?? null,
        response_format: r.response_format ?? null,
      });
  }
}

/**
 * Every factor whose value differs between a bad and a good call. A context that differs but
 * cannot be located in one of the prompts is reported in `unavailable` with the reason.
 *
 * @example differingFactors(bad, good).differences.map((d) => d.factor) // ['sampling']
 */
export function differingFactors(
  bad: RecordedCall,
  good: RecordedCall,
): { differences: FactorDifference[]; unavailable: { factor: BisectionFactor; reason: string }[] } {
  const differences: FactorDifference[] = [];
  const unavailable: { factor: BisectionFactor; reason: string }[] = [];
  for (const factor of BISECTION_FACTORS) {
    const b = factorValue(bad, factor);
    const g = factorValue(good, factor);
    if (factor === 'context' && (!bad.context || !good.context)) {
      const docs = (c: RecordedCall) => c.documents.map((d) => d.content ?? '').join('\n');
      if (docs(bad) !== docs(good))
        unavailable.push({
          factor,
          reason: `the retrieved documents differ but the ${bad.context ? 'good' : 'bad'} prompt does not quote them, so they cannot be swapped`,
        });
      continue;
    }
    const differs =
      factor === 'model'
        ? bad.request.model !== good.request.model ||
          (bad.responseModel !== undefined &&
            good.responseModel !== undefined &&
            bad.responseModel !== good.responseModel)
        : b !== g;
    if (differs) differences.push({ factor, bad: b, good: g });
  }
  return { differences, unavailable };
}

/**
 * The bad request with the given factors set to their good values; everything else (the user's
 * input above all) stays as the bad call sent it.
 *
 * @example swapFactors(bad, good, ['sampling']).temperature // the good temperature
 */
export function swapFactors(
  bad: RecordedCall,
  good: RecordedCall,
  factors: readonly BisectionFactor[],
): ChatRequest {
  const request = cloneRequest(bad.request);
  const g = good.request;
  const swapped = new Set(factors);
  const badTemplate = templateOf(bad);
  const goodTemplate = templateOf(good);
  if (swapped.has('prompt') || swapped.has('context')) {
    request.messages = fillTemplate(
      swapped.has('prompt') ? goodTemplate.instructions : badTemplate.instructions,
      badTemplate.conversation,
      swapped.has('context') ? goodTemplate.context : badTemplate.context,
    );
  }
  if (swapped.has('model')) request.model = goodModel(bad, good);
  if (swapped.has('sampling')) copyKeys(request, g, SAMPLING_KEYS);
  if (swapped.has('tools')) copyKeys(request, g, ['tools', 'tool_choice']);
  if (swapped.has('output')) copyKeys(request, g, ['max_tokens', 'stop', 'response_format']);
  return JSON.parse(JSON.stringify(request)) as ChatRequest;
}

function copyKeys<K extends keyof ChatRequest>(
  target: ChatRequest,
  source: ChatRequest,
  keys: readonly K[],
): void {
  for (const key of keys) {
    if (source[key] === undefined) delete target[key];
    else target[key] = source[key];
  }
}

function describe(value: Record<string, unknown>): string {
  return JSON.stringify(value);
}
