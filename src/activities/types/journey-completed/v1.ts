import { z } from 'zod';
import { metadataVersion } from '../../define';
import { communitySite, externalId, isoDateTime, label, url } from '../common';

export const schema = z.object({
  ...communitySite,
  journey_id: externalId.describe('The journey (onboarding path, course) in the source system'),
  journey_name: label.describe('Name of the journey when it was completed'),
  steps_total: z.number().int().min(0).optional().describe('How many steps (milestones) the journey had'),
  started_at: isoDateTime.optional().describe('When the member started the journey'),
  url: url.optional().describe('Link to the journey'),
  initiator_name: label.optional().describe("Member's display name when it happened"),
});

export const v1 = metadataVersion({ version: 1, schema, changelog: 'Initial shape.' });
