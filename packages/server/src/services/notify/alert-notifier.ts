import type { Alert, Incident, NotificationTarget } from '@glassbox/core/detect';
import { slackPayload, webhookPayload, type AlertNotice } from './notification-payload.js';
import {
  sendWebhook,
  type RetryPolicy,
  type WebhookDeps,
  type WebhookResult,
} from './send-webhook.js';

/** One delivery's outcome, kept for tests and logs. */
export interface Delivery {
  target: NotificationTarget;
  notice: AlertNotice;
  alertId: string;
  result: WebhookResult;
}

/**
 * Sends alert notifications in the background (generic JSON or Slack-compatible webhooks,
 * retried with back-off) so a slow receiver never delays detection; `flush()` waits for
 * those in flight.
 *
 * @example
 * notifier.notify('opened', alert, targets, incident);
 * await notifier.flush();
 */
export class AlertNotifier {
  private readonly inFlight = new Set<Promise<void>>();
  readonly deliveries: Delivery[] = [];

  constructor(
    private readonly deps: WebhookDeps & {
      onFailure?: (d: Delivery) => void;
      policy?: Partial<RetryPolicy>;
    } = {},
  ) {}

  notify(
    notice: AlertNotice,
    alert: Alert,
    targets: readonly NotificationTarget[],
    incident?: Incident,
  ): void {
    for (const target of targets) {
      const body =
        target.type === 'slack'
          ? slackPayload(notice, alert)
          : webhookPayload(notice, alert, incident);
      const job = sendWebhook(target.url, body, this.deps.policy, this.deps).then((result) => {
        const delivery = { target, notice, alertId: alert.id, result };
        this.deliveries.push(delivery);
        if (this.deliveries.length > 1000) this.deliveries.shift();
        if (!result.ok) this.deps.onFailure?.(delivery);
      });
      this.inFlight.add(job);
      void job.finally(() => this.inFlight.delete(job));
    }
  }

  async flush(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }
}
