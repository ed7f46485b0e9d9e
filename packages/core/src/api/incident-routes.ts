import { Type } from './type-builder.js';
import { INCIDENT_STATUSES } from '../detect/index.js';
import { POSTMORTEM_FORMATS } from '../postmortem/index.js';
import {
  idParamsSchema,
  incidentDetailSchema,
  incidentSchema,
  itemsOf,
} from './detection-schemas.js';
import { defineRoute, LOOKUP_ERRORS, PROJECT_ERRORS } from './route-contract.js';
import { defaulted, stringEnum } from './schema-helpers.js';

const tags = ['detection'];

/** GET /api/incidents. */
export const listIncidents = defineRoute({
  method: 'GET',
  path: '/api/incidents',
  summary: 'List incidents, newest first',
  tags,
  querystring: Type.Object(
    {
      status: Type.Optional(stringEnum(INCIDENT_STATUSES)),
      limit: defaulted(Type.Integer({ minimum: 1, maximum: 1000 }), 100),
    },
    { additionalProperties: false },
  ),
  response: { 200: itemsOf(incidentSchema) },
  errors: PROJECT_ERRORS,
});

/** GET /api/incidents/:id: the incident with its timeline and alerts. */
export const getIncident = defineRoute({
  method: 'GET',
  path: '/api/incidents/:id',
  summary: 'One incident with its timeline and alerts',
  tags,
  params: idParamsSchema,
  response: { 200: incidentDetailSchema },
  errors: LOOKUP_ERRORS,
});

/** GET /api/incidents/:id/postmortem: the draft assembled from the incident's evidence. */
export const getPostmortem = defineRoute({
  method: 'GET',
  path: '/api/incidents/:id/postmortem',
  summary: "The incident's postmortem draft, assembled from stored evidence",
  description:
    'format=md (text/markdown, for people), yaml (application/yaml with the keys incident, symptom, timeline, root_cause, detection_gap, resolution) or json (every statement with its evidence links).',
  tags,
  params: idParamsSchema,
  querystring: Type.Object(
    { format: defaulted(stringEnum(POSTMORTEM_FORMATS), 'md') },
    { additionalProperties: false },
  ),
  response: {},
  errors: LOOKUP_ERRORS,
});
