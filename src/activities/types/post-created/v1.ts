import { z } from 'zod';
import { metadataVersion } from '../../define';
import { communitySite, excerpt, externalId, feedPlace, label, url } from '../common';

export const schema = z.object({
  ...communitySite,
  post_id: externalId.describe('The post in the source system'),
  ...feedPlace,
  post_title: label.optional().describe('Title of the post (absent for untitled feed posts)'),
  excerpt: excerpt.describe('Start of the post body (empty when it has no text)'),
  post_type: label.optional().describe('Kind of post in the source system, e.g. "discussion", "question", "article"'),
  tags: z.array(label).optional().describe('Tags (topics) on the post when it was published'),
  url: url.optional().describe('Link to the post'),
  initiator_name: label.optional().describe("Author's display name when it happened"),
});

export const v1 = metadataVersion({ version: 1, schema, changelog: 'Initial shape.' });
