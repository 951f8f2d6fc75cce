import { describe, expect, it } from 'vitest';
import { profileFromSlackUser } from '../../../../../src/sources/slack/mapping';
import { fixture } from './helpers';

describe('profileFromSlackUser', () => {
  const user = {
    id: 'U0ALICE',
    name: 'alice',
    real_name: 'Alice Liddell',
    tz: 'America/New_York',
    deleted: false,
    is_bot: false,
    profile: { display_name: 'alice.l', real_name: 'Alice Liddell', image_72: 'https://avatars.slack-edge.com/a_72.png' },
  };

  it('reads the display name, real name, avatar, time zone and flags', () => {
    expect(profileFromSlackUser(user)).toEqual({
      displayName: 'alice.l',
      realName: 'Alice Liddell',
      avatarUrl: 'https://avatars.slack-edge.com/a_72.png',
      timezone: 'America/New_York',
      isBot: false,
      isDeleted: false,
    });
  });

  it('falls back from display_name to real name to handle', () => {
    expect(profileFromSlackUser({ ...user, profile: { ...user.profile, display_name: '  ' } }).displayName).toBe('Alice Liddell');
    expect(profileFromSlackUser({ id: 'U0X', name: 'handle', profile: { display_name: '' } }).displayName).toBe('handle');
  });

  it('marks deleted users and bots; Slackbot is a bot', () => {
    expect(profileFromSlackUser({ ...user, deleted: true }).isDeleted).toBe(true);
    expect(profileFromSlackUser({ ...user, is_bot: true }).isBot).toBe(true);
    expect(profileFromSlackUser({ id: 'USLACKBOT', name: 'slackbot', is_bot: false }).isBot).toBe(true);
  });

  it('leaves out what the object does not carry, so a partial object never wipes a stored value', () => {
    expect(profileFromSlackUser({ id: 'U0X' })).toEqual({});
    expect(profileFromSlackUser({ id: 'U0X', profile: { image_72: 'https://x/72.png' } })).toEqual({ avatarUrl: 'https://x/72.png' });
  });

  it("maps Slack's blanked Java samples (team_join, user_change) to nulls, not blanks", () => {
    for (const name of ['team_join__schema__javasample.json', 'user_change__schema__javasample.json']) {
      expect(profileFromSlackUser(fixture(name).event.user)).toEqual({
        displayName: null,
        realName: null,
        avatarUrl: null,
        timezone: null,
        isBot: false,
        isDeleted: false,
      });
    }
  });

  it.each([null, undefined, 'U0ALICE', 42, [], { profile: 'nope', tz: 5, deleted: 'yes' }])('never throws on %j', (value) => {
    expect(() => profileFromSlackUser(value)).not.toThrow();
  });
});
