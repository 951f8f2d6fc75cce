import { defineActivityType } from '../../define';
import { textOf } from '../common';
import { v1 } from './v1';

export const slackMessageCreated = defineActivityType({
  type: 'slack_message.created',
  description: 'A member posted a top-level message in a collected channel.',
  source: 'slack',
  initiator: 'The author of the message',
  recipient: { kind: 'none' },
  versions: [v1],
  searchText: (m) => textOf(m, 'excerpt', 'channel_name'),
});
