import { defineActivityType } from '../../define';
import { textOf } from '../common';
import { v1 } from './v1';

export const commentDeleted = defineActivityType({
  type: 'comment.deleted',
  description: 'A comment was deleted from a post.',
  source: 'external',
  initiator: 'The member who deleted the comment (its author, or a moderator)',
  recipient: { kind: 'none' },
  versions: [v1],
  searchText: (m) => textOf(m, 'post_title', 'feed_label'),
});
