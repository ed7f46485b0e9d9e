import { API_ROUTES } from '@glassbox/core/api';
import { WorkspaceError, type WorkspaceChange } from '@glassbox/core/incidents';
import { ApiError } from '../errors/api-error.js';
import {
  applyWorkspaceChange,
  IncidentNotFound,
  incidentTimeline,
  loadWorkspace,
  postmortemVersion,
  WorkspaceBusy,
  workspacePortsOf,
  workspaceView,
} from '../services/incidents/index.js';
import { projectIdOf } from './auth/project-hook.js';
import type { RouteContext } from './route-context.js';

/** Maps the workspace's own errors to API errors: 404, 400 naming the problem, 503. */
export async function asApi<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof IncidentNotFound) throw new ApiError('not_found', error.message);
    if (error instanceof WorkspaceError) {
      throw new ApiError(
        error.code === 'unknown_version' ? 'not_found' : 'invalid_request',
        error.message,
      );
    }
    if (error instanceof WorkspaceBusy) throw new ApiError('storage_unavailable', error.message, 1);
    throw error;
  }
}

/**
 * The incident workspace: status, severity, owner, notes, runbook ticks, the assembled
 * timeline and the postmortem's saved versions. Every change answers the new workspace.
 */
export function incidentWorkspaceRoutes({ storage, route }: RouteContext): void {
  const ports = workspacePortsOf(storage);
  const change = (projectId: string, id: string, author: string, c: WorkspaceChange) =>
    asApi(async () => {
      await applyWorkspaceChange(ports, projectId, id, author, c);
      return workspaceView(ports, projectId, id);
    });

  route(API_ROUTES.getIncidentWorkspace, (request) =>
    asApi(() => workspaceView(ports, projectIdOf(request), request.params.id)),
  );

  route(API_ROUTES.getIncidentTimeline, async (request) => ({
    items: await asApi(() => incidentTimeline(ports, projectIdOf(request), request.params.id)),
  }));

  route(API_ROUTES.setIncidentStatus, (request) => {
    const { author, status, reason } = request.body;
    return change(projectIdOf(request), request.params.id, author, {
      type: 'status',
      to: status,
      ...(reason ? { reason } : {}),
    });
  });

  route(API_ROUTES.setIncidentSeverity, (request) =>
    change(projectIdOf(request), request.params.id, request.body.author, {
      type: 'severity',
      to: request.body.severity,
    }),
  );

  route(API_ROUTES.setIncidentOwner, (request) =>
    change(projectIdOf(request), request.params.id, request.body.author, {
      type: 'owner',
      owner: request.body.owner,
    }),
  );

  route(API_ROUTES.addIncidentNote, (request) =>
    change(projectIdOf(request), request.params.id, request.body.author, {
      type: 'note',
      text: request.body.text,
    }),
  );

  route(API_ROUTES.tickRunbookItem, (request) =>
    change(projectIdOf(request), request.params.id, request.body.author, {
      type: 'runbook',
      itemId: request.params.itemId,
      done: request.body.done,
    }),
  );

  route(API_ROUTES.listPostmortemVersions, (request) =>
    asApi(async () => {
      const { incident, state } = await loadWorkspace(
        ports,
        projectIdOf(request),
        request.params.id,
      );
      const draft = { version: 0, author: 'glassbox', atMs: incident.updatedAtMs, chars: 0 };
      return { items: [draft, ...state.postmortemVersions] };
    }),
  );

  route(API_ROUTES.getPostmortemVersion, (request) => {
    const { version } = request.params;
    return asApi(() =>
      postmortemVersion(
        ports,
        projectIdOf(request),
        request.params.id,
        version === 'latest' ? 'latest' : Number(version),
      ),
    );
  });

  route(API_ROUTES.savePostmortemVersion, async (request, reply) => {
    const projectId = projectIdOf(request);
    const entry = await asApi(() =>
      applyWorkspaceChange(ports, projectId, request.params.id, request.body.author, {
        type: 'postmortem',
        text: request.body.text,
      }),
    );
    const action = entry.action as { version: number; text: string };
    return reply.code(201).send({
      version: action.version,
      author: entry.author,
      atMs: entry.atMs,
      chars: action.text.length,
    });
  });
}
