import { z } from 'zod';
import { metadataVersion } from '../../define';
import { communitySite, externalId, isoDateTime, label, url } from '../common';

export const schema = z.object({
  ...communitySite,
  event_id: externalId.describe('The calendar event in the source system'),
  event_title: label.describe('Title of the event when it happened'),
  starts_at: isoDateTime.describe('When the event starts (ISO 8601 with offset)'),
  ends_at: isoDateTime.optional().describe('When the event ends, if known'),
  timezone: label.optional().describe('IANA time zone the event is scheduled in, e.g. "Europe/Paris"'),
  location: label.optional().describe('Where it takes place: a venue or "online"'),
  is_online: z.boolean().optional().describe('Whether it is held online'),
  registration_id: externalId.optional().describe('The registration (RSVP) in the source system'),
  url: url.optional().describe("Link to the event's page"),
  initiator_name: label.optional().describe("Member's display name when it happened"),
});

export const v1 = metadataVersion({ version: 1, schema, changelog: 'Initial shape.' });
