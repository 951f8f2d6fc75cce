import { defineActivityType } from '../../define';
import { textOf } from '../common';
import { v1 } from './v1';

export const postEdited = defineActivityType({
  type: 'post.edited',
  description: 'A member changed the title or body of a post.',
  source: 'external',
  initiator: 'The member who edited the post (its author, or a moderator)',
  recipient: { kind: 'none' },
  versions: [v1],
  searchText: (m) => textOf(m, 'post_title', 'excerpt', 'feed_label'),
});
