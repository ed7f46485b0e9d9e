// The server under test for bench/ingest.js, in its own process so its peak memory is its own.
// Receives { storage: { dataDir?, databaseUrl? }, classifyFailures, writeQueue?, ingestThreads? },
// answers { type: 'listening', url }; on 'stop' it drains, closes storage and answers
// { type: 'stopped', peakRssMb }.
import { createServer } from '@glassbox/server';
import { openStorage } from '@glassbox/store';

process.once(
  'message',
  async ({ storage: storageOptions, classifyFailures, writeQueue, ingestThreads }) => {
    const storage = await openStorage(storageOptions);
    const server = await createServer({
      storage,
      host: '127.0.0.1',
      port: 0,
      classifyFailures,
      ...(writeQueue ? { writeQueue } : {}),
      ...(ingestThreads === undefined ? {} : { ingestThreads }),
    });
    process.send({ type: 'listening', url: server.url, backend: storage.backend });
    process.once('message', async () => {
      await server.close();
      await storage.close();
      // maxRSS is in kilobytes (KiB on Linux).
      const peakRssMb = process.resourceUsage().maxRSS / 1024;
      // Exiting (rather than being killed) lets --cpu-prof write its profile.
      process.send({ type: 'stopped', peakRssMb }, () => process.exit(0));
    });
  },
);
