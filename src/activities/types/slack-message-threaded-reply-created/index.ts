import { defineActivityType } from '../../define';
import { textOf } from '../common';
import { v1 } from './v1';

export const slackMessageThreadedReplyCreated = defineActivityType({
  type: 'slack_message.threaded_reply.created',
  description: 'A member replied in a thread in a collected channel.',
  source: 'slack',
  initiator: 'The author of the reply',
  recipient: { kind: 'optional', who: "The author of the thread's parent message (absent when unknown, or when replying to oneself)" },
  versions: [v1],
  searchText: (m) => textOf(m, 'excerpt', 'channel_name'),
});
