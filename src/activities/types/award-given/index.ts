import { defineActivityType } from '../../define';
import { textOf } from '../common';
import { v1 } from './v1';

export const awardGiven = defineActivityType({
  type: 'award.given',
  description: 'A member gave another member an award (a kudos-style recognition).',
  source: 'external',
  initiator: 'The member who gave the award',
  recipient: { kind: 'required', who: 'The member who received the award' },
  versions: [v1],
  searchText: (m) => textOf(m, 'award_name', 'message'),
});
