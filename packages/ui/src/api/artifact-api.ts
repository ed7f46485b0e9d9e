import { API_ROUTES, type BodyOf, type ParamsOf, type RouteSearchParams } from '@glassbox/core/api';
import { call } from './api-client.js';

const routes = API_ROUTES;

/** One artifact, as its routes name it. */
export type ArtifactRef = ParamsOf<typeof routes.listArtifactVersions>;

/** The artifact registry's calls, one function per endpoint the UI uses. */
export const artifactApi = {
  listArtifacts: (signal?: AbortSignal) => call(routes.listArtifacts, { signal }),
  listArtifactVersions: (params: ArtifactRef, signal?: AbortSignal) =>
    call(routes.listArtifactVersions, { params, signal }),
  artifactHistory: (params: ArtifactRef, signal?: AbortSignal) =>
    call(routes.getArtifactHistory, { params, signal }),
  artifactPins: (params: ArtifactRef, signal?: AbortSignal) =>
    call(routes.listArtifactPins, { params, signal }),
  artifactPinDrain: (
    params: ArtifactRef,
    query: RouteSearchParams<typeof routes.getArtifactPinDrain>,
    signal?: AbortSignal,
  ) => call(routes.getArtifactPinDrain, { params, query, signal }),
  artifactLabels: (params: ArtifactRef, signal?: AbortSignal) =>
    call(routes.listArtifactLabels, { params, signal }),
  artifactCanary: (params: ArtifactRef, signal?: AbortSignal) =>
    call(routes.getArtifactCanary, { params, signal }),
  startArtifactCanary: (params: ArtifactRef, body: BodyOf<typeof routes.startArtifactCanary>) =>
    call(routes.startArtifactCanary, { params, body }),
  samplingRules: (signal?: AbortSignal) => call(routes.getSamplingRules, { signal }),
  moveArtifactLabel: (
    params: ArtifactRef & { label: string },
    body: BodyOf<typeof routes.moveArtifactLabel>,
  ) => call(routes.moveArtifactLabel, { params, body }),
};
