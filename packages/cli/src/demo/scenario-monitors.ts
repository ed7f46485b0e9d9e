import { defaultMonitors, type MonitorDefinition } from '@glassbox/core/detect';

/**
 * The default monitors, once per scenario, each watching only that scenario's traffic (its
 * `scenario:NAME` tag). The demo's scenarios are different apps sharing one project, so
 * project-wide monitors would learn a baseline mixed from all of them; a team running
 * several apps would segment its monitors the same way.
 *
 * @example
 * scenarioMonitors('prompt-drift')[0].id; // 'error-rate.prompt-drift'
 */
export function scenarioMonitors(scenario: string): MonitorDefinition[] {
  return defaultMonitors().map((m) => ({
    ...m,
    id: `${m.id}.${scenario}`.slice(0, 64),
    name: `${m.name} · ${scenario}`,
    segment: { ...m.segment, tag: `scenario:${scenario}` },
  }));
}
