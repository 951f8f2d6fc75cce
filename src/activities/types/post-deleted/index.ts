import { defineActivityType } from '../../define';
import { textOf } from '../common';
import { v1 } from './v1';

export const postDeleted = defineActivityType({
  type: 'post.deleted',
  description: 'A post was deleted from the community site.',
  source: 'external',
  initiator: 'The member who deleted the post (its author, or a moderator)',
  recipient: { kind: 'none' },
  versions: [v1],
  searchText: (m) => textOf(m, 'post_title', 'feed_label'),
});
