import { defineActivityType } from '../../define';
import { textOf } from '../common';
import { v1 } from './v1';

export const credentialGiven = defineActivityType({
  type: 'credential.given',
  description: 'A member was issued a credential (a certificate or certification).',
  source: 'external',
  initiator: 'The member who issued the credential (absent when the site issued it automatically)',
  recipient: { kind: 'required', who: 'The member who received the credential' },
  versions: [v1],
  searchText: (m) => textOf(m, 'credential_name', 'issuer_name'),
});
