export { sendWebhook, DEFAULT_RETRY } from './send-webhook.js';
export type { RetryPolicy, WebhookResult, WebhookDeps } from './send-webhook.js';
export { slackPayload, webhookPayload } from './notification-payload.js';
export type { AlertNotice } from './notification-payload.js';
export { AlertNotifier } from './alert-notifier.js';
export type { Delivery } from './alert-notifier.js';
