export { PromptClient, createPromptClient } from './prompt-client.js';
export type { GetArtifactOptions, GetPromptOptions, PromptClientOptions } from './prompt-client.js';
export type { Artifact, ArtifactFallback } from './artifact.js';
export {
  defaultPromptClient,
  getArtifact,
  getPrompt,
  restoreSession,
  snapshotSession,
} from './default-prompt-client.js';
export type { Prompt, PromptFallback, PromptSource } from './prompt.js';
