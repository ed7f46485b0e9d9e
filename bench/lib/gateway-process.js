// A child process for bench/gateway.js: the Glassbox gateway from the build, with guards on
// (breakers, retries, a budget reserved and settled per call, context budget, tracing), its
// budgets and idempotency keys in a SQLite database as `glassbox gateway` keeps them (the
// budget spent from a leased slice, so no call waits on the database).
// Usage: node gateway-process.js UPSTREAM_PORT DATA_DIR (the caller removes DATA_DIR)
import { startGateway, validateGatewayConfig } from '@glassbox/gateway';
import { openStorage } from '@glassbox/store';

const upstream = `http://127.0.0.1:${process.argv[2]}`;
const config = validateGatewayConfig(
  {
    providers: [{ name: 'mock', baseUrl: `${upstream}/v1` }],
    budgets: [{ scope: 'project', period: 'total', maxUsd: 1_000_000 }],
    glassboxUrl: upstream,
  },
  [],
);
const storage = await openStorage({ dataDir: process.argv[3] });
const gateway = await startGateway({
  config,
  env: {},
  authenticate: null,
  stores: storage.guards,
  port: 0,
});
process.on('SIGINT', () => {
  void gateway
    .close()
    .then(() => storage.close())
    .finally(() => process.exit(0));
});
console.log(`listening ${new URL(gateway.url).port}`);
