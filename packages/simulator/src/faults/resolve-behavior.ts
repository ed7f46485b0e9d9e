import { mergeBehavior } from '../config/validate-config.js';
import type { Behavior, BehaviorRule, SimulatorConfig } from '../config/simulator-config.js';

/** What a rule can be matched against. */
export interface RequestFacts {
  route: 'chat' | 'embeddings' | 'tools';
  model: string | null;
  text: string;
  tool: string | null;
  /** Chat requests: the sampling temperature sent (absent: the API default, 1). */
  temperature?: number;
}

/** Whether every field given in a rule's `match` holds for the request. */
export function ruleMatches(rule: BehaviorRule, facts: RequestFacts): boolean {
  const m = rule.match;
  if (m.route !== undefined && m.route !== facts.route) return false;
  if (m.model !== undefined && m.model !== facts.model) return false;
  if (m.tool !== undefined && m.tool !== facts.tool) return false;
  if (m.pattern !== undefined && !new RegExp(m.pattern, 'i').test(facts.text)) return false;
  if (
    m.temperatureAbove !== undefined &&
    (facts.route !== 'chat' || !((facts.temperature ?? 1) > m.temperatureAbove))
  )
    return false;
  return true;
}

/**
 * The behaviour for one request: the base behaviour with every matching rule overlaid in
 * order (later rules win), plus the names of the rules that applied.
 *
 * @example resolveBehavior(config, { route: 'chat', model: 'sim-gpt-4o', text: 'refund?', tool: null })
 */
export function resolveBehavior(
  config: SimulatorConfig,
  facts: RequestFacts,
): { behavior: Behavior; rules: string[] } {
  let behavior = config.behavior;
  const rules: string[] = [];
  config.rules.forEach((rule, i) => {
    if (!ruleMatches(rule, facts)) return;
    behavior = mergeBehavior(behavior, rule.behavior);
    rules.push(rule.name ?? `rules[${i}]`);
  });
  return { behavior, rules };
}
