// Schemas of GET /stats.
import { z } from 'zod';
import { timeParam } from './activity';
import { RELATIVE_TIME_WORDS } from '../../queries/time-words';
import { inOrder, queryInteger } from './query';
import { named } from './registry';

export const DEFAULT_STATS_DAYS = 30;

export const statsQuery = z
  .object({
    since: timeParam('since').optional().describe(`Inclusive: an ISO 8601 instant or date, or relative to now (${RELATIVE_TIME_WORDS}); default: ${DEFAULT_STATS_DAYS} days before until`),
    until: timeParam('until').optional().describe(`Exclusive: an ISO 8601 instant or date, or relative to now (${RELATIVE_TIME_WORDS}); default: now`),
    top: queryInteger(1, 100, 10).describe('How many top members and channels, 1-100 (default 10)'),
  })
  .strict()
  .refine(inOrder.check, inOrder.params);

export const statsResponse = named(
  'Stats',
  z.object({
    since: z.iso.datetime(),
    until: z.iso.datetime(),
    total: z.number().int(),
    by_type: z.array(z.object({ type: z.string(), count: z.number().int() })).describe('Most frequent first'),
    by_day: z
      .array(z.object({ day: z.iso.date().describe('UTC day'), count: z.number().int(), by_type: z.record(z.string(), z.number().int()) }))
      .describe('Days with activity, oldest first'),
    top_members: z
      .array(
        z.object({
          member: z.object({ id: z.string(), slack_user_id: z.string().nullable(), name: z.string().nullable() }),
          count: z.number().int().describe('Activities they initiated'),
        }),
      )
      .describe('By activities initiated, most first'),
    top_channels: z
      .array(z.object({ channel_id: z.string(), name: z.string().nullable(), count: z.number().int() }))
      .describe('Most active first'),
  }),
);

export type StatsResponse = z.infer<typeof statsResponse>;
