import { z } from 'zod';
import { metadataVersion } from '../../define';
import { communitySite, externalId, isoDateTime, label, url } from '../common';

export const schema = z.object({
  ...communitySite,
  poll_id: externalId.describe('The poll in the source system'),
  question: label.describe('The question asked, when the poll was created'),
  options: z
    .array(
      z.object({
        option_id: externalId.describe('The option in the source system'),
        label: label.describe('Text of the option when the poll was created'),
      }),
    )
    .min(1)
    .describe('The options offered, in display order'),
  multiple_choice: z.boolean().optional().describe('Whether a voter may choose several options'),
  anonymous: z.boolean().optional().describe('Whether votes are hidden from other members'),
  closes_at: isoDateTime.optional().describe('When voting closes, if the poll has a deadline'),
  post_id: externalId.optional().describe('The post the poll is part of, when polls live in posts'),
  feed_id: externalId.optional().describe('The feed (space, forum, category) the poll is in'),
  feed_label: label.optional().describe('Name of the feed when it happened'),
  url: url.optional().describe('Link to the poll'),
  initiator_name: label.optional().describe("Creator's display name when it happened"),
});

export const v1 = metadataVersion({ version: 1, schema, changelog: 'Initial shape.' });
