import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '@glassbox/store';
import { SCENARIOS } from '@glassbox/simulator';
import type { GroundTruth } from '@glassbox/simulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import { captureContext } from '../../test/support/capture-context.js';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'glassbox-demo-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

async function demo(argv: string[]) {
  const io = captureContext({ cwd: dataDir });
  const code = await runCli(['demo', ...argv], io.context);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('glassbox demo', () => {
  it('--list prints every scenario with its description', async () => {
    const { code, out } = await demo(['--list']);
    expect(code).toBe(0);
    for (const s of SCENARIOS) {
      expect(out).toContain(s.name);
      expect(out).toContain(s.description);
    }
  });

  it('--help documents the flags', async () => {
    const { code, out } = await demo(['--help']);
    expect(code).toBe(0);
    for (const flag of [
      '--scenario',
      '--seed',
      '--speed',
      '--duration',
      '--list',
      '--healthy',
      '--incident',
      '--exit',
      '--host',
      '--port',
      '--data-dir',
      '--database-url',
    ]) {
      expect(out).toContain(flag);
    }
  });

  it.each([
    [['--scenario', 'nope'], /invalid --scenario: unknown scenario "nope" \(known: prompt-drift/],
    [['--seed', '1.5'], /invalid --seed "1.5": expected a non-negative integer/],
    [['--speed', '0'], /invalid --speed "0": expected a positive number or "max"/],
    [['--speed', 'fast'], /invalid --speed "fast"/],
    [['--healthy', '0'], /invalid --healthy "0": expected a positive whole number of requests/],
    [['--incident', 'many'], /invalid --incident "many"/],
    [['--duration', '10 minutes'], /invalid --duration "10 minutes"/],
    [['--port', '70000'], /invalid --port "70000"/],
    [['--database-url', 'mysql://x'], /only PostgreSQL URLs/],
    [['--bogus'], /unknown option --bogus for "demo"/],
  ])('rejects %j with a usage error', async (argv, message) => {
    const { code, err } = await demo(argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err).toContain('glassbox demo --help');
  });

  it('stops at --duration, before the traffic is done', async () => {
    const { code, out } = await demo([
      '--scenario',
      'prompt-drift',
      '--speed',
      'max',
      '--duration',
      '5s',
      '--port',
      '0',
      '--data-dir',
      dataDir,
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(/Stopped\.\n$/);
    expect(out).not.toContain('Detection:');
    // Under load the deadline may come before the first request: then nothing is recorded.
    const path = join(dataDir, 'ground-truth', 'prompt-drift-seed1.json');
    if (existsSync(path)) {
      const truth = JSON.parse(readFileSync(path, 'utf8')) as GroundTruth;
      expect(truth.completed).toBe(false);
      expect(out).toMatch(/prompt-drift \(stopped early\)/);
    }
  }, 60_000);

  it('runs a scenario at maximum speed, stores its traces and ground truth, and exits with --exit', async () => {
    const { code, out, err } = await demo([
      '--scenario',
      'sampling-change',
      '--seed',
      '3',
      '--speed',
      'max',
      '--healthy',
      '40',
      '--incident',
      '40',
      '--exit',
      '--port',
      '0',
      '--data-dir',
      dataDir,
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/Glassbox demo: server on http:\/\/127\.0\.0\.1:\d+ \(sqlite in /);
    expect(out).toMatch(/\[sampling-change\] healthy .* requests \d+ {2}errors 0/);
    expect(out).toMatch(/\[sampling-change\] incident/);
    expect(out).toMatch(/\/traces\?tag=scenario%3Asampling-change&from=\d+/);
    expect(out).toMatch(/failures: http:\/\/127\.0\.0\.1:\d+\/failures/);
    expect(out).toMatch(/Detection: [01] of 1 scenarios opened an incident/);
    expect(out).toMatch(/^sampling-change +(http:\/\/\S+\/incidents\/\S+|none opened) /m);
    expect(out).toMatch(/Stopped\.\n$/);
    const path = join(dataDir, 'ground-truth', 'sampling-change-seed3.json');
    expect(existsSync(path)).toBe(true);
    const truth = JSON.parse(readFileSync(path, 'utf8')) as GroundTruth;
    expect(truth.failingLayer).toBe('generation');
    expect(truth.onsetMs).toBeLessThanOrEqual(Date.now());
    expect(truth.incident.traceIds.length).toBeGreaterThan(0);
    const storage = await openStorage({ dataDir });
    try {
      const stored = await storage.traces.getTrace('default', truth.incident.traceIds[0]!);
      expect(stored?.spans.some((s) => s.parameters.temperature === 1.3)).toBe(true);
    } finally {
      await storage.close();
    }
  }, 30_000);
});
