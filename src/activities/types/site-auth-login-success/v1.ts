import { z } from 'zod';
import { metadataVersion } from '../../define';
import { communitySite, label } from '../common';

export const schema = z.object({
  ...communitySite,
  method: z.enum(['password', 'sso', 'magic_link', 'oauth', 'other']).describe('How the member signed in'),
  mfa_used: z.boolean().optional().describe('Whether a second factor was checked'),
  user_agent: z.string().max(1000).optional().describe("The browser's User-Agent header"),
  ip_address: z
    .union([z.ipv4(), z.ipv6()])
    .optional()
    .describe('IP address the sign-in came from. Personal data: send it only if your privacy policy allows'),
  initiator_name: label.optional().describe("Member's display name when it happened"),
});

export const v1 = metadataVersion({ version: 1, schema, changelog: 'Initial shape.' });
