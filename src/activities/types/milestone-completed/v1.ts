import { z } from 'zod';
import { metadataVersion } from '../../define';
import { communitySite, externalId, label, url } from '../common';

export const schema = z.object({
  ...communitySite,
  milestone_id: externalId.describe('The milestone in the source system'),
  milestone_name: label.describe('Name of the milestone when it was completed'),
  journey_id: externalId.optional().describe('The journey the milestone is a step of, if any'),
  journey_name: label.optional().describe('Name of that journey when it happened'),
  url: url.optional().describe('Link to the milestone'),
  initiator_name: label.optional().describe("Member's display name when it happened"),
});

export const v1 = metadataVersion({ version: 1, schema, changelog: 'Initial shape.' });
