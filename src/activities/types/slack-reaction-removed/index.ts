import { defineActivityType } from '../../define';
import { textOf } from '../common';
import { v1 } from './v1';

export const slackReactionRemoved = defineActivityType({
  type: 'slack_reaction.removed',
  description: 'A member took back an emoji reaction from a message.',
  source: 'slack',
  initiator: 'The member who removed their reaction',
  recipient: { kind: 'optional', who: 'The author of the reacted-to message (absent when Slack does not say, e.g. webhook posts)' },
  versions: [v1],
  searchText: (m) => textOf(m, 'emoji', 'item_excerpt', 'channel_name'),
});
