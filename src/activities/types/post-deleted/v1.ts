import { z } from 'zod';
import { metadataVersion } from '../../define';
import { communitySite, externalId, feedPlace, label } from '../common';

// No body text: deleted words are not kept. The title stays as a label, to tell which post it was.
export const schema = z.object({
  ...communitySite,
  post_id: externalId.describe('The deleted post in the source system'),
  ...feedPlace,
  post_title: label.optional().describe('Title of the post when it was deleted'),
  initiator_name: label.optional().describe("Deleting member's display name when it happened"),
});

export const v1 = metadataVersion({ version: 1, schema, changelog: 'Initial shape.' });
