import { z } from 'zod';
import { metadataVersion } from '../../define';
import { label, slackTeamId, slackUserId } from '../common';

// No email: the member's contact details live on the member record, not in the activity log.
export const schema = z.object({
  team_id: slackTeamId.describe('Slack team (workspace) the member joined'),
  user_id: slackUserId.describe("The new member's Slack user id"),
  display_name: label.optional().describe('Display name when they joined'),
  real_name: label.optional().describe('Full name when they joined'),
  is_restricted: z.boolean().optional().describe('A multi-channel guest'),
  is_ultra_restricted: z.boolean().optional().describe('A single-channel guest'),
  is_bot: z.boolean().optional().describe('Whether Slack marked the user as a bot (bots are normally not recorded)'),
  initiator_name: label.optional().describe('Name shown for the member when it happened (as on every Slack activity)'),
});

export const v1 = metadataVersion({ version: 1, schema, changelog: 'Initial shape.' });
