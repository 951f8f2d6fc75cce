import { z } from 'zod';
import { metadataVersion } from '../../define';
import { communitySite, externalId, feedPlace, label } from '../common';

// No comment text: deleted words are not kept.
export const schema = z.object({
  ...communitySite,
  comment_id: externalId.describe('The deleted comment in the source system'),
  post_id: externalId.describe('The post the comment was on'),
  parent_comment_id: externalId.optional().describe('The comment it replied to, for a nested reply'),
  ...feedPlace,
  post_title: label.optional().describe("The post's title when it happened"),
  initiator_name: label.optional().describe("Deleting member's display name when it happened"),
});

export const v1 = metadataVersion({ version: 1, schema, changelog: 'Initial shape.' });
