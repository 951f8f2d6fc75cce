import { defineActivityType } from '../../define';
import { textOf } from '../common';
import { v1 } from './v1';

export const badgeGiven = defineActivityType({
  type: 'badge.given',
  description: 'A member was given a badge shown on their community profile.',
  source: 'external',
  initiator: 'The member who gave the badge (absent when the site gave it by a rule)',
  recipient: { kind: 'required', who: 'The member who received the badge' },
  versions: [v1],
  searchText: (m) => textOf(m, 'badge_name', 'reason'),
});
