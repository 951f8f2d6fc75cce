import { defineActivityType } from '../../define';
import { textOf } from '../common';
import { v1 } from './v1';

export const slackMessageEdited = defineActivityType({
  type: 'slack_message.edited',
  description: 'A member changed the text of a message (link unfurls and other non-text updates are not edits).',
  source: 'slack',
  initiator: 'The author of the message, who edited it',
  recipient: { kind: 'none' },
  versions: [v1],
  searchText: (m) => textOf(m, 'excerpt', 'previous_excerpt', 'channel_name'),
});
