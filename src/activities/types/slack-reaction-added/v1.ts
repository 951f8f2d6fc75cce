import { z } from 'zod';
import { metadataVersion } from '../../define';
import { emojiName, excerpt, label, slackPlace, slackTs } from '../common';

export const schema = z.object({
  ...slackPlace,
  item_ts: slackTs.describe("The reacted-to message's ts"),
  item_type: z.literal('message').describe('What was reacted to: only messages are collected'),
  emoji: emojiName.describe('Reaction name without colons, skin tone included, e.g. "thumbsup::skin-tone-2"'),
  item_excerpt: excerpt.optional().describe('Start of the reacted-to message text, when known'),
  initiator_name: label.optional().describe("Reacting member's display name when it happened"),
  recipient_name: label.optional().describe("Reacted-to message author's display name when it happened"),
});

export const v1 = metadataVersion({ version: 1, schema, changelog: 'Initial shape.' });
