import { z } from 'zod';
import { metadataVersion } from '../../define';
import { excerpt, label, slackPlace, slackTeamId, slackTs, url } from '../common';

export const schema = z.object({
  ...slackPlace,
  message_ts: slackTs.describe("The message's ts: its id within the channel"),
  excerpt: excerpt.describe('Start of the message text (empty once the message is deleted, or for a file-only post)'),
  subtype: z.enum(['file_share', 'me_message']).optional().describe('Slack message subtype, when not a plain message'),
  file_ids: z.array(z.string()).optional().describe('Ids of files shared with the message'),
  user_team_id: slackTeamId.optional().describe("Author's own team, when it differs (shared channels)"),
  initiator_name: label.optional().describe("Author's display name when it happened"),
  permalink: url.optional().describe('Link to the message in Slack'),
  deleted_at: z.iso.datetime().optional().describe('When the message was deleted in Slack (text scrubbed then)'),
});

export const v1 = metadataVersion({ version: 1, schema, changelog: 'Initial shape.' });
