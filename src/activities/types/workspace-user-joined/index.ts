import { defineActivityType } from '../../define';
import { textOf } from '../common';
import { v1 } from './v1';

export const workspaceUserJoined = defineActivityType({
  type: 'workspace.user_joined',
  description: 'A new member (or guest) joined the Slack workspace.',
  source: 'slack',
  initiator: 'The member who joined',
  recipient: { kind: 'none' },
  versions: [v1],
  searchText: (m) => textOf(m, 'display_name', 'real_name'),
});
