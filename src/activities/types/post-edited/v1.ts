import { z } from 'zod';
import { metadataVersion } from '../../define';
import { communitySite, excerpt, externalId, feedPlace, label, url } from '../common';

export const schema = z.object({
  ...communitySite,
  post_id: externalId.describe('The post in the source system'),
  ...feedPlace,
  post_title: label.optional().describe('Title of the post after the edit (absent for untitled feed posts)'),
  excerpt: excerpt.describe('Start of the post body after the edit (empty when it has no text)'),
  previous_title: label.optional().describe('Title before the edit, when the source system sent it'),
  previous_excerpt: excerpt.optional().describe('Start of the body before the edit, when the source system sent it'),
  url: url.optional().describe('Link to the post'),
  initiator_name: label.optional().describe("Editor's display name when it happened"),
});

export const v1 = metadataVersion({ version: 1, schema, changelog: 'Initial shape.' });
