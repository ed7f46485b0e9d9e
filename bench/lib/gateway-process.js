// A child process for bench/gateway.js: the Glassbox gateway from the build, with guards on
// (breakers, retries, a budget reserved and settled per call, context budget, tracing).
// Usage: node gateway-process.js UPSTREAM_PORT
import { startGateway, validateGatewayConfig } from '@glassbox/gateway';

const upstream = `http://127.0.0.1:${process.argv[2]}`;
const config = validateGatewayConfig(
  {
    providers: [{ name: 'mock', baseUrl: `${upstream}/v1` }],
    budgets: [{ scope: 'project', period: 'total', maxUsd: 1_000_000 }],
    glassboxUrl: upstream,
  },
  [],
);
const gateway = await startGateway({ config, env: {}, authenticate: null, port: 0 });
console.log(`listening ${new URL(gateway.url).port}`);
