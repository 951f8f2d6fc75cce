import { defineActivityType } from '../../define';
import { textOf } from '../common';
import { v1 } from './v1';

export const milestoneCompleted = defineActivityType({
  type: 'milestone.completed',
  description: 'A member reached a milestone (a step of a journey, or a standalone goal).',
  source: 'external',
  initiator: 'The member who reached the milestone',
  recipient: { kind: 'none' },
  versions: [v1],
  searchText: (m) => textOf(m, 'milestone_name', 'journey_name'),
});
