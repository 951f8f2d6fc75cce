import { defineActivityType } from '../../define';
import { textOf } from '../common';
import { v1 } from './v1';

export const pollVoteAdded = defineActivityType({
  type: 'poll.vote_added',
  description: 'A member voted for an option in a poll.',
  source: 'external',
  initiator: 'The member who voted',
  recipient: { kind: 'optional', who: "The poll's creator (absent when unknown, or when voting in one's own poll)" },
  versions: [v1],
  searchText: (m) => textOf(m, 'poll_question', 'option_label', 'feed_label'),
});
