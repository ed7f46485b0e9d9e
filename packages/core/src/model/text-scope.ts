/**
 * Which text a free-text trace search looks at: `io` the trace's question and answer (the
 * root's input and output), `input` or `output` one of them, `all` every span's input,
 * output and messages (system prompts and retrieved documents included).
 */
export const TEXT_SCOPES = ['io', 'input', 'output', 'all'] as const;
export type TextScope = (typeof TEXT_SCOPES)[number];

/** The scope a search uses when none is named: what the user asked and was answered. */
export const DEFAULT_TEXT_SCOPE: TextScope = 'io';
