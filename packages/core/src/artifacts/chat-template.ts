import { ArtifactError } from './artifact-error.js';

/** One message of a chat template, shaped like an OpenAI messages-API message. */
export interface ChatTemplateMessage {
  role: 'system' | 'developer' | 'user' | 'assistant';
  content: string;
}

/** A prompt's content: a chat template (messages) or a single text template. */
export type PromptTemplate = string | readonly ChatTemplateMessage[];

/** Values for a template's `{{variables}}`; non-strings are written as JSON. */
export type TemplateVariables = Readonly<Record<string, unknown>>;

const ROLES = new Set(['system', 'developer', 'user', 'assistant']);
const VARIABLE = /\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}/g;

/**
 * Checks that `value` is a prompt template: a string, or a non-empty array of
 * `{role, content}` messages with a known role and string content.
 *
 * @example checkPromptTemplate([{ role: 'system', content: 'You help {{company}} customers.' }])
 */
export function checkPromptTemplate(value: unknown, path = 'content'): PromptTemplate {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value) || value.length === 0) {
    throw new ArtifactError(
      'invalid_content',
      `${path} must be a text template or a non-empty array of {role, content} messages`,
    );
  }
  return value.map((message: unknown, i): ChatTemplateMessage => {
    const at = `${path}[${i}]`;
    if (typeof message !== 'object' || message === null) {
      throw new ArtifactError('invalid_content', `${at} must be an object {role, content}`);
    }
    const { role, content } = message as Record<string, unknown>;
    if (typeof role !== 'string' || !ROLES.has(role)) {
      throw new ArtifactError(
        'invalid_content',
        `${at}.role must be one of ${[...ROLES].join(', ')}, got ${JSON.stringify(role)}`,
      );
    }
    if (typeof content !== 'string') {
      throw new ArtifactError('invalid_content', `${at}.content must be a string`);
    }
    return { role: role as ChatTemplateMessage['role'], content };
  });
}

const textsOf = (template: PromptTemplate): string[] =>
  typeof template === 'string' ? [template] : template.map((m) => m.content);

/**
 * The variable names a template uses, each once, in order of first use.
 *
 * @example templateVariables('Hi {{name}}, about {{ topic }}') // ['name', 'topic']
 */
export function templateVariables(template: PromptTemplate): string[] {
  const names = new Set<string>();
  for (const text of textsOf(template)) {
    for (const match of text.matchAll(VARIABLE)) names.add(match[1]!);
  }
  return [...names];
}

const asText = (value: unknown): string =>
  typeof value === 'string' ? value : JSON.stringify(value);

function fill(text: string, variables: TemplateVariables): string {
  return text.replace(VARIABLE, (_, name: string) => asText(variables[name]));
}

/**
 * Renders a template: every `{{name}}` replaced by its value. A variable without a value
 * (absent or undefined) is an ArtifactError `missing_variable` naming all of them; values
 * are inserted as-is, never re-scanned, so a value containing `{{x}}` stays literal.
 *
 * @example
 * renderChatTemplate([{ role: 'user', content: 'Hi {{name}}' }], { name: 'Ada' })
 * // [{ role: 'user', content: 'Hi Ada' }]
 */
export function renderChatTemplate<T extends PromptTemplate>(
  template: T,
  variables: TemplateVariables,
): T extends string ? string : ChatTemplateMessage[];
export function renderChatTemplate(
  template: PromptTemplate,
  variables: TemplateVariables,
): string | ChatTemplateMessage[] {
  const missing = templateVariables(template).filter((name) => variables[name] === undefined);
  if (missing.length > 0) {
    throw new ArtifactError(
      'missing_variable',
      `template needs ${missing.map((n) => `"${n}"`).join(', ')}, which ${missing.length === 1 ? 'was' : 'were'} not given`,
    );
  }
  if (typeof template === 'string') return fill(template, variables);
  return template.map((m) => ({ role: m.role, content: fill(m.content, variables) }));
}
