import { API_ROUTES, type ApiKeyScope, type RouteContract } from '@glassbox/core/api';

/** Routes whose scope is not what their method implies. */
const EXCEPTIONS = new Map<RouteContract, ApiKeyScope>([
  // Keys and the audit log reveal who can do what: administrators only.
  [API_ROUTES.listApiKeys, 'admin'],
  [API_ROUTES.listAuditLog, 'admin'],
  // The SDK's prompt client records session pins and snapshots while the app runs.
  [API_ROUTES.createSessionSnapshot, 'read'],
  [API_ROUTES.endSessionPins, 'read'],
]);

/**
 * The scope a query API route needs: reads need `read`, changes need `admin`, with the few
 * exceptions above. The OTLP receiver needs `ingest` (see otlpRoutes).
 *
 * @example
 * scopeOf(API_ROUTES.putThresholds); // 'admin'
 */
export function scopeOf(route: RouteContract): ApiKeyScope {
  return EXCEPTIONS.get(route) ?? (route.method === 'GET' ? 'read' : 'admin');
}
