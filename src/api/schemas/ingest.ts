// Request and response schemas of activity ingest (POST /activities, /activities/batch).
// The envelope is checked here; the type, version, metadata and recipient are checked
// against the activity registry by src/sources/api.
import { z } from 'zod';
import { MAX_BATCH } from '../../sources/api/ingest-batch';
import { activityResponse } from './activity';
import { named } from './registry';

export const memberIdentity = named(
  'MemberIdentity',
  z
    .object({
      slack_user_id: z.string().regex(/^[UW][A-Z0-9]+$/, 'a Slack user id like U0123ABC').optional().describe('The Slack user'),
      email: z.email().max(320).optional().describe('Matches a member (a Slack member too) with this email, or creates one'),
      external_id: z.string().min(1).max(200).optional().describe("The member's id in the sending system; matched or created"),
      name: z.string().min(1).max(500).optional().describe('Display name for a member first seen by email or external id (Slack members take theirs from Slack)'),
    })
    .strict()
    .refine((m) => m.slack_user_id !== undefined || m.email !== undefined || m.external_id !== undefined, {
      message: 'name the member by slack_user_id, or by email and/or external_id',
    })
    .refine((m) => m.slack_user_id === undefined || (m.email === undefined && m.external_id === undefined), {
      message: 'slack_user_id names a Slack member by itself: do not combine it with email or external_id',
      path: ['slack_user_id'],
    })
    .describe('A member: by Slack user id, or by email and/or an external id'),
  'input',
);

export const ingestActivityRequest = named(
  'NewActivity',
  z
    .object({
      type: z.string().min(1).max(100).describe('An activity type whose source is "external" (see GET /activity-types)'),
      version: z.number().int().min(1).optional().describe("Version of `metadata`; default the type's current version"),
      occurred_at: z.iso.datetime({ offset: true }).describe('When it happened, in the sending system (ISO 8601 with Z or an offset)'),
      initiator: memberIdentity.nullable().optional().describe('Who did it; omit only when there is no such member'),
      recipient: memberIdentity.nullable().optional().describe('Who it was done to: required or forbidden by the type'),
      metadata: z.record(z.string(), z.unknown()).describe('Shaped by (type, version): see the JSON Schemas at GET /activity-types. A key the version does not define is refused (422)'),
      external_id: z
        .string()
        .min(1)
        .max(200)
        .optional()
        .describe('Your id for this activity, unique in the workspace: sending it again stores nothing new'),
    })
    .strict(),
  'input',
);

export const ingestBatchRequest = named(
  'NewActivityBatch',
  z
    .object({
      activities: z.array(ingestActivityRequest).min(1).max(MAX_BATCH).describe(`1 to ${MAX_BATCH} activities, stored all or none`),
    })
    .strict(),
  'input',
);

/** The batch envelope as the handler reads it: items are checked one by one, to report each. */
export const ingestBatchEnvelope = z
  .object({ activities: z.array(z.unknown()).min(1, 'send at least one activity').max(MAX_BATCH, `send at most ${MAX_BATCH} activities per batch`) })
  .strict();

export const ingestActivityResponse = named(
  'IngestedActivity',
  z.object({
    activity: activityResponse,
    created: z.boolean().describe('False when this external_id was already stored: the stored activity is returned'),
  }),
);

export const ingestBatchResponse = named(
  'IngestedBatch',
  z.object({
    created: z.number().int().describe('Activities written'),
    duplicates: z.number().int().describe('Items already stored (same external_id), written before or earlier in this batch'),
    items: z.array(
      z.object({
        index: z.number().int(),
        id: z.string().describe('The stored activity'),
        external_id: z.string().nullable(),
        created: z.boolean(),
      }),
    ),
  }),
);

export type IngestActivityRequest = z.infer<typeof ingestActivityRequest>;
export type MemberIdentityRequest = z.infer<typeof memberIdentity>;
