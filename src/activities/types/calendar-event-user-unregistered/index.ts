import { defineActivityType } from '../../define';
import { textOf } from '../common';
import { v1 } from './v1';

export const calendarEventUserUnregistered = defineActivityType({
  type: 'calendar_event.user_unregistered',
  description: 'A member cancelled their registration for a community event.',
  source: 'external',
  initiator: 'The member who cancelled',
  recipient: { kind: 'none' },
  versions: [v1],
  searchText: (m) => textOf(m, 'event_title', 'location'),
});
