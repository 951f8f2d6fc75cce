import { defineActivityType } from '../../define';
import { textOf } from '../common';
import { v1 } from './v1';

export const calendarEventUserRegistered = defineActivityType({
  type: 'calendar_event.user_registered',
  description: 'A member registered (RSVPed) for a community event.',
  source: 'external',
  initiator: 'The member who registered',
  recipient: { kind: 'none' },
  versions: [v1],
  searchText: (m) => textOf(m, 'event_title', 'location'),
});
