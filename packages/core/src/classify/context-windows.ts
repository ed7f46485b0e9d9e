/**
 * Context windows (input + output tokens) of common models, matched by the longest prefix of
 * the model id after any `provider/` part. Projects add or override entries through
 * `ClassifierThresholds.contextWindows`.
 */
export const MODEL_CONTEXT_WINDOWS: Readonly<Record<string, number>> = {
  'gpt-4.1': 1_047_576,
  'gpt-4o': 128_000,
  'gpt-4-turbo': 128_000,
  'gpt-4-32k': 32_768,
  'gpt-4': 8_192,
  'gpt-3.5-turbo': 16_385,
  'gpt-5': 400_000,
  o1: 200_000,
  o3: 200_000,
  'o4-mini': 200_000,
  claude: 200_000,
  'gemini-1.5-pro': 2_097_152,
  'gemini-1.5-flash': 1_048_576,
  'gemini-2': 1_048_576,
  'llama3.1': 131_072,
  'llama3.2': 131_072,
  'llama-3.1': 131_072,
  llama3: 8_192,
  'llama-3': 8_192,
  mistral: 32_768,
  mixtral: 32_768,
  qwen2: 32_768,
};

/**
 * The context window of a model id, or undefined when unknown.
 *
 * @example
 * contextWindowFor('openai/gpt-4o-2024-08-06'); // 128000
 */
export function contextWindowFor(
  model: string | undefined,
  overrides: Readonly<Record<string, number>> = {},
): number | undefined {
  if (!model) return undefined;
  const id = model.toLowerCase().slice(model.lastIndexOf('/') + 1);
  return longestPrefix(id, Object.entries(overrides)) ?? longestPrefix(id, BUILT_IN);
}

const BUILT_IN = Object.entries(MODEL_CONTEXT_WINDOWS);

function longestPrefix(id: string, entries: [string, number][]): number | undefined {
  let best: [string, number] | undefined;
  for (const [prefix, tokens] of entries) {
    const p = prefix.toLowerCase();
    if (id.startsWith(p) && (best === undefined || p.length > best[0].length)) best = [p, tokens];
  }
  return best?.[1];
}
