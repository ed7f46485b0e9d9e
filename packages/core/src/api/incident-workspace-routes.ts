import { Type } from './type-builder.js';
import type { IncidentTimelineEntry, RunbookView, WorkspaceState } from '../incidents/index.js';
import { INCIDENT_SEVERITIES, WORKSPACE_STATUSES } from '../incidents/index.js';
import { idParamsSchema } from './detection-schemas.js';
import type { PolishedPostmortem } from '../postmortem/index.js';
import { defineRoute, LOOKUP_ERRORS } from './route-contract.js';
import { stringEnum } from './schema-helpers.js';

const tags = ['incidents'];
/** Who acts on an incident. */
export const author = Type.String({
  minLength: 1,
  maxLength: 200,
  description: 'Who does it; kept with the action.',
});

/** An incident's workspace: the state people set, and the runbook with what is done. */
export interface IncidentWorkspaceView {
  state: WorkspaceState;
  runbook: RunbookView;
}
const workspaceSchema = Type.Unsafe<IncidentWorkspaceView>({
  type: 'object',
  additionalProperties: true,
  required: ['state', 'runbook'],
  description:
    'state: status, severity, owner, notes, manual runbook ticks, postmortem versions; runbook: four phases, each item done by glassbox (seen in the data) or by hand.',
});
const actionRoute = <B extends ReturnType<typeof Type.Object>>(
  method: 'PUT' | 'POST',
  path: string,
  summary: string,
  body: B,
  description?: string,
) =>
  defineRoute({
    method,
    path,
    summary,
    ...(description ? { description } : {}),
    tags,
    params: idParamsSchema,
    body,
    response: { 200: workspaceSchema },
    errors: LOOKUP_ERRORS,
  });

/** GET /api/incidents/:id/workspace. */
export const getIncidentWorkspace = defineRoute({
  method: 'GET',
  path: '/api/incidents/:id/workspace',
  summary: "The incident's workspace: status, severity, owner, notes and the runbook",
  tags,
  params: idParamsSchema,
  response: { 200: workspaceSchema },
  errors: LOOKUP_ERRORS,
});

/** GET /api/incidents/:id/timeline. */
export const getIncidentTimeline = defineRoute({
  method: 'GET',
  path: '/api/incidents/:id/timeline',
  summary: 'The incident in time order, from every source',
  description:
    'Alerts (onset, open, resolve), changes (version shifts, model first seen, sampling), artifact label moves, rollbacks and canaries, traffic mix shifts, replays and bisections on its traces, and what people did.',
  tags,
  params: idParamsSchema,
  response: {
    200: Type.Object({
      items: Type.Array(
        Type.Unsafe<IncidentTimelineEntry>({ type: 'object', additionalProperties: true }),
      ),
    }),
  },
  errors: LOOKUP_ERRORS,
});

/** PUT /api/incidents/:id/status. */
export const setIncidentStatus = actionRoute(
  'PUT',
  '/api/incidents/:id/status',
  'Move the incident through its lifecycle (or reopen it)',
  Type.Object(
    {
      author,
      status: stringEnum(WORKSPACE_STATUSES),
      reason: Type.Optional(Type.String({ maxLength: 2000 })),
    },
    { additionalProperties: false },
  ),
  'triggered → investigating → identified → monitoring → resolved; resolved → investigating reopens. A move the lifecycle does not allow is a 400 naming the allowed ones.',
);

/** PUT /api/incidents/:id/severity. */
export const setIncidentSeverity = actionRoute(
  'PUT',
  '/api/incidents/:id/severity',
  'Set the severity (SEV1 worst … SEV4)',
  Type.Object(
    { author, severity: stringEnum(INCIDENT_SEVERITIES) },
    { additionalProperties: false },
  ),
);

/** PUT /api/incidents/:id/owner. */
export const setIncidentOwner = actionRoute(
  'PUT',
  '/api/incidents/:id/owner',
  'Assign the owner (null removes it)',
  Type.Object(
    {
      author,
      owner: Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: 200 }),
    },
    { additionalProperties: false },
  ),
);

/** POST /api/incidents/:id/notes. */
export const addIncidentNote = actionRoute(
  'POST',
  '/api/incidents/:id/notes',
  'Add a note to the incident',
  Type.Object({ author, text: Type.String() }, { additionalProperties: false }),
);

/** PUT /api/incidents/:id/runbook/:itemId. */
export const tickRunbookItem = defineRoute({
  method: 'PUT',
  path: '/api/incidents/:id/runbook/:itemId',
  summary: 'Tick (or untick) a runbook item by hand',
  tags,
  params: Type.Object({
    id: idParamsSchema.properties.id,
    itemId: Type.String({ minLength: 1, maxLength: 100 }),
  }),
  body: Type.Object({ author, done: Type.Boolean() }, { additionalProperties: false }),
  response: { 200: workspaceSchema },
  errors: LOOKUP_ERRORS,
});

const versionInfo = Type.Object(
  {
    version: Type.Integer(),
    author: Type.String(),
    atMs: Type.Number(),
    chars: Type.Integer(),
  },
  { additionalProperties: true },
);

/** GET /api/incidents/:id/postmortem/versions. */
export const listPostmortemVersions = defineRoute({
  method: 'GET',
  path: '/api/incidents/:id/postmortem/versions',
  summary: 'Saved postmortem versions, oldest first (version 0 is the generated draft)',
  tags,
  params: idParamsSchema,
  response: { 200: Type.Object({ items: Type.Array(versionInfo) }) },
  errors: LOOKUP_ERRORS,
});

/** GET /api/incidents/:id/postmortem/versions/:version. */
export const getPostmortemVersion = defineRoute({
  method: 'GET',
  path: '/api/incidents/:id/postmortem/versions/:version',
  summary: 'One postmortem version as Markdown: a number, or latest',
  description:
    '0 is the draft generated now from the evidence; latest is the newest saved version, or the draft when none was saved.',
  tags,
  params: Type.Object({
    id: idParamsSchema.properties.id,
    version: Type.String({ pattern: '^([0-9]{1,9}|latest)$' }),
  }),
  response: {
    200: Type.Object(
      {
        version: Type.Integer(),
        text: Type.String(),
        author: Type.String(),
        atMs: Type.Number(),
      },
      { additionalProperties: true },
    ),
  },
  errors: LOOKUP_ERRORS,
});

/** POST /api/incidents/:id/postmortem/versions. */
export const savePostmortemVersion = defineRoute({
  method: 'POST',
  path: '/api/incidents/:id/postmortem/versions',
  summary: 'Save an edited postmortem (Markdown) as the next version',
  tags,
  params: idParamsSchema,
  body: Type.Object({ author, text: Type.String() }, { additionalProperties: false }),
  response: { 201: versionInfo },
  errors: LOOKUP_ERRORS,
});

/** POST /api/incidents/:id/postmortem/polish. */
export const polishPostmortem = defineRoute({
  method: 'POST',
  path: '/api/incidents/:id/postmortem/polish',
  summary: "Reword the postmortem's summary and timeline with the configured model",
  description:
    "Only the summary and timeline lines are offered to the model; a rewording that changes a number, quoted value or link is refused and the draft's text stays. Each text says whether it came from code or the model. 400 no_provider without a configured provider (the draft needs none).",
  tags,
  params: idParamsSchema,
  body: Type.Object(
    { model: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
    { additionalProperties: false },
  ),
  response: {
    200: Type.Unsafe<PolishedPostmortem>({
      type: 'object',
      additionalProperties: true,
      required: ['summary', 'timeline'],
    }),
  },
  errors: LOOKUP_ERRORS,
});
