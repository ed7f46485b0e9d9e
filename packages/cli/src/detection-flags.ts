import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NotificationTarget } from '@glassbox/core/detect';
import type { DetectionOptions } from '@glassbox/server';
import { CliError } from './cli-error.js';
import type { CliContext } from './cli-context.js';
import { parseDurationFlag } from './duration-flag.js';
import { envValue } from './env-value.js';

/** The flags of the detection background job. */
export const DETECTION_FLAGS = {
  'detect-interval': { type: 'string' },
  monitors: { type: 'string' },
  webhook: { type: 'string', multiple: true },
  'slack-webhook': { type: 'string', multiple: true },
} as const;

export const DETECTION_FLAGS_HELP = `  --detect-interval T  How often detection runs, e.g. 5s (default), 1m; "off" disables it
                       (env GLASSBOX_DETECT_INTERVAL)
  --monitors FILE      Monitors YAML loaded at start, beside the default monitors
                       (env GLASSBOX_MONITORS)
  --webhook URL        Send every alert as JSON to this URL (repeatable)
  --slack-webhook URL  Send every alert to this Slack incoming webhook (repeatable)`;

interface DetectionFlagValues {
  'detect-interval'?: string | undefined;
  monitors?: string | undefined;
  webhook?: string[] | undefined;
  'slack-webhook'?: string[] | undefined;
}

/**
 * Detection options from flags, then environment; flags win.
 *
 * @example
 * resolveDetectionFlags('serve', { 'detect-interval': '10s' }, context).intervalMs; // 10000
 */
export function resolveDetectionFlags(
  command: string,
  values: DetectionFlagValues,
  context: CliContext,
): DetectionOptions {
  const interval = values['detect-interval'] ?? envValue(context.env, 'GLASSBOX_DETECT_INTERVAL');
  const intervalSource =
    values['detect-interval'] !== undefined ? '--detect-interval' : 'GLASSBOX_DETECT_INTERVAL';
  const options: DetectionOptions = {};
  if (interval !== undefined) {
    if (interval.trim() === 'off') options.enabled = false;
    else options.intervalMs = parseDurationFlag(command, intervalSource, interval);
  }
  const monitors = values.monitors ?? envValue(context.env, 'GLASSBOX_MONITORS');
  if (monitors !== undefined) {
    const file = resolve(context.cwd, monitors);
    if (!existsSync(file)) {
      const source = values.monitors !== undefined ? '--monitors' : 'GLASSBOX_MONITORS';
      throw new CliError('INVALID_OPTION', `${source}: no such file ${file}`, command);
    }
    options.monitorsFile = file;
  }
  const notify: NotificationTarget[] = [
    ...(values.webhook ?? []).map((url) => target(command, 'webhook', '--webhook', url)),
    ...(values['slack-webhook'] ?? []).map((url) =>
      target(command, 'slack', '--slack-webhook', url),
    ),
  ];
  if (notify.length > 0) options.notify = notify;
  return options;
}

function target(
  command: string,
  type: NotificationTarget['type'],
  source: string,
  url: string,
): NotificationTarget {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new CliError(
      'INVALID_OPTION',
      `invalid ${source} "${url}": expected an http:// or https:// URL`,
      command,
    );
  }
  return { type, url };
}
