import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';
import { captureContext } from '../../test/support/capture-context.js';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'glassbox-keys-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';

function otlpJson(traceId: string) {
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'shop' } }] },
        scopeSpans: [
          {
            scope: { name: 'test' },
            spans: [
              {
                traceId,
                spanId: 'b7ad6b7169203331',
                name: 'chat gpt-4o',
                kind: 3,
                startTimeUnixNano: '1700000000000000000',
                endTimeUnixNano: '1700000001000000000',
                attributes: [
                  { key: 'gen_ai.operation.name', value: { stringValue: 'chat' } },
                  { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o' } },
                ],
              },
            ],
          },
        ],
      },
    ],
  });
}

async function createKey(project: string): Promise<string> {
  const io = captureContext();
  expect(
    await runCli(['keys', 'create', '--project', project, '--data-dir', dataDir], io.context),
  ).toBe(0);
  const key = /^ {2}(gbx_\S+)$/m.exec(io.stdout())?.[1];
  expect(key, io.stdout()).toBeDefined();
  expect(io.stdout()).toContain(`project "${project}"`);
  return key!;
}

describe('glassbox keys create', () => {
  it('prints a different key each time, for the named project', async () => {
    const first = await createKey('shop');
    const second = await createKey('shop');
    expect(first).not.toBe(second);
  });

  it('creates a key the server accepts for ingest and scopes reads to its project', async () => {
    const shopKey = await createKey('shop');
    const otherKey = await createKey('other');
    const abort = new AbortController();
    const io = captureContext({ signal: abort.signal });
    const exit = runCli(['serve', '--port', '0', '--data-dir', dataDir], io.context);
    const [, url] = await io.waitFor(/Glassbox listening on (http:\/\/\S+)/);
    try {
      const post = (authorization?: string) =>
        fetch(`${url}/v1/traces`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(authorization ? { authorization } : {}),
          },
          body: otlpJson(TRACE_ID),
        });
      expect((await post()).status).toBe(401);
      expect((await post('Bearer gbx_not-a-real-key')).status).toBe(401);
      const accepted = await post(`Bearer ${shopKey}`);
      expect(accepted.status).toBe(200);

      const read = (key: string) =>
        fetch(`${url}/api/traces/${TRACE_ID}`, { headers: { authorization: `Bearer ${key}` } });
      const mine = await read(shopKey);
      expect(mine.status).toBe(200);
      const detail = (await mine.json()) as { trace: { traceId: string }; spans: unknown[] };
      expect(detail.trace.traceId).toBe(TRACE_ID);
      expect(detail.spans).toHaveLength(1);
      expect((await read(otherKey)).status).toBe(404);
    } finally {
      abort.abort();
      expect(await exit).toBe(0);
    }
  });

  it('names the unreachable database', async () => {
    const io = captureContext();
    const argv = [
      'keys',
      'create',
      '--project',
      'x',
      '--database-url',
      'postgres://postgres@127.0.0.1:1/x',
    ];
    expect(await runCli(argv, io.context)).toBe(1);
    expect(io.stderr()).toMatch(/cannot reach PostgreSQL at 127\.0\.0\.1:1 \(connection refused\)/);
  });

  it('takes the data directory from GLASSBOX_DATA_DIR', async () => {
    const io = captureContext({ env: { GLASSBOX_DATA_DIR: dataDir } });
    expect(await runCli(['keys', 'create', '--project', 'shop'], io.context)).toBe(0);
    expect(io.stdout()).toContain(`sqlite in ${dataDir}`);
  });
});

describe('glassbox keys list, revoke and rotate', () => {
  async function run(args: string[]) {
    const io = captureContext();
    const code = await runCli([...args, '--data-dir', dataDir], io.context);
    return { code, out: io.stdout(), err: io.stderr() };
  }

  it('lists keys with prefix, project and scopes but never the key; revokes and rotates', async () => {
    const admin = await createKey('shop');
    const created = await run(['keys', 'create', '--project', 'shop', '--scopes', 'ingest']);
    expect(created.out).toContain('Scopes: ingest');
    const ingestKey = /^ {2}(gbx_\S+)$/m.exec(created.out)![1]!;

    const listed = await run(['keys', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/PREFIX +PROJECT +SCOPES +CREATED +LAST USED +EXPIRES +STATE/);
    expect(listed.out).toContain(admin.slice(0, 12));
    expect(listed.out).toMatch(/shop +ingest,read,admin/);
    expect(listed.out).toMatch(/shop +ingest +/);
    expect(listed.out).not.toContain(admin);
    expect(listed.out).not.toContain(ingestKey);

    const rotated = await run(['keys', 'rotate', ingestKey.slice(0, 12), '--grace', '1h']);
    expect(rotated.code).toBe(0);
    expect(rotated.out).toMatch(/New key \(scopes ingest\)/);
    expect(rotated.out).toContain(`The old key ${ingestKey.slice(0, 12)} works until`);

    const revoked = await run(['keys', 'revoke', admin.slice(0, 12)]);
    expect(revoked.code).toBe(0);
    expect((await run(['keys', 'list', '--project', 'shop'])).out).toMatch(/revoked/);
  });

  it('refuses bad scopes, bad expiry, a missing grace and unknown keys', async () => {
    await createKey('shop');
    const badScope = await run(['keys', 'create', '--project', 'shop', '--scopes', 'write']);
    expect(badScope.code).toBe(2);
    expect(badScope.err).toContain('invalid --scopes "write"');
    const badDays = await run(['keys', 'create', '--project', 'shop', '--expires-in-days', '0']);
    expect(badDays.err).toContain('--expires-in-days');
    const noGrace = await run(['keys', 'rotate', 'gbx_whatever']);
    expect(noGrace.err).toContain('--grace');
    const unknown = await run(['keys', 'revoke', 'gbx_nosuchkey']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain('no key "gbx_nosuchkey"');
    const noRef = await run(['keys', 'revoke']);
    expect(noRef.err).toContain("needs the key's prefix or id");
    expect((await run(['keys', 'list', '--project', 'nope'])).err).toContain('no project "nope"');
  });
});
