import { z } from 'zod';
import { metadataVersion } from '../../define';
import { excerpt, label, slackPlace, slackTs } from '../common';

export const schema = z.object({
  ...slackPlace,
  message_ts: slackTs.describe("The edited message's ts: its id within the channel"),
  thread_ts: slackTs.optional().describe("The thread parent's ts, when the edited message is a thread reply"),
  edited_ts: slackTs.describe('When the edit was made: Slack edited.ts (else the event ts); one activity per edit'),
  excerpt: excerpt.describe('Start of the new text (empty once the message is deleted)'),
  previous_excerpt: excerpt
    .optional()
    .describe('Start of the text before the edit, when Slack sent it (empty once the message is deleted)'),
  initiator_name: label.optional().describe("Editor's display name when it happened"),
});

export const v1 = metadataVersion({ version: 1, schema, changelog: 'Initial shape.' });
