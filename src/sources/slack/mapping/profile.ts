// A Slack user object (users.info, team_join, user_change) as the profile the caller stores.
// Its text is made storable here (a NUL or an unpaired surrogate becomes U+FFFD): events were
// repaired on the way in already, but users.info answers come from the Web API.
import { storableText } from '../../../storable';
import { isRecord, SLACKBOT_USER_ID, type Json } from './fields';
import type { SlackUserProfile } from './types';

/** The first non-blank string among the candidates, trimmed. */
function firstName(...candidates: unknown[]): string | undefined {
  for (const candidate of candidates) {
    if (typeof candidate === 'string' && candidate.trim() !== '') return storableText(candidate.trim());
  }
  return undefined;
}

function has(object: Json | undefined, ...keys: string[]): boolean {
  return object !== undefined && keys.some((key) => key in object);
}

/**
 * The profile fields a Slack user object tells us. A field the object does not carry at all is
 * left out (the stored value stays); a field it carries blank becomes null. Never throws.
 * - displayName: profile.display_name, else profile.real_name / real_name, else the handle (name)
 * - realName: profile.real_name, else real_name
 * - avatarUrl: profile.image_72
 * - timezone: tz (e.g. "Europe/Paris")
 */
export function profileFromSlackUser(user: unknown): SlackUserProfile {
  if (!isRecord(user)) return {};
  const profile = isRecord(user.profile) ? user.profile : undefined;
  const result: SlackUserProfile = {};

  if (has(profile, 'display_name', 'real_name') || has(user, 'real_name', 'name')) {
    result.displayName = firstName(profile?.display_name, profile?.real_name, user.real_name, user.name) ?? null;
  }
  if (has(profile, 'real_name') || has(user, 'real_name')) {
    result.realName = firstName(profile?.real_name, user.real_name) ?? null;
  }
  if (has(profile, 'image_72')) {
    const avatar = profile?.image_72;
    result.avatarUrl = typeof avatar === 'string' && /^https?:\/\//.test(avatar) ? storableText(avatar) : null;
  }
  if (has(user, 'tz')) result.timezone = firstName(user.tz) ?? null;
  if (typeof user.is_bot === 'boolean' || user.id === SLACKBOT_USER_ID) {
    result.isBot = user.is_bot === true || user.id === SLACKBOT_USER_ID;
  }
  if (typeof user.deleted === 'boolean') result.isDeleted = user.deleted;
  return result;
}
