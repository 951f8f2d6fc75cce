import { z } from 'zod';
import { metadataVersion } from '../../define';
import { communitySite, excerpt, externalId, label, url } from '../common';

export const schema = z.object({
  ...communitySite,
  badge_id: externalId.describe('The badge in the source system'),
  badge_name: label.describe('Name of the badge when it was given'),
  reason: excerpt.optional().describe('Why it was given, as the giver wrote it'),
  image_url: url.optional().describe("The badge's image when it was given"),
  url: url.optional().describe('Link to the badge'),
  initiator_name: label.optional().describe("Giver's display name when it happened"),
  recipient_name: label.optional().describe("Receiver's display name when it happened"),
});

export const v1 = metadataVersion({ version: 1, schema, changelog: 'Initial shape.' });
