import type { TSchema } from '@sinclair/typebox';
import { Type } from './type-builder.js';
import type {
  Alert,
  Incident,
  MonitorArming,
  MonitorDefinition,
  RollupPoint,
} from '../detect/index.js';
import { anyObject, modelled, OPEN, stringEnum } from './schema-helpers.js';

/* The detection documents: monitors, alerts, incidents, metric rollups. */

/** Where a monitor came from: seeded defaults, the API, or the monitors file. */
export const MONITOR_ORIGINS = ['default', 'api', 'file'] as const;
export type MonitorOrigin = (typeof MONITOR_ORIGINS)[number];

/** A monitor as `/api/monitors` returns it: its definition, origin and evaluation progress. */
export type MonitorView = MonitorDefinition & {
  origin: MonitorOrigin;
  updatedAtMs: number;
  progress: {
    seen: number;
    alarmed: boolean;
    lateDropped: number;
    watermarkMs?: number;
    /** Learning its baseline until armed; until then it judges nothing. */
    arming: MonitorArming;
  };
};

/** `/api/incidents/:id`: the incident with its alerts' current versions. */
export type IncidentDetail = Incident & { alerts: Alert[] };

/** `/api/metrics`: one metric rolled up per event-time bucket. */
export interface MetricSeries {
  metric: string;
  from: number;
  to: number;
  bucketMs: number;
  segment?: Record<string, string>;
  truncated: boolean;
  points: RollupPoint[];
}

export const monitorSchema = modelled<MonitorView>()(
  Type.Object(
    {
      id: Type.Optional(Type.String()),
      name: Type.Optional(Type.String()),
      metric: Type.Optional(Type.String()),
      detector: Type.Optional(Type.String()),
      origin: Type.Optional(stringEnum(MONITOR_ORIGINS)),
      enabled: Type.Optional(Type.Boolean()),
    },
    OPEN,
  ),
);

/** A monitor definition; checked by core's checkMonitor, which names a bad field. */
export const monitorBodySchema = modelled<MonitorDefinition>()(anyObject());

export const alertSchema = modelled<Alert>()(anyObject());
export const incidentSchema = modelled<Incident>()(anyObject());
export const incidentDetailSchema = modelled<IncidentDetail>()(anyObject());
export const metricSeriesSchema = modelled<MetricSeries>()(anyObject());

/** `{ items: [...] }`, how every list answers. */
export const itemsOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });

export const idParamsSchema = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 200 }),
});
