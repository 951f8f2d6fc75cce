import { defineActivityType } from '../../define';
import { textOf } from '../common';
import { v1 } from './v1';

export const postCreated = defineActivityType({
  type: 'post.created',
  description: 'A member published a post in a feed of the community site.',
  source: 'external',
  initiator: 'The author of the post',
  recipient: { kind: 'none' },
  versions: [v1],
  searchText: (m) => textOf(m, 'post_title', 'excerpt', 'feed_label', 'tags'),
});
