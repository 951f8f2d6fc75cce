// Full Slack user objects (users.info, team_join, user_change share one shape).
import { createHash } from 'node:crypto';
import { DEFAULT_TEAM_ID } from './defaults';
import { userId } from './ids';
import { nextTs, nowSeconds } from './ts';
import type { SlackProfile, SlackUser, SlackUserOverrides, TeamJoinEvent, UserChangeEvent } from './types';

const AVATAR_SIZES = [24, 32, 48, 72, 192, 512] as const;

function avatarUrls(hash: string): Pick<SlackProfile, 'image_24' | 'image_32' | 'image_48' | 'image_72' | 'image_192' | 'image_512'> {
  const url = (size: number): string => `https://secure.gravatar.com/avatar/${hash}.jpg?s=${size}&d=https%3A%2F%2Fa.slack-edge.com%2Fdf10d%2Fimg%2Favatars%2Fava_0001-${size}.png`;
  const [s24, s32, s48, s72, s192, s512] = AVATAR_SIZES.map(url) as [string, string, string, string, string, string];
  return { image_24: s24, image_32: s32, image_48: s48, image_72: s72, image_192: s192, image_512: s512 };
}

/** A complete user object; profile overrides merge into the default profile. */
export function slackUser(overrides: SlackUserOverrides = {}): SlackUser {
  const { profile: profileOverrides = {}, ...top } = overrides;
  const id = top.id ?? userId();
  const team = top.team_id ?? DEFAULT_TEAM_ID;
  const name = top.name ?? `user.${id.toLowerCase()}`;
  const realName = top.real_name ?? profileOverrides.real_name ?? name;
  const displayName = profileOverrides.display_name ?? name;
  const [first = '', ...rest] = realName.split(' ');
  const avatarHash = createHash('md5').update(id).digest('hex').slice(0, 12);
  const isBot = top.is_bot ?? false;
  const profile: SlackProfile = {
    title: '',
    phone: '',
    skype: '',
    real_name: realName,
    real_name_normalized: realName,
    display_name: displayName,
    display_name_normalized: displayName,
    status_text: '',
    status_text_canonical: '',
    status_emoji: '',
    status_emoji_display_info: [],
    status_expiration: 0,
    avatar_hash: avatarHash,
    ...(isBot ? {} : { email: `${name}@example.com` }),
    first_name: first,
    last_name: rest.join(' '),
    ...avatarUrls(avatarHash),
    team,
    fields: null,
    huddle_state: 'default_unset',
    huddle_state_expiration_ts: 0,
    ...profileOverrides,
  };
  return {
    id,
    team_id: team,
    name,
    deleted: false,
    color: '9f69e7',
    real_name: realName,
    tz: 'Europe/Amsterdam',
    tz_label: 'Central European Time',
    tz_offset: 3600,
    profile,
    is_admin: false,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: isBot,
    is_app_user: false,
    updated: nowSeconds(),
    is_email_confirmed: !isBot,
    who_can_share_contact_card: 'EVERYONE',
    locale: 'en-US',
    ...top,
  };
}

/** A new member joined the workspace. */
export function teamJoin(user: SlackUserOverrides = {}, overrides: Partial<TeamJoinEvent> = {}): TeamJoinEvent {
  return { type: 'team_join', user: slackUser(user), cache_ts: nowSeconds(), event_ts: nextTs(), ...overrides };
}

/** A member's profile changed; pass the whole new user (Slack sends the full object). */
export function userChange(user: SlackUserOverrides = {}, overrides: Partial<UserChangeEvent> = {}): UserChangeEvent {
  return { type: 'user_change', user: slackUser(user), cache_ts: nowSeconds(), event_ts: nextTs(), ...overrides };
}
