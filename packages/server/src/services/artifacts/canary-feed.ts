import { randomUUID } from 'node:crypto';
import {
  ArtifactError,
  canaryJudgementsOfTrace,
  fileCanaryKill,
  notePromotion,
  type CanaryEnding,
  type CanaryVerdict,
  type JudgedTrace,
} from '@glassbox/core/artifacts';
import type { AlertStore, ArtifactStore, ProjectStore } from '@glassbox/store';
import { ArtifactRegistry, type ArtifactRegistryOptions } from './artifact-registry.js';

export interface CanaryFeedOptions extends ArtifactRegistryOptions {
  /** Where a kill opens (or joins) its incident and a promotion is noted; none when absent. */
  incidents?: Pick<AlertStore, 'listIncidents' | 'putIncident'>;
}

/** What the feed did to one canary with a batch of traces. */
export interface CanaryFeedResult {
  name: string;
  judged: number;
  verdict: CanaryVerdict;
}

/**
 * Judges running canaries automatically: every trace the online evaluator visits is credited
 * to the arm whose version it was served (the prompt version recorded on its spans, or for an
 * agent, model or tools artifact its layer of the span version snapshot)
 * and read on each gate metric — `error` from span statuses, evaluators from their scores. The
 * canary's mSPRT gate then kills it (the label stays; the kill and its reason are in the
 * audit trail, and an incident opens or is joined with both arms' numbers, the p-value and the
 * boundary) or ramps and promotes it (the label move is in the audit trail, and incidents of
 * an earlier kill of the artifact note it), with no manual calls.
 *
 * @example
 * const feed = new CanaryFeed(storage.artifacts);
 * new OnlineEvalJob(storage, { onJudged: (projectId, traces) => feed.judge(projectId, traces) });
 */
export class CanaryFeed {
  private readonly registry: ArtifactRegistry;

  constructor(
    private readonly store: ArtifactStore,
    private readonly options: CanaryFeedOptions = {},
  ) {
    this.registry = new ArtifactRegistry(store, options);
  }

  /**
   * Of the given projects, those with a running canary: the online evaluator visits them even
   * with no sampling rule, so a canary gated on errors alone is judged there too.
   */
  async projectsWithRunningCanaries(
    projects: Pick<ProjectStore, 'listProjects'>,
  ): Promise<string[]> {
    const found: string[] = [];
    for (const { id: projectId } of await projects.listProjects()) {
      for (const { kind, name } of await this.store.listArtifacts(projectId)) {
        const canary = await this.store.getCanary({ projectId, kind, name });
        if (canary?.state.status === 'running') {
          found.push(projectId);
          break;
        }
      }
    }
    return found;
  }

  async judge(projectId: string, traces: readonly JudgedTrace[]): Promise<CanaryFeedResult[]> {
    const results: CanaryFeedResult[] = [];
    if (traces.length === 0) return results;
    for (const { kind, name } of await this.store.listArtifacts(projectId)) {
      const key = { projectId, kind, name };
      const canary = await this.store.getCanary(key);
      if (canary?.state.status !== 'running') continue;
      const judgements = traces.flatMap((trace) => {
        const read = canaryJudgementsOfTrace(key, canary.state.spec.metrics, trace);
        return read?.judgements.map((j) => ({ ...j, version: read.version })) ?? [];
      });
      if (judgements.length === 0) continue;
      try {
        const labels = await this.store.getLabels(key);
        const { verdict, canary: judged } = await this.registry.judgeCanary(key, judgements);
        results.push({ name, judged: judgements.length, verdict });
        const control = labels[judged.state.spec.label];
        const ending: CanaryEnding = {
          ...key,
          state: judged.state,
          atMs: judged.endedAtMs ?? (this.options.now ?? Date.now)(),
          ...(control !== undefined ? { controlVersion: control } : {}),
        };
        if (verdict.action === 'kill') await this.fileKill(ending);
        if (verdict.action === 'promote') await this.notePromotion(ending);
      } catch (error) {
        // Ended (killed, promoted, or by hand) since it was read: nothing left to judge.
        if (error instanceof ArtifactError && error.code === 'invalid_canary') continue;
        throw error;
      }
    }
    return results;
  }

  private async openIncidents(projectId: string) {
    return this.options.incidents!.listIncidents({ projectId, status: 'open', limit: 1_000 });
  }

  private async fileKill(ending: CanaryEnding): Promise<void> {
    if (!this.options.incidents) return;
    const open = await this.openIncidents(ending.projectId);
    const { incident } = fileCanaryKill(ending, open, { newId: randomUUID });
    await this.options.incidents.putIncident(incident);
  }

  private async notePromotion(ending: CanaryEnding): Promise<void> {
    if (!this.options.incidents) return;
    for (const incident of notePromotion(ending, await this.openIncidents(ending.projectId)))
      await this.options.incidents.putIncident(incident);
  }
}
