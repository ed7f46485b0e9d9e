import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { captureContext } from '../test/support/capture-context.js';

describe('runCli', () => {
  it('lists every command in the main help', async () => {
    for (const argv of [[], ['--help'], ['-h']]) {
      const io = captureContext();
      expect(await runCli(argv, io.context)).toBe(0);
      expect(io.stdout()).toMatch(/Usage: glassbox <command>/);
      expect(io.stdout()).toMatch(/^ {2}serve +Run the server/m);
      expect(io.stdout()).toMatch(/^ {2}keys +Manage API keys/m);
    }
  });

  it('prints the package version', async () => {
    const io = captureContext();
    expect(await runCli(['--version'], io.context)).toBe(0);
    expect(io.stdout()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it.each([
    [
      ['serve', '--help'],
      /Usage: glassbox serve[\s\S]*--host[\s\S]*--port[\s\S]*--data-dir[\s\S]*--database-url/,
    ],
    [['serve', '-h'], /Usage: glassbox serve/],
    [['keys'], /Usage: glassbox keys[\s\S]*create --project NAME/],
    [['keys', '--help'], /Usage: glassbox keys/],
    [
      ['keys', 'create', '--help'],
      /Usage: glassbox keys create --project NAME[\s\S]*--database-url/,
    ],
  ])('prints help for %j', async (argv, pattern) => {
    const io = captureContext();
    expect(await runCli(argv, io.context)).toBe(0);
    expect(io.stdout()).toMatch(pattern);
    expect(io.stderr()).toBe('');
  });

  it('names an unknown command and exits with 2', async () => {
    const io = captureContext();
    expect(await runCli(['srve'], io.context)).toBe(2);
    expect(io.stderr()).toMatch(
      /unknown command "srve" \(commands: serve, gateway, keys, backup, restore, delete, demo, eval, postmortem, replay, bisect, prompts, datasets\)/,
    );
    expect(io.stderr()).toMatch(/glassbox --help/);
  });

  it('names an unknown flag and exits with 2', async () => {
    const io = captureContext();
    expect(await runCli(['serve', '--prot', '80'], io.context)).toBe(2);
    expect(io.stderr()).toMatch(/unknown option --prot for "serve"/);
    expect(io.stderr()).toMatch(/glassbox serve --help/);
    expect(io.stderr()).not.toMatch(/\n\s+at /);
  });

  it('names a flag that lacks its value', async () => {
    const io = captureContext();
    expect(await runCli(['serve', '--port'], io.context)).toBe(2);
    expect(io.stderr()).toMatch(/option --port needs a value/);
  });

  it.each(['abc', '-1', '65536', '80.5', ''])('rejects --port %j naming it', async (port) => {
    const io = captureContext();
    expect(await runCli(['serve', `--port=${port}`], io.context)).toBe(2);
    expect(io.stderr()).toContain(`invalid --port "${port}": expected an integer from 0 to 65535`);
  });

  it('names GLASSBOX_PORT when the bad port comes from the environment', async () => {
    const io = captureContext({ env: { GLASSBOX_PORT: 'http' } });
    expect(await runCli(['serve'], io.context)).toBe(2);
    expect(io.stderr()).toContain('invalid GLASSBOX_PORT "http"');
  });

  it('rejects a database URL that is not PostgreSQL', async () => {
    const io = captureContext();
    expect(await runCli(['serve', '--database-url', 'mysql://db/x'], io.context)).toBe(2);
    expect(io.stderr()).toMatch(
      /only PostgreSQL URLs \(postgres:\/\/\.\.\.\) are supported, got mysql:/,
    );
  });

  it('requires --project for keys create and rejects unknown subcommands', async () => {
    const missing = captureContext();
    expect(await runCli(['keys', 'create'], missing.context)).toBe(2);
    expect(missing.stderr()).toMatch(/keys create needs --project NAME/);
    const unknown = captureContext();
    expect(await runCli(['keys', 'delete'], unknown.context)).toBe(2);
    expect(unknown.stderr()).toMatch(
      /unknown subcommand "keys delete" \(known: create, list, revoke, rotate\)/,
    );
  });
});
