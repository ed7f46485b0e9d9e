import { ArtifactError } from '@glassbox/core/artifacts';
import { API_ROUTES } from '@glassbox/core/api';
import type { ArtifactKey } from '@glassbox/store';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import type { ArtifactEventFeed } from '../services/artifacts/artifact-event-feed.js';
import type { ArtifactRegistry } from '../services/artifacts/artifact-registry.js';
import { resumeAfter, streamArtifactEvents } from './artifact-event-stream.js';
import { projectIdOf } from './auth/project-hook.js';
import type { RouteContext } from './route-context.js';

/** Who the audit trail names when the body does not say. */
const DEFAULT_ACTOR = 'api';

const keyOf = (
  request: FastifyRequest<{ Params: { kind: ArtifactKey['kind']; name: string } }>,
) => ({
  projectId: projectIdOf(request),
  kind: request.params.kind,
  name: request.params.name,
});

/** A version named in the path is a resource that is not there (404); in a body it is bad input. */
async function versionInPath<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ArtifactError && error.code === 'unknown_version') {
      throw new ApiError('not_found', error.message, undefined, { cause: error });
    }
    throw error;
  }
}

/**
 * The artifact registry under /api/artifacts, the label-move long poll, and session pins and
 * snapshots under /api/sessions/:sessionId.
 */
export function artifactRoutes(
  { storage, route }: RouteContext,
  registry: ArtifactRegistry,
  feed: ArtifactEventFeed,
): void {
  route(API_ROUTES.listArtifacts, async (request) => ({
    items: await storage.artifacts.listArtifacts(projectIdOf(request)),
  }));

  route(API_ROUTES.createArtifactVersion, async (request, reply) => {
    const { actor, ...input } = request.body;
    const created = await registry.createVersion(keyOf(request), input, actor ?? DEFAULT_ACTOR);
    return reply.code(201).send(created);
  });

  route(API_ROUTES.listArtifactVersions, async (request) => ({
    items: await registry.versions(keyOf(request)),
  }));

  route(API_ROUTES.getArtifactVersion, async (request) =>
    versionInPath(() => registry.version(keyOf(request), request.params.version)),
  );

  route(API_ROUTES.resolveArtifact, async (request) => {
    const { label, sessionId, userId } = request.query;
    return registry.resolve(keyOf(request), label, {
      ...(sessionId !== undefined ? { sessionId } : {}),
      ...(userId !== undefined ? { userId } : {}),
    });
  });

  route(API_ROUTES.moveArtifactLabel, async (request) => {
    const { version, reason, actor, override } = request.body;
    return registry.moveLabel(keyOf(request), request.params.label, version, {
      actor: actor ?? DEFAULT_ACTOR,
      reason,
      ...(override ? { override } : {}),
    });
  });

  route(API_ROUTES.listArtifactLabels, async (request) => ({
    items: await registry.labels(keyOf(request)),
  }));

  route(API_ROUTES.protectArtifactLabel, async (request) => {
    const { protected: isProtected, reason, actor } = request.body;
    return registry.protect(keyOf(request), request.params.label, isProtected, {
      actor: actor ?? DEFAULT_ACTOR,
      reason,
    });
  });

  route(API_ROUTES.holdArtifactLabel, async (request) => {
    const { mode, reason, incidentId, actor } = request.body;
    return registry.hold(keyOf(request), request.params.label, {
      mode,
      reason,
      actor: actor ?? DEFAULT_ACTOR,
      ...(incidentId !== undefined ? { incidentId } : {}),
    });
  });

  route(API_ROUTES.releaseArtifactLabel, async (request) =>
    registry.release(keyOf(request), request.params.label, {
      actor: request.body.actor ?? DEFAULT_ACTOR,
      reason: request.body.reason,
    }),
  );

  route(API_ROUTES.recordArtifactGate, async (request, reply) => {
    const { actor, ...gate } = request.body;
    const stored = await versionInPath(() =>
      registry.recordGate(keyOf(request), {
        ...gate,
        version: request.params.version,
        actor: actor ?? DEFAULT_ACTOR,
      }),
    );
    return reply.code(201).send(stored);
  });

  route(API_ROUTES.listArtifactGates, async (request) => ({
    items: await versionInPath(() => registry.gates(keyOf(request), request.params.version)),
  }));

  route(API_ROUTES.getArtifactHistory, async (request) => ({
    items: await registry.history(keyOf(request), request.query.limit),
  }));

  route(API_ROUTES.revokeArtifactVersion, async (request) =>
    registry.revoke(keyOf(request), request.params.version, {
      actor: request.body.actor ?? DEFAULT_ACTOR,
      reason: request.body.reason,
    }),
  );

  route(API_ROUTES.listArtifactPins, async (request) => ({
    items: await registry.pins(keyOf(request)),
  }));

  route(API_ROUTES.getArtifactPinDrain, async (request) => ({
    items: await registry.pinDrain(keyOf(request), request.query),
  }));

  route(API_ROUTES.listArtifactEvents, async (request, reply) => {
    const { after, waitMs, limit } = request.query;
    const page = await feed.wait(projectIdOf(request), after, waitMs, limit);
    // Shutting down: without this the kept-alive socket holds the server open until it times out.
    if (feed.closed) void reply.header('connection', 'close');
    return page;
  });

  route(API_ROUTES.streamArtifactEvents, async (request, reply) => {
    const after = resumeAfter(request.headers['last-event-id'], request.query.after);
    await streamArtifactEvents(request, reply, feed, projectIdOf(request), after);
    return reply;
  });

  route(API_ROUTES.startArtifactCanary, async (request, reply) => {
    const { actor, reason, ...input } = request.body;
    const canary = await registry.startCanary(keyOf(request), input, {
      actor: actor ?? DEFAULT_ACTOR,
      reason: reason ?? `canary of v${input.version} at ${input.percent} %`,
    });
    return reply.code(201).send(canary);
  });

  route(API_ROUTES.getArtifactCanary, async (request) => registry.canary(keyOf(request)));

  route(API_ROUTES.judgeArtifactCanary, async (request) =>
    registry.judgeCanary(keyOf(request), request.body.outcomes),
  );

  route(API_ROUTES.endSessionPins, async (request) => ({
    ended: await storage.artifacts.endSession(projectIdOf(request), request.params.sessionId),
  }));

  route(API_ROUTES.createSessionSnapshot, async (request, reply) => {
    const { state, versions, takenAtMs } = request.body;
    if (state === undefined) throw new ApiError('invalid_request', 'body.state is required');
    const snapshot = await storage.artifacts.saveSnapshot(projectIdOf(request), {
      sessionId: request.params.sessionId,
      state,
      versions: versions ?? {},
      takenAtMs: takenAtMs ?? Date.now(),
    });
    return reply.code(201).send(snapshot);
  });

  route(API_ROUTES.getSessionSnapshot, async (request) => {
    const { sessionId } = request.params;
    const { before } = request.query;
    const found = await storage.artifacts.findSnapshot(projectIdOf(request), sessionId, before);
    if (!found) {
      throw new ApiError(
        'not_found',
        `session ${JSON.stringify(sessionId)} has no snapshot${before === undefined ? '' : ` taken at or before ${before}`}`,
      );
    }
    return found;
  });
}
