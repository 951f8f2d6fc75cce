import { defineActivityType } from '../../define';
import { textOf } from '../common';
import { v1 } from './v1';

export const pollCreated = defineActivityType({
  type: 'poll.created',
  description: 'A member created a poll.',
  source: 'external',
  initiator: 'The member who created the poll',
  recipient: { kind: 'none' },
  versions: [v1],
  searchText: (m) => {
    const options = Array.isArray(m.options) ? (m.options as Record<string, unknown>[]).map((o) => textOf(o, 'label')) : [];
    return [textOf(m, 'question'), ...options, textOf(m, 'feed_label')].filter(Boolean).join(' ');
  },
});
