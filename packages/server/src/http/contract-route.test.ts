import { API_ROUTES } from '@glassbox/core/api';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/support/test-app.js';

describe('the server and the core/api contract', () => {
  it('serves every route of the contract, and publishes each in the OpenAPI document', async () => {
    const { app } = await testApp();
    await app.ready();
    const doc = (await app.inject('/api/openapi.json')).json();
    for (const [name, route] of Object.entries(API_ROUTES)) {
      expect(app.hasRoute({ method: route.method, url: route.path }), name).toBe(true);
      const openApiPath = route.path.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[openApiPath]?.[route.method.toLowerCase()]?.summary, name).toBe(
        route.summary,
      );
    }
  });
});
