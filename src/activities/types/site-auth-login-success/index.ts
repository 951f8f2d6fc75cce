import { defineActivityType } from '../../define';
import { v1 } from './v1';

export const siteAuthLoginSuccess = defineActivityType({
  type: 'site.auth.login_success',
  description: 'A member signed in to the community site.',
  source: 'external',
  initiator: 'The member who signed in',
  recipient: { kind: 'none' },
  versions: [v1],
});
