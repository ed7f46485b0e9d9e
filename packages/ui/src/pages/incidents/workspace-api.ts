import { API_ROUTES, type BodyOf, type ParamsOf } from '@glassbox/core/api';
import { call } from '../../api/api-client.js';

const routes = API_ROUTES;
const AUTHOR_KEY = 'glassbox.author';

/** The name the workspace records with each action, kept in this browser. */
export const storedAuthor = (): string => localStorage.getItem(AUTHOR_KEY) ?? '';
export const storeAuthor = (name: string): void => localStorage.setItem(AUTHOR_KEY, name);

/** The incident workspace routes, one function each. */
export const workspaceApi = {
  get: (id: string, signal?: AbortSignal) =>
    call(routes.getIncidentWorkspace, { params: { id }, signal }),
  timeline: (id: string, signal?: AbortSignal) =>
    call(routes.getIncidentTimeline, { params: { id }, signal }),
  setStatus: (id: string, body: BodyOf<typeof routes.setIncidentStatus>) =>
    call(routes.setIncidentStatus, { params: { id }, body }),
  setSeverity: (id: string, body: BodyOf<typeof routes.setIncidentSeverity>) =>
    call(routes.setIncidentSeverity, { params: { id }, body }),
  setOwner: (id: string, body: BodyOf<typeof routes.setIncidentOwner>) =>
    call(routes.setIncidentOwner, { params: { id }, body }),
  addNote: (id: string, body: BodyOf<typeof routes.addIncidentNote>) =>
    call(routes.addIncidentNote, { params: { id }, body }),
  tick: (id: string, itemId: string, body: BodyOf<typeof routes.tickRunbookItem>) =>
    call(routes.tickRunbookItem, { params: { id, itemId }, body }),
  versions: (id: string, signal?: AbortSignal) =>
    call(routes.listPostmortemVersions, { params: { id }, signal }),
  version: (id: string, version: string, signal?: AbortSignal) =>
    call(routes.getPostmortemVersion, { params: { id, version }, signal }),
  saveVersion: (id: string, body: BodyOf<typeof routes.savePostmortemVersion>) =>
    call(routes.savePostmortemVersion, { params: { id }, body }),
  polish: (id: string) => call(routes.polishPostmortem, { params: { id }, body: {} }),
  artifacts: (signal?: AbortSignal) => call(routes.listArtifacts, { signal }),
  moveLabel: (
    params: ParamsOf<typeof routes.moveArtifactLabel>,
    body: BodyOf<typeof routes.moveArtifactLabel>,
  ) => call(routes.moveArtifactLabel, { params, body }),
  trace: (traceId: string) => call(routes.getTrace, { params: { traceId } }),
  replay: (traceId: string, spanId: string, trials: number) =>
    call(routes.replaySpan, { params: { traceId, spanId }, body: { trials } }),
  bisect: (traceId: string, trials: number) =>
    call(routes.bisectTrace, { params: { traceId }, body: { good: { before: true }, trials } }),
  runEval: (id: string, body: BodyOf<typeof routes.runIncidentEval>) =>
    call(routes.runIncidentEval, { params: { id }, body }),
  createMonitor: (body: BodyOf<typeof routes.createMonitor>) =>
    call(routes.createMonitor, { body }),
};
