import { z } from 'zod';
import { metadataVersion } from '../../define';
import { communitySite, externalId, label, url } from '../common';

// One activity per option chosen: a multiple-choice vote for two options is two activities.
export const schema = z.object({
  ...communitySite,
  poll_id: externalId.describe('The poll voted in'),
  option_id: externalId.describe('The option chosen'),
  poll_question: label.optional().describe("The poll's question when the vote was cast"),
  option_label: label.optional().describe("The chosen option's text when the vote was cast"),
  post_id: externalId.optional().describe('The post the poll is part of, when polls live in posts'),
  feed_id: externalId.optional().describe('The feed (space, forum, category) the poll is in'),
  feed_label: label.optional().describe('Name of the feed when it happened'),
  url: url.optional().describe('Link to the poll'),
  initiator_name: label.optional().describe("Voter's display name when it happened"),
  recipient_name: label.optional().describe("Poll creator's display name when it happened"),
});

export const v1 = metadataVersion({ version: 1, schema, changelog: 'Initial shape.' });
