import { createMemoryStorage } from '@glassbox/store';
import type { FastifyInstance } from 'fastify';
import { afterEach } from 'vitest';
import { buildApp } from '../../src/build-app.js';
import type { ServerOptions } from '../../src/server-options.js';
import { instrument, type InstrumentedStorage } from './fake-storage.js';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

/** An app over fresh in-memory storage whose writes the test can observe, slow or fail. */
export async function testApp(
  options: Partial<Omit<ServerOptions, 'storage'>> = {},
): Promise<{ app: FastifyInstance; storage: InstrumentedStorage }> {
  const storage = instrument(createMemoryStorage());
  const app = await buildApp({ host: '127.0.0.1', port: 0, ...options, storage });
  apps.push(app);
  return { app, storage };
}

export const PROTOBUF = { 'content-type': 'application/x-protobuf' } as const;
export const JSON_TYPE = { 'content-type': 'application/json' } as const;
