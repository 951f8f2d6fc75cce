import { z } from 'zod';
import { metadataVersion } from '../../define';
import { label, slackPlace, slackTs } from '../common';

// No text at all: a deletion also scrubs the text of the original message and its edits.
export const schema = z.object({
  ...slackPlace,
  message_ts: slackTs.describe("The deleted message's ts: its id within the channel"),
  thread_ts: slackTs.optional().describe("The thread parent's ts, when the deleted message was a thread reply"),
  deleted_ts: slackTs.describe('When the message was deleted (Slack event ts)'),
  initiator_name: label.optional().describe("Author's display name when it happened"),
});

export const v1 = metadataVersion({ version: 1, schema, changelog: 'Initial shape.' });
