import {
  renderChatTemplate,
  versionLabel,
  type ChatTemplateMessage,
  type PromptTemplate,
  type TemplateVariables,
} from '@glassbox/core/artifacts';
import type { VersionSnapshot } from '@glassbox/core/model';

/** Where a served prompt came from. */
export type PromptSource = 'server' | 'cache' | 'fallback';

/** A prompt as `getPrompt` serves it: the template, its version, and how to render it. */
export interface Prompt {
  name: string;
  /** The registry version; absent when the declared fallback was served. */
  version?: number;
  label: string;
  template: PromptTemplate;
  config: Record<string, unknown>;
  source: PromptSource;
  /** `{ prompt: 'support@v3' }` (or `support@fallback`): the layer for the span version snapshot. */
  versions: VersionSnapshot;
  /**
   * The template with its `{{variables}}` filled. A missing variable throws core's
   * ArtifactError `missing_variable`: a bug in the calling code, not a telemetry failure.
   */
  render(variables?: TemplateVariables): string | ChatTemplateMessage[];
}

/** A prompt bundled with the app, served when the registry cannot answer. */
export type PromptFallback =
  PromptTemplate | { template: PromptTemplate; config?: Record<string, unknown> };

export function makePrompt(fields: Omit<Prompt, 'render' | 'versions'>): Prompt {
  const tag =
    fields.version === undefined
      ? `${fields.name}@fallback`
      : versionLabel(fields.name, fields.version);
  return {
    ...fields,
    versions: { prompt: tag },
    render: (variables = {}) => renderChatTemplate(fields.template, variables),
  };
}

export function fallbackPrompt(name: string, label: string, fallback: PromptFallback): Prompt {
  const bundled =
    typeof fallback === 'object' && !Array.isArray(fallback) && 'template' in fallback;
  return makePrompt({
    name,
    label,
    template: bundled ? fallback.template : (fallback as PromptTemplate),
    config: bundled ? { ...fallback.config } : {},
    source: 'fallback',
  });
}
