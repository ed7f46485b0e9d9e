// `npm run bench`: every benchmark, each in its own process.
// Scripts may import test-only TypeScript (corpora), hence tsx.
// Their options differ, so set them with BENCH_* environment variables here.
import { spawnSync } from 'node:child_process';

for (const script of [
  'ingest.js',
  'query.js',
  'sdk-overhead.js',
  'classification-quality.js',
  'detect.js',
  'evals.js',
]) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', new URL(`./${script}`, import.meta.url).pathname],
    {
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}
