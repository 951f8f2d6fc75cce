// The bot scopes the app asks for at install: the same list as manifest.yml's
// oauth_config.scopes.bot (test/unit/manifest.test.ts keeps the two equal; the README says why
// each is needed).
export const BOT_SCOPES = [
  'channels:history',
  'channels:read',
  'groups:history',
  'groups:read',
  'reactions:read',
  'users:read',
  'users:read.email',
  'commands',
] as const;
