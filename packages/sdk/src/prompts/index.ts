export { PromptClient, createPromptClient } from './prompt-client.js';
export type { GetPromptOptions, PromptClientOptions } from './prompt-client.js';
export {
  defaultPromptClient,
  getPrompt,
  restoreSession,
  snapshotSession,
} from './default-prompt-client.js';
export type { Prompt, PromptFallback, PromptSource } from './prompt.js';
