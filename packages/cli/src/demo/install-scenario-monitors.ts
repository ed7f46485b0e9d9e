import type { Storage } from '@glassbox/store';
import { scenarioMonitors } from './scenario-monitors.js';

/**
 * Stores the per-scenario monitors in the default project before traffic starts, so the
 * detection job arms each on its own scenario's healthy phase. Re-running the demo on the
 * same data replaces them; monitors a user added stay.
 */
export async function installScenarioMonitors(
  storage: Storage,
  scenarios: readonly string[],
): Promise<void> {
  const { id: projectId } = await storage.projects.ensureProject('default');
  for (const scenario of scenarios) {
    for (const definition of scenarioMonitors(scenario)) {
      await storage.detection.putMonitor({
        projectId,
        definition,
        origin: 'api',
        updatedAtMs: Date.now(),
      });
    }
  }
}
