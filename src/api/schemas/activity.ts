// Request and response schemas of the activity endpoints. The handlers validate with these,
// and the OpenAPI document is generated from them, so the two cannot disagree.
import { z } from 'zod';
import { isStorableInstant, UNSTORABLE_INSTANT_MESSAGE } from '../../storable';
import { inOrder, queryInteger } from './query';
import { named } from './registry';

const repeatable = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean));

/** An ISO 8601 date or instant, within the years the store holds (1 to 9999, in UTC). */
export const instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'expected an ISO 8601 date (2024-05-01) or instant (2024-05-01T12:00:00Z)' })
  .transform((v) => new Date(v))
  .refine(isStorableInstant, UNSTORABLE_INSTANT_MESSAGE);

/** The filters shared by the list, the export (API and CLI). */
export const activityFilterFields = {
  type: repeatable.optional().describe('Activity types, repeatable or comma-separated'),
  member: z.string().min(1).optional().describe('Slack user id (or member id): as initiator or recipient'),
  channel: z.string().min(1).optional().describe('Slack channel id'),
  since: instant.optional().describe('ISO 8601 instant or date; inclusive'),
  until: instant.optional().describe('ISO 8601 instant or date; exclusive'),
  q: z.string().max(200).optional().describe('Text to search for (case-insensitive)'),
};

export const listActivitiesQuery = z
  .object({
    ...activityFilterFields,
    limit: queryInteger(1, 500, 50).describe('Page size, 1-500 (default 50)'),
    cursor: z.string().min(1).optional().describe('next_cursor of the previous page'),
  })
  .strict()
  .refine(inOrder.check, inOrder.params);

export const EXPORT_FORMATS = ['ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const exportQuery = z
  .object({
    ...activityFilterFields,
    format: z.enum(EXPORT_FORMATS).default('ndjson').describe('ndjson (one activity per line, as the list returns it) or csv (RFC 4180)'),
  })
  .strict()
  .refine(inOrder.check, inOrder.params);

export const activityIdParams = z.object({ id: z.string().min(1).describe('Activity id') }).strict();

export const memberRef = z
  .object({
    id: z.string(),
    slack_user_id: z.string().nullable(),
    name: z.string().nullable(),
  })
  .nullable();

export const activityResponse = named(
  'Activity',
  z.object({
    id: z.string(),
    workspace_id: z.string(),
    type: z.string(),
    version: z.number().int().describe('The version the metadata is returned at: always the current one'),
    stored_version: z.number().int().describe('The version the activity was recorded at'),
    occurred_at: z.iso.datetime(),
    received_at: z.iso.datetime(),
    initiator: memberRef,
    recipient: memberRef,
    channel_id: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()),
    source: z.string(),
  }),
);

export const listActivitiesResponse = named(
  'ActivityPage',
  z.object({
    activities: z.array(activityResponse),
    next_cursor: z.string().nullable(),
  }),
);

export type ActivityResponse = z.infer<typeof activityResponse>;
