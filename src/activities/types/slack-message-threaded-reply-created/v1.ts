import { z } from 'zod';
import { metadataVersion } from '../../define';
import { excerpt, label, slackPlace, slackTeamId, slackTs, slackUserId, url } from '../common';

export const schema = z.object({
  ...slackPlace,
  message_ts: slackTs.describe("The reply's ts: its id within the channel"),
  thread_ts: slackTs.describe("The parent message's ts: the thread's id"),
  excerpt: excerpt.describe('Start of the reply text (empty once the reply is deleted, or for a file-only reply)'),
  parent_user_id: slackUserId.optional().describe("Author of the thread's parent message, when Slack says"),
  is_broadcast: z.boolean().describe('Whether the reply was also sent to the channel (Slack subtype thread_broadcast)'),
  subtype: z.enum(['file_share', 'me_message']).optional().describe('Slack message subtype, when not a plain reply'),
  file_ids: z.array(z.string()).optional().describe('Ids of files shared with the reply'),
  user_team_id: slackTeamId.optional().describe("Author's own team, when it differs (shared channels)"),
  initiator_name: label.optional().describe("Author's display name when it happened"),
  recipient_name: label.optional().describe("Parent message author's display name when it happened"),
  permalink: url.optional().describe('Link to the reply in Slack'),
  deleted_at: z.iso.datetime().optional().describe('When the reply was deleted in Slack (text scrubbed then)'),
});

export const v1 = metadataVersion({ version: 1, schema, changelog: 'Initial shape.' });
