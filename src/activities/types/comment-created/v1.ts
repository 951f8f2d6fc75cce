import { z } from 'zod';
import { metadataVersion } from '../../define';
import { communitySite, excerpt, externalId, feedPlace, label, url } from '../common';

export const schema = z.object({
  ...communitySite,
  comment_id: externalId.describe('The comment in the source system'),
  post_id: externalId.describe('The post the comment is on'),
  parent_comment_id: externalId.optional().describe('The comment this one replies to, for a nested reply'),
  ...feedPlace,
  post_title: label.optional().describe("The post's title when it happened"),
  excerpt: excerpt.describe('Start of the comment text (empty when it has no text)'),
  url: url.optional().describe('Link to the comment'),
  initiator_name: label.optional().describe("Commenter's display name when it happened"),
  recipient_name: label.optional().describe("Post author's display name when it happened"),
});

export const v1 = metadataVersion({ version: 1, schema, changelog: 'Initial shape.' });
