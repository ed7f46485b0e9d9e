import type { ModelSpec } from '../config/simulator-config.js';
import { defaultModels } from '../config/simulator-config.js';

/**
 * The models the scenario apps call: the simulator's own plus stand-ins carrying real model
 * ids and list prices, so Glassbox prices the calls as it would in production.
 */
export function scenarioModels(): ModelSpec[] {
  const chat = (
    id: string,
    version: string,
    inputPrice: number,
    outputPrice: number,
  ): ModelSpec => ({
    id,
    kind: 'chat',
    version,
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    inputPrice,
    outputPrice,
  });
  return [
    ...defaultModels(),
    chat('gpt-4o-mini', 'gpt-4o-mini-2024-07-18', 0.15, 0.6),
    chat('gpt-4o', 'gpt-4o-2024-08-06', 2.5, 10),
  ];
}
