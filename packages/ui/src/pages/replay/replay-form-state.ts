import type { ChatRequest, ReplayOverrides } from '@glassbox/core/replay';

/** Sampling and length parameters the replay form edits, as sent on the wire. */
export const EDITABLE_PARAMETERS = ['temperature', 'top_p', 'max_tokens', 'seed'] as const;
export type EditableParameter = (typeof EDITABLE_PARAMETERS)[number];

/** What the form holds: text as typed, compared with the recorded request on submit. */
export interface ReplayFormState {
  model: string;
  parameters: Record<EditableParameter, string>;
  messages: string[];
  trials: string;
}

export function initialFormState(request: ChatRequest): ReplayFormState {
  const parameters = Object.fromEntries(
    EDITABLE_PARAMETERS.map((p) => [p, request[p] === undefined ? '' : String(request[p])]),
  ) as Record<EditableParameter, string>;
  return {
    model: request.model,
    parameters,
    messages: request.messages.map((m) => m.content ?? ''),
    trials: '5',
  };
}

/**
 * The overrides the edited form asks for: only what differs from the recorded request, so
 * everything else is replayed as recorded. A cleared parameter removes the recorded value.
 * Returns a problem message for an entry that is not a number.
 */
export function overridesOf(
  request: ChatRequest,
  form: ReplayFormState,
): { overrides: ReplayOverrides; trials: number } | { problem: string } {
  const overrides: ReplayOverrides = {};
  const model = form.model.trim();
  if (!model) return { problem: 'Model is empty: name the model to call.' };
  if (model !== request.model) overrides.model = model;
  const parameters: NonNullable<ReplayOverrides['parameters']> = {};
  for (const key of EDITABLE_PARAMETERS) {
    const text = form.parameters[key].trim();
    const recorded = request[key];
    if (text === '') {
      if (recorded !== undefined) parameters[key] = null;
      continue;
    }
    const value = Number(text);
    if (!Number.isFinite(value)) return { problem: `${key} '${text}' is not a number.` };
    if (value !== recorded) parameters[key] = value;
  }
  if (Object.keys(parameters).length > 0) overrides.parameters = parameters;
  const messages = form.messages
    .map((content, index) => ({ index, content }))
    .filter(({ index, content }) => content !== (request.messages[index]?.content ?? ''));
  if (messages.length > 0) overrides.messages = messages;
  const trials = Number(form.trials);
  if (!Number.isInteger(trials) || trials < 1)
    return { problem: `Trials '${form.trials}' must be a whole number of at least 1.` };
  return { overrides, trials };
}

/** A deterministic assertion as the replay routes take it. */
export interface AssertionInput {
  type: string;
  value?: string;
}

/**
 * Assertions written one per line as `type value` (`icontains refund`, `regex \[\w+#\d+\]`,
 * `is-json`); blank lines are skipped. The server checks the types.
 *
 * @example parseAssertions('icontains refund\nis-json') // [{type:'icontains',value:'refund'},{type:'is-json'}]
 */
export function parseAssertions(text: string): AssertionInput[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const space = line.search(/\s/);
      if (space < 0) return { type: line };
      return { type: line.slice(0, space), value: line.slice(space).trim() };
    });
}
