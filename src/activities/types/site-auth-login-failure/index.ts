import { defineActivityType } from '../../define';
import { v1 } from './v1';

export const siteAuthLoginFailure = defineActivityType({
  type: 'site.auth.login_failure',
  description: 'A sign-in to the community site failed.',
  source: 'external',
  initiator: 'The member whose account was tried (absent when no account matched: unknown_user)',
  recipient: { kind: 'none' },
  versions: [v1],
});
