// Schemas of the member endpoints.
import { z } from 'zod';
import { activityResponse } from './activity';
import { queryInteger } from './query';
import { named } from './registry';

export const listMembersQuery = z
  .object({
    q: z.string().min(1).max(200).optional().describe('Display or real name contains it (ignoring case; % and _ are plain characters), or the exact Slack user id or email'),
    limit: queryInteger(1, 500, 50).describe('Page size, 1-500 (default 50)'),
    cursor: z.string().min(1).optional().describe('next_cursor of the previous page'),
  })
  .strict();

export const memberParams = z.object({ id: z.string().min(1).describe('Member id, or a Slack user id (U…/W…)') }).strict();

export const memberDetailQuery = z
  .object({
    recent: queryInteger(0, 100, 20).describe('How many recent activities to include, 0-100 (default 20)'),
  })
  .strict();

export const memberResponse = named(
  'Member',
  z.object({
    id: z.string(),
    workspace_id: z.string(),
    slack_user_id: z.string().nullable(),
    email: z.string().nullable(),
    external_id: z.string().nullable(),
    name: z.string().nullable().describe('Display name, else real name'),
    display_name: z.string().nullable(),
    real_name: z.string().nullable(),
    avatar_url: z.string().nullable(),
    timezone: z.string().nullable(),
    is_bot: z.boolean(),
    is_deleted: z.boolean(),
    first_seen_at: z.iso.datetime(),
    last_active_at: z.iso.datetime().nullable(),
  }),
);

export const listMembersResponse = named(
  'MemberPage',
  z.object({
    members: z.array(memberResponse),
    next_cursor: z.string().nullable(),
  }),
);

export const memberDetailResponse = named(
  'MemberDetail',
  memberResponse.extend({
    counts: z.object({
      initiated: z.number().int().describe('Activities this member did'),
      received: z.number().int().describe('Activities done to this member'),
      by_type: z.array(z.object({ type: z.string(), initiated: z.number().int(), received: z.number().int() })),
    }),
    recent_activities: z
      .array(activityResponse)
      .optional()
      .describe('Newest first, as initiator or recipient; present when the key also has the activities:read scope'),
  }),
);

export type MemberResponse = z.infer<typeof memberResponse>;
