import { z } from 'zod';
import { metadataVersion } from '../../define';
import { communitySite, excerpt, externalId, label, url } from '../common';

export const schema = z.object({
  ...communitySite,
  award_id: externalId.describe('The award (kind of recognition) in the source system'),
  award_name: label.describe('Name of the award when it was given'),
  points: z.number().int().optional().describe('Points that came with the award, if the site keeps score'),
  message: excerpt.optional().describe('Start of the note the giver wrote with it'),
  url: url.optional().describe('Link to the award or to where it was given'),
  initiator_name: label.optional().describe("Giver's display name when it happened"),
  recipient_name: label.optional().describe("Receiver's display name when it happened"),
});

export const v1 = metadataVersion({ version: 1, schema, changelog: 'Initial shape.' });
