// IDs the factories use when a test does not care. Fixed (taken from Slack's docs examples) so
// payloads line up with each other by default: the same team, member, channel and app.

export const DEFAULT_TEAM_ID = 'T061EG9R6';
export const DEFAULT_TEAM_DOMAIN = 'testteamnow';
export const DEFAULT_USER_ID = 'U061F7AUR';
export const DEFAULT_USER_NAME = 'roadrunner';
export const DEFAULT_CHANNEL_ID = 'C0LAN2Q65';
export const DEFAULT_CHANNEL_NAME = 'general';
export const DEFAULT_APP_ID = 'A0KRD7HC3';
export const DEFAULT_BOT_USER_ID = 'U0LAN0Z89';
export const DEFAULT_BOT_ID = 'B0LAN0Z89';
/** The deprecated verification token Slack still puts in every payload. */
export const DEFAULT_VERIFICATION_TOKEN = 'ZZZZZZWSxiZZZ2yIvs3peJ';
