import { defineActivityType } from '../../define';
import { textOf } from '../common';
import { v1 } from './v1';

export const journeyCompleted = defineActivityType({
  type: 'journey.completed',
  description: 'A member finished every step of a journey (an onboarding path or course).',
  source: 'external',
  initiator: 'The member who completed the journey',
  recipient: { kind: 'none' },
  versions: [v1],
  searchText: (m) => textOf(m, 'journey_name'),
});
