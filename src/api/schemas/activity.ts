// Request and response schemas of the activity endpoints. The handlers validate with these,
// and the OpenAPI document is generated from them, so the two cannot disagree.
import { z } from 'zod';
import { MAX_FILTER_CHANNELS } from '../../queries/names';
import { RELATIVE_TIME_WORDS, relativeInstant } from '../../queries/time-words';
import { TYPE_ALIASES } from '../../queries/type-words';
import { isStorableInstant, UNSTORABLE_INSTANT_MESSAGE } from '../../storable';
import { inOrder, queryInteger } from './query';
import { named } from './registry';

const repeatable = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean));

const ISO_TIME = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

export const TIME_MESSAGE = `expected an ISO 8601 date (2024-05-01) or instant (2024-05-01T12:00:00Z), or a time relative to now (${RELATIVE_TIME_WORDS})`;

/**
 * A time parameter as the `edge` of a range: an ISO 8601 instant, a date (its UTC midnight), or
 * the words /activity accepts (src/queries/time-words.ts), read in UTC when the request
 * arrives; within the years the store holds (1 to 9999, in UTC).
 */
export function timeParam(edge: 'since' | 'until') {
  return z
    .string()
    .transform((value, ctx) => {
      if (ISO_TIME.safeParse(value).success) return new Date(value);
      const relative = relativeInstant(value, edge, { now: new Date(), timeZone: 'UTC' });
      if (relative) return relative;
      ctx.addIssue({ code: 'custom', message: TIME_MESSAGE });
      return z.NEVER;
    })
    .refine(isStorableInstant, UNSTORABLE_INSTANT_MESSAGE);
}

/**
 * The filters shared by the list and the export (API and CLI): the vocabulary /activity
 * speaks (type aliases, relative times, channels and members by name), resolved in
 * src/api/filters.ts.
 */
export const activityFilterFields = {
  type: repeatable
    .optional()
    .describe(
      'Activity types, repeatable or comma-separated: a full type name (slack_reaction.added), a family (slack_message, post) for every type in it, ' +
        `or an alias as in /activity: ${Object.keys(TYPE_ALIASES).join(', ')}`,
    ),
  member: z.string().min(1).optional().describe('A member, as initiator or recipient: a Slack user id (U…/W…), a member id, or @name (display or real name)'),
  channel: repeatable
    .refine((v) => v.length <= MAX_FILTER_CHANNELS, `at most ${MAX_FILTER_CHANNELS} channels`)
    .optional()
    .describe(`Channels, repeatable or comma-separated (at most ${MAX_FILTER_CHANNELS}): a Slack channel id (C…/G…) or a name (#launch or launch)`),
  since: timeParam('since')
    .optional()
    .describe(`Inclusive: an ISO 8601 instant, a date (from its UTC midnight), or relative to now: ${RELATIVE_TIME_WORDS} (today and yesterday from their UTC midnight)`),
  until: timeParam('until')
    .optional()
    .describe(`Exclusive: an ISO 8601 instant, a date (up to its UTC midnight), or relative to now: ${RELATIVE_TIME_WORDS} (today up to tomorrow's UTC midnight)`),
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
