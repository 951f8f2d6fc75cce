import { describe, expect, it } from 'vitest';
import { mapTeamJoinEvent } from '../../../../../src/sources/slack/mapping';
import { ctx, ctxFromEnvelope, expectActivity, expectIgnore, expectUnmappable, fixture, TEAM, variant, without, type Json } from './helpers';

// A user object as Slack documents it (https://docs.slack.dev/reference/objects/user-object),
// as team_join carries it (https://docs.slack.dev/reference/events/team_join).
const user: Json = {
  id: 'U0NEWBIE',
  team_id: TEAM,
  name: 'newbie',
  deleted: false,
  color: '9f69e7',
  real_name: 'Nora Newbie',
  tz: 'Europe/Paris',
  tz_label: 'Central European Time',
  tz_offset: 3600,
  profile: {
    title: '',
    phone: '',
    skype: '',
    real_name: 'Nora Newbie',
    real_name_normalized: 'Nora Newbie',
    display_name: 'nora',
    display_name_normalized: 'nora',
    status_text: '',
    status_emoji: '',
    avatar_hash: 'ge3b51ca72de',
    first_name: 'Nora',
    last_name: 'Newbie',
    image_24: 'https://avatars.slack-edge.com/nora_24.png',
    image_72: 'https://avatars.slack-edge.com/nora_72.png',
    image_192: 'https://avatars.slack-edge.com/nora_192.png',
    team: TEAM,
  },
  is_admin: false,
  is_owner: false,
  is_primary_owner: false,
  is_restricted: false,
  is_ultra_restricted: false,
  is_bot: false,
  is_app_user: false,
  updated: 1700000000,
};
const event: Json = { type: 'team_join', user };

describe('mapTeamJoinEvent', () => {
  it('maps a new member to workspace.user_joined with their profile', () => {
    const mapping = mapTeamJoinEvent(event, ctx({ eventTime: 1_700_000_050 }));
    const draft = expectActivity(mapping, 'workspace.user_joined');
    expect(draft).toEqual({
      type: 'workspace.user_joined',
      occurredAt: new Date(1_700_000_050_000),
      occurredAtMicros: 0,
      initiatorUserId: 'U0NEWBIE',
      recipientUserId: null,
      channelId: null,
      channelType: null,
      metadata: {
        team_id: TEAM,
        user_id: 'U0NEWBIE',
        display_name: 'nora',
        real_name: 'Nora Newbie',
        is_restricted: false,
        is_ultra_restricted: false,
        is_bot: false,
      },
      sourceKey: 'team_join:U0NEWBIE',
    });
    expect(mapping.kind === 'activity' && mapping.userId).toBe('U0NEWBIE');
    expect(mapping.kind === 'activity' && mapping.profile).toEqual({
      displayName: 'nora',
      realName: 'Nora Newbie',
      avatarUrl: 'https://avatars.slack-edge.com/nora_72.png',
      timezone: 'Europe/Paris',
      isBot: false,
      isDeleted: false,
    });
  });

  it('records guests (restricted / ultra-restricted)', () => {
    const guest = variant(event, { user: variant(user, { is_restricted: true, is_ultra_restricted: true }) });
    const draft = expectActivity(mapTeamJoinEvent(guest, ctx()), 'workspace.user_joined');
    expect(draft.metadata).toMatchObject({ is_restricted: true, is_ultra_restricted: true });
  });

  it('falls back to the real name, then the handle, for the display name', () => {
    const noDisplay = variant(user, { profile: { ...user.profile, display_name: '' } });
    expect(expectActivity(mapTeamJoinEvent({ type: 'team_join', user: noDisplay }, ctx()), 'workspace.user_joined').metadata.display_name).toBe('Nora Newbie');
    const bare = { id: 'U0BARE', name: 'bare' };
    const draft = expectActivity(mapTeamJoinEvent({ type: 'team_join', user: bare }, ctx()), 'workspace.user_joined');
    expect(draft.metadata).toEqual({ team_id: TEAM, user_id: 'U0BARE', display_name: 'bare' });
  });

  it("takes the time from the event's event_ts (to the microsecond), else the envelope's event_time (whole seconds)", () => {
    const fromTs = expectActivity(mapTeamJoinEvent({ ...event, event_ts: '1700000060.123456' }, ctx({ eventTime: 1_700_000_060 })), 'workspace.user_joined');
    expect(fromTs.occurredAt).toEqual(new Date(1_700_000_060_123));
    expect(fromTs.occurredAtMicros).toBe(456);
    const fromTime = expectActivity(mapTeamJoinEvent(event, ctx({ eventTime: 1_700_000_061 })), 'workspace.user_joined');
    expect(fromTime.occurredAt).toEqual(new Date(1_700_000_061_000));
    expect(fromTime.occurredAtMicros).toBe(0);
    expectUnmappable(mapTeamJoinEvent(event, { teamId: TEAM }), /event_ts or event_time/);
  });

  it('ignores bot users joining', () => {
    expectIgnore(mapTeamJoinEvent({ type: 'team_join', user: variant(user, { is_bot: true }) }, ctx()), /bot/);
    expectIgnore(mapTeamJoinEvent({ type: 'team_join', user: variant(user, { profile: { ...user.profile, bot_id: 'B0APP' } }) }, ctx()), /bot/);
    expectIgnore(mapTeamJoinEvent({ type: 'team_join', user: variant(user, { is_workflow_bot: true }) }, ctx()), /bot/);
  });

  it('is idempotent per member: a redelivery gives the same key', () => {
    const a = mapTeamJoinEvent(event, ctx({ eventId: 'Ev0A', eventTime: 1_700_000_050 }));
    const b = mapTeamJoinEvent(structuredClone(event), ctx({ eventId: 'Ev0B', eventTime: 1_700_000_070 }));
    expect(a.kind === 'activity' && b.kind === 'activity' && a.draft.sourceKey === b.draft.sourceKey).toBe(true);
  });

  it.each([
    ['no user', without(event, 'user'), /user object/],
    ['a user id string instead of an object', { type: 'team_join', user: 'U0NEWBIE' }, /user object/],
    ['a user without id', { type: 'team_join', user: without(user, 'id') }, /valid id/],
    ['another event type', { type: 'user_change', user }, /not a team_join/],
  ])('is unmappable with %s', (_label, payload, reason) => {
    expectUnmappable(mapTeamJoinEvent(payload, ctx()), reason);
  });

  it("never throws on Slack's blanked Java sample (blank id)", () => {
    const body = fixture('team_join__schema__javasample.json');
    expectUnmappable(mapTeamJoinEvent(body.event, ctxFromEnvelope(body)), /valid id/);
  });
});
