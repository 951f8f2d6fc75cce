import { z } from 'zod';
import { metadataVersion } from '../../define';
import { communitySite, externalId, isoDateTime, label, url } from '../common';

export const schema = z.object({
  ...communitySite,
  credential_id: externalId.describe('The credential (certificate, certification) in the source system'),
  credential_name: label.describe('Name of the credential when it was given'),
  issuer_name: label.optional().describe('The organisation that issues it, e.g. "Acme Academy"'),
  expires_at: isoDateTime.optional().describe('When the credential stops being valid, if it expires'),
  verification_url: url.optional().describe('Public link where the credential can be verified'),
  url: url.optional().describe('Link to the credential in the source system'),
  initiator_name: label.optional().describe("Issuing member's display name when it happened"),
  recipient_name: label.optional().describe("Receiver's display name when it happened"),
});

export const v1 = metadataVersion({ version: 1, schema, changelog: 'Initial shape.' });
