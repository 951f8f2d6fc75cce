import { defineActivityType } from '../../define';
import { textOf } from '../common';
import { v1 } from './v1';

export const commentCreated = defineActivityType({
  type: 'comment.created',
  description: 'A member commented on a post (or replied to a comment).',
  source: 'external',
  initiator: 'The author of the comment',
  recipient: { kind: 'optional', who: "The post's author (absent when unknown, or when commenting on one's own post)" },
  versions: [v1],
  searchText: (m) => textOf(m, 'excerpt', 'post_title', 'feed_label'),
});
