import { defineActivityType } from '../../define';
import { v1 } from './v1';

export const slackMessageDeleted = defineActivityType({
  type: 'slack_message.deleted',
  description: "A message was deleted; its text is scrubbed from every activity that held it.",
  source: 'slack',
  initiator: 'The author of the deleted message (Slack does not say who deleted it)',
  recipient: { kind: 'none' },
  versions: [v1],
});
