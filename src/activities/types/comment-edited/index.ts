import { defineActivityType } from '../../define';
import { textOf } from '../common';
import { v1 } from './v1';

export const commentEdited = defineActivityType({
  type: 'comment.edited',
  description: 'A member changed the text of a comment.',
  source: 'external',
  initiator: 'The member who edited the comment (its author, or a moderator)',
  recipient: { kind: 'none' },
  versions: [v1],
  searchText: (m) => textOf(m, 'excerpt', 'post_title', 'feed_label'),
});
