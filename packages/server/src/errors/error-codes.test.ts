import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/support/test-app.js';
import { API_ERROR_CODE_LIST, API_ERROR_CODES } from '@glassbox/core/api';
import { toApiError } from '../http/to-api-error.js';
import { ApiError } from './api-error.js';
import { httpStatusOf } from './http-status.js';
import { SERVER_ERROR_CODES } from './server-error-codes.js';

describe('error codes', () => {
  it('documents every code in the published OpenAPI document', async () => {
    const { app } = await testApp();
    const res = await app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    const errorBody = doc.components.schemas.ErrorBody;
    expect(errorBody.properties.error.properties.code.enum).toEqual(API_ERROR_CODE_LIST);
    for (const code of API_ERROR_CODE_LIST) {
      expect(API_ERROR_CODES[code].length).toBeGreaterThan(10);
      expect(errorBody.description).toContain(`${code} (${httpStatusOf(code)})`);
    }
  });

  it('publishes every route with its parameters and responses', async () => {
    const { app } = await testApp();
    const doc = (await app.inject('/api/openapi.json')).json();
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/api/alerts',
        '/api/alerts/{id}',
        '/api/alerts/{id}/ack',
        '/api/audit',
        '/api/deletions',
        '/api/keys',
        '/api/keys/{id}/revoke',
        '/api/keys/{id}/rotate',
        '/api/settings/retention',
        '/api/usage',
        '/api/artifact-events',
        '/api/artifact-events/stream',
        '/api/artifacts',
        '/api/artifacts/{kind}/{name}',
        '/api/artifacts/{kind}/{name}/canary',
        '/api/artifacts/{kind}/{name}/canary/outcomes',
        '/api/artifacts/{kind}/{name}/history',
        '/api/artifacts/{kind}/{name}/labels',
        '/api/artifacts/{kind}/{name}/labels/{label}',
        '/api/artifacts/{kind}/{name}/labels/{label}/hold',
        '/api/artifacts/{kind}/{name}/labels/{label}/protection',
        '/api/artifacts/{kind}/{name}/labels/{label}/release',
        '/api/artifacts/{kind}/{name}/pins',
        '/api/artifacts/{kind}/{name}/pins/drain',
        '/api/artifacts/{kind}/{name}/versions',
        '/api/artifacts/{kind}/{name}/versions/{version}',
        '/api/artifacts/{kind}/{name}/versions/{version}/gates',
        '/api/artifacts/{kind}/{name}/versions/{version}/revoke',
        '/api/incidents',
        '/api/incidents/{id}',
        '/api/incidents/{id}/evals',
        '/api/incidents/{id}/notes',
        '/api/incidents/{id}/owner',
        '/api/incidents/{id}/postmortem',
        '/api/incidents/{id}/postmortem/polish',
        '/api/incidents/{id}/postmortem/versions',
        '/api/incidents/{id}/postmortem/versions/{version}',
        '/api/incidents/{id}/runbook/{itemId}',
        '/api/incidents/{id}/severity',
        '/api/incidents/{id}/status',
        '/api/incidents/{id}/timeline',
        '/api/incidents/{id}/workspace',
        '/api/metrics',
        '/api/monitors',
        '/api/monitors/{id}',
        '/api/failures/summary',
        '/api/health',
        '/api/sessions',
        '/api/sessions/{sessionId}',
        '/api/sessions/{sessionId}/pins',
        '/api/sessions/{sessionId}/snapshots',
        '/api/sessions/{sessionId}/snapshots/latest',
        '/api/settings/thresholds',
        '/api/traces',
        '/api/traces/extent',
        '/api/traces/{traceId}',
        '/api/traces/{traceId}/diagnosis',
        '/api/traces/{traceId}/bisect',
        '/api/traces/{traceId}/spans/{spanId}/replays',
        '/api/traces/{traceId}/outline',
        '/api/traces/{traceId}/replays',
        '/api/datasets',
        '/api/datasets/{name}/from-traces',
        '/api/datasets/{name}/versions',
        '/api/datasets/{name}/versions/{version}/export',
        '/api/datasets/{name}/versions/{version}/items',
        '/api/eval-coverage',
        '/api/eval-runs',
        '/api/eval-runs/{runId}',
        '/api/eval-runs/{runId}/compare/{baselineId}',
        '/api/online-eval/rules',
        '/api/reviews',
        '/api/reviews/agreement',
        '/api/reviews/{traceId}/labels',
        '/api/traces/{traceId}/scores',
        '/api/traces/{traceId}/spans/{spanId}',
        '/v1/logs',
        '/v1/traces',
      ].sort(),
    );
    const list = doc.paths['/api/traces'].get;
    const params = list.parameters.map((p: { name: string }) => p.name);
    for (const name of [
      'from',
      'to',
      'sessionId',
      'userId',
      'model',
      'provider',
      'kind',
      'status',
      'name',
      'q',
      'tag',
      'version',
      'category',
      'layer',
      'limit',
      'cursor',
    ]) {
      expect(params).toContain(name);
    }
    expect(Object.keys(list.responses)).toEqual(expect.arrayContaining(['200', '400', '401']));
    expect(Object.keys(doc.paths['/api/traces/{traceId}'].get.responses)).toContain('404');
  });

  it('explains every startup code the server reports outside HTTP', () => {
    for (const description of Object.values(SERVER_ERROR_CODES)) {
      expect(description.length).toBeGreaterThan(10);
    }
  });

  it('maps each code to its HTTP status and normalizes unknown throws to internal', () => {
    expect(new ApiError('queue_full', 'x').statusCode).toBe(429);
    expect(new ApiError('body_too_large', 'x').statusCode).toBe(413);
    const unknown = toApiError(new TypeError('secret detail'));
    expect(unknown.code).toBe('internal');
    expect(unknown.statusCode).toBe(500);
    expect(unknown.message).not.toContain('secret');
  });

  it('answers an unexpected store failure with a 500 error body', async () => {
    const { app, storage } = await testApp();
    storage.traces.listTraces = () => Promise.reject(new Error('disk on fire'));
    const res = await app.inject('/api/traces');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'internal', message: 'internal server error' } });
  });
});
