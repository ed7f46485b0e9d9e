import type OpenAI from 'openai';

/** Requests shared by every instrumentation's compatibility test. */
export const SYSTEM_PROMPT = 'You answer questions about refunds and shipping. Be brief.';

/** The simulator calls a tool when the question shares words with its description. */
export const WEATHER_QUESTION = 'What is the weather forecast in Lisbon for 3 days?';

export const WEATHER_TOOL: OpenAI.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather forecast for a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1 } },
      required: ['city', 'days'],
      additionalProperties: false,
    },
  },
};
