import { EVAL_ERROR_CODES, EvalError } from './eval-error.js';

/** A provider entry of a config: promptfoo's id string or `{ id, label, config }`. */
export interface ProviderSpec {
  id: string;
  label?: string;
  config: Record<string, unknown>;
}

/** What kind of target an id names. */
export type ProviderTarget =
  | { kind: 'openai-chat'; model: string }
  | { kind: 'http'; url?: string }
  | { kind: 'exec'; command: string }
  | { kind: 'echo' };

const CONFIG_KEYS: Record<ProviderTarget['kind'], readonly string[]> = {
  'openai-chat': [
    'temperature',
    'max_tokens',
    'max_completion_tokens',
    'top_p',
    'frequency_penalty',
    'presence_penalty',
    'seed',
    'stop',
    'tools',
    'tool_choice',
    'response_format',
    'apiBaseUrl',
    'apiKeyEnvar',
    'headers',
  ],
  http: ['url', 'method', 'headers', 'body', 'transformResponse', 'timeout'],
  exec: ['timeout'],
  echo: [],
};

function fail(message: string): EvalError {
  return new EvalError(EVAL_ERROR_CODES.invalidConfig, message);
}

/**
 * Reads a provider id: `openai:chat:MODEL` (or `openai:MODEL`), `http`/`https` (a URL or
 * `config.url`), `exec:COMMAND`, `echo`. Anything else is an error naming the id.
 *
 * @example
 * parseProviderTarget('openai:chat:gpt-4o-mini'); // { kind: 'openai-chat', model: 'gpt-4o-mini' }
 */
export function parseProviderTarget(id: string): ProviderTarget {
  if (id === 'echo') return { kind: 'echo' };
  if (id === 'http' || id === 'https') return { kind: 'http' };
  if (/^https?:\/\//.test(id)) return { kind: 'http', url: id };
  if (id.startsWith('exec:')) {
    const command = id.slice(5).trim();
    if (!command) throw fail(`provider "${id}" needs a command after "exec:"`);
    return { kind: 'exec', command };
  }
  if (id.startsWith('openai:')) {
    const rest = id.slice(7);
    const [first, ...tail] = rest.split(':');
    if (first === 'chat') {
      const model = tail.join(':');
      if (!model) throw fail(`provider "${id}" needs a model: openai:chat:MODEL`);
      return { kind: 'openai-chat', model };
    }
    if (
      first &&
      tail.length === 0 &&
      ![
        'completion',
        'embedding',
        'embeddings',
        'assistant',
        'image',
        'realtime',
        'responses',
      ].includes(first)
    ) {
      return { kind: 'openai-chat', model: first };
    }
  }
  throw new EvalError(
    EVAL_ERROR_CODES.unsupportedKey,
    `provider "${id}" is not supported (supported: openai:chat:MODEL, openai:MODEL, http, https://URL, exec:COMMAND, echo)`,
  );
}

/** Validates one `providers` entry; unknown keys and config keys are errors naming them. */
export function parseProviderSpec(raw: unknown, where: string): ProviderSpec {
  if (typeof raw === 'string') {
    parseProviderTarget(raw);
    return { id: raw, config: {} };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw fail(`${where}: a provider is an id string or { id, label, config }`);
  }
  const entry = raw as Record<string, unknown>;
  for (const key of Object.keys(entry)) {
    if (!['id', 'label', 'config'].includes(key)) {
      throw new EvalError(
        EVAL_ERROR_CODES.unsupportedKey,
        `${where}: provider key "${key}" is not supported (id, label, config)`,
      );
    }
  }
  if (typeof entry.id !== 'string' || entry.id === '')
    throw fail(`${where}: a provider needs an "id"`);
  const target = parseProviderTarget(entry.id);
  const config = entry.config ?? {};
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    throw fail(`${where}: "config" must be a mapping`);
  for (const key of Object.keys(config)) {
    if (!CONFIG_KEYS[target.kind].includes(key)) {
      throw new EvalError(
        EVAL_ERROR_CODES.unsupportedKey,
        `${where}: config key "${key}" is not supported for ${target.kind} providers (supported: ${CONFIG_KEYS[target.kind].join(', ') || 'none'})`,
      );
    }
  }
  if (entry.label !== undefined && typeof entry.label !== 'string')
    throw fail(`${where}: "label" must be a string`);
  return {
    id: entry.id,
    ...(entry.label ? { label: entry.label } : {}),
    config: config as Record<string, unknown>,
  };
}
