import { describe, expect, it } from 'vitest';
import { EXCERPT_MAX } from '../../../../../src/activities/types/common';
import { mapMessageEvent, SYSTEM_SUBTYPES } from '../../../../../src/sources/slack/mapping';
import {
  BOT_USER,
  ctx,
  ctxFromEnvelope,
  expectActivity,
  expectDeletion,
  expectIgnore,
  expectUnmappable,
  fixture,
  innerEvent,
  TEAM,
  variant,
  without,
  type Json,
} from './helpers';

// A current-shape member message in a public channel, following
// https://docs.slack.dev/reference/events/message (the fields Slack sends today).
const message: Json = {
  type: 'message',
  client_msg_id: '2b9d4e0c-8d2b-4f7e-9f43-3b1c7a2f1c11',
  text: 'Welcome <@U0BOB> — see <#C0RULES|rules> first',
  user: 'U0ALICE',
  ts: '1700000100.000200',
  team: TEAM,
  blocks: [{ type: 'rich_text', block_id: 'x1', elements: [] }],
  channel: 'C0GENERAL',
  event_ts: '1700000100.000200',
  channel_type: 'channel',
};

// A reply in a thread: Slack sends it as a plain message (no subtype) with thread_ts and
// parent_user_id (https://docs.slack.dev/messaging/#threading).
const reply: Json = variant(message, {
  text: 'Thanks, reading now',
  user: 'U0BOB',
  ts: '1700000200.000300',
  event_ts: '1700000200.000300',
  thread_ts: '1700000100.000200',
  parent_user_id: 'U0ALICE',
});

describe('mapMessageEvent: top-level messages', () => {
  it("maps Slack's docs example (envelope) to slack_message.created", () => {
    const body = fixture('message__plain__slackdocs-dev.json');
    const draft = expectActivity(mapMessageEvent(innerEvent(body), ctxFromEnvelope(body)), 'slack_message.created');
    expect(draft).toEqual({
      type: 'slack_message.created',
      occurredAt: new Date(1355517523000), // .000005 is 5 µs: below a millisecond…
      occurredAtMicros: 5, // …kept here, to order activities within the millisecond
      initiatorUserId: 'U123ABC456',
      recipientUserId: null,
      channelId: 'C123ABC456',
      channelType: 'channel',
      metadata: { team_id: 'T123ABC456', channel_id: 'C123ABC456', message_ts: '1355517523.000005', excerpt: 'Hello world' },
      sourceKey: 'msg:C123ABC456:1355517523.000005',
      deletionSourceKey: 'delete:C123ABC456:1355517523.000005',
    });
  });

  it('maps a captured delivery; an author team that differs from the receiving team becomes user_team_id', () => {
    const body = fixture('message__plain__slackweb-gh.json');
    // (its authorizations[0].team_id has a typo too, so take the envelope's team_id)
    const draft = expectActivity(mapMessageEvent(body.event, ctx({ teamId: body.team_id })), 'slack_message.created');
    expect(draft.initiatorUserId).toBe('U043H11ES4V');
    expect(draft.metadata).toMatchObject({ team_id: 'T043DB835ML', excerpt: 'dgsfklsdgf' });
    // The capture's event.team is "T43DB835ML" (not T043DB835ML): we report what Slack says.
    expect(draft.metadata.user_team_id).toBe('T43DB835ML');
  });

  it('leaves channelType unknown when the event does not say (RTM-era example, no channel_type, no blocks)', () => {
    const draft = expectActivity(mapMessageEvent(fixture('message__plain__slackdocs-gh.json'), ctx()), 'slack_message.created');
    expect(draft.channelType).toBeNull();
    expect(draft.metadata).toEqual({ team_id: TEAM, channel_id: 'C2147483705', message_ts: '1355517523.000005', excerpt: 'Hello world' });
  });

  it("takes channelType 'group' for private channels", () => {
    const draft = expectActivity(mapMessageEvent(variant(message, { channel: 'G0SECRET', channel_type: 'group' }), ctx()), 'slack_message.created');
    expect(draft.channelType).toBe('group');
    expect(draft.channelId).toBe('G0SECRET');
  });

  it('keeps Slack mrkdwn as is, and takes the time from ts to the millisecond', () => {
    const draft = expectActivity(mapMessageEvent(message, ctx()), 'slack_message.created');
    expect(draft.metadata.excerpt).toBe('Welcome <@U0BOB> — see <#C0RULES|rules> first');
    expect(draft.occurredAt.toISOString()).toBe(new Date(1700000100000).toISOString());
    expect(draft.metadata).not.toHaveProperty('user_team_id');
  });

  it('cuts long text to an excerpt and collapses whitespace', () => {
    const long = `first\n\n  line ${'word '.repeat(200)}`;
    const draft = expectActivity(mapMessageEvent(variant(message, { text: long }), ctx()), 'slack_message.created');
    const excerpt = draft.metadata.excerpt as string;
    expect(excerpt.length).toBeLessThanOrEqual(EXCERPT_MAX);
    expect(excerpt.startsWith('first line word word')).toBe(true);
    expect(excerpt).not.toMatch(/\s{2}|\n/);
  });

  it('maps me_message with its subtype', () => {
    const draft = expectActivity(mapMessageEvent(fixture('message__me_message__slackdocs-gh.json'), ctx()), 'slack_message.created');
    expect(draft.metadata).toMatchObject({ subtype: 'me_message', excerpt: 'is doing that thing' });
  });

  it('maps file_share in a channel with the file ids (captured payload moved to a public channel)', () => {
    const dm = fixture('message__file_share-im__slackweb-gh.json').event as Json;
    const event = variant(dm, { channel: 'C043YJGBY49', channel_type: 'channel' });
    const draft = expectActivity(mapMessageEvent(event, ctx({ teamId: 'T043DB835ML' })), 'slack_message.created');
    expect(draft.metadata).toMatchObject({ subtype: 'file_share', file_ids: ['F04EEHX1EES'], excerpt: 'message message message' });
  });

  it('maps a file-only post (no text) with an empty excerpt', () => {
    const event = variant(without(message, 'text', 'blocks'), { subtype: 'file_share', files: [{ id: 'F0A' }, { id: 'F0B' }, {}, 'junk'] });
    const draft = expectActivity(mapMessageEvent(event, ctx()), 'slack_message.created');
    expect(draft.metadata).toMatchObject({ excerpt: '', file_ids: ['F0A', 'F0B'] });
  });

  it('treats a thread parent (thread_ts === ts) as a top-level message', () => {
    const parent = variant(message, { thread_ts: message.ts, reply_count: 3 });
    expectActivity(mapMessageEvent(parent, ctx()), 'slack_message.created');
  });
});

describe('mapMessageEvent: thread replies', () => {
  it('maps a reply (no subtype, thread_ts differs from ts) to slack_message.threaded_reply.created', () => {
    const draft = expectActivity(mapMessageEvent(reply, ctx()), 'slack_message.threaded_reply.created');
    expect(draft).toMatchObject({
      initiatorUserId: 'U0BOB',
      recipientUserId: 'U0ALICE',
      channelId: 'C0GENERAL',
      channelType: 'channel',
      sourceKey: 'msg:C0GENERAL:1700000200.000300',
    });
    expect(draft.metadata).toEqual({
      team_id: TEAM,
      channel_id: 'C0GENERAL',
      message_ts: '1700000200.000300',
      thread_ts: '1700000100.000200',
      excerpt: 'Thanks, reading now',
      parent_user_id: 'U0ALICE',
      is_broadcast: false,
    });
  });

  it('has no recipient when replying in your own thread', () => {
    const draft = expectActivity(mapMessageEvent(variant(reply, { user: 'U0ALICE' }), ctx()), 'slack_message.threaded_reply.created');
    expect(draft.recipientUserId).toBeNull();
    expect(draft.metadata.parent_user_id).toBe('U0ALICE');
  });

  it('has no recipient and no parent_user_id when Slack leaves parent_user_id out', () => {
    const draft = expectActivity(mapMessageEvent(without(reply, 'parent_user_id'), ctx()), 'slack_message.threaded_reply.created');
    expect(draft.recipientUserId).toBeNull();
    expect(draft.metadata).not.toHaveProperty('parent_user_id');
  });

  it("maps thread_broadcast (docs example) to a reply with is_broadcast, without a subtype", () => {
    const body = fixture('message__thread_broadcast__slackdocs-dev.json');
    const draft = expectActivity(mapMessageEvent(body.event, ctxFromEnvelope(body)), 'slack_message.threaded_reply.created');
    expect(draft.metadata).toEqual({
      team_id: 'T123ABC456',
      channel_id: 'C123ABC456',
      message_ts: '1673464745.620769',
      thread_ts: '1673464730.703009',
      excerpt: 'broadcasting this reply',
      is_broadcast: true,
    });
    expect(draft.sourceKey).toBe('msg:C123ABC456:1673464745.620769');
  });

  it('keeps the subtype and file ids of a file shared in a thread', () => {
    const event = variant(reply, { subtype: 'file_share', files: [{ id: 'F0PDF' }] });
    const draft = expectActivity(mapMessageEvent(event, ctx()), 'slack_message.threaded_reply.created');
    expect(draft.metadata).toMatchObject({ subtype: 'file_share', file_ids: ['F0PDF'], is_broadcast: false });
  });
});

describe('mapMessageEvent: shared channels (Slack Connect)', () => {
  // In a shared channel the event names the author's team (user_team / team) and the team the
  // message came from (source_team); the envelope says is_ext_shared_channel.
  const external = variant(message, { user: 'U0PARTNER', team: 'T0PARTNER', user_team: 'T0PARTNER', source_team: 'T0PARTNER' });

  it('records a partner-org member with user_team_id', () => {
    const draft = expectActivity(mapMessageEvent(external, ctx({ isExtSharedChannel: true })), 'slack_message.created');
    expect(draft.initiatorUserId).toBe('U0PARTNER');
    expect(draft.metadata).toMatchObject({ team_id: TEAM, user_team_id: 'T0PARTNER' });
  });

  it('records a partner reply in a thread with user_team_id', () => {
    const event = variant(reply, { user_team: 'E0GRID', source_team: 'T0PARTNER', team: 'T0PARTNER', user: 'W0GRIDUSER' });
    const draft = expectActivity(mapMessageEvent(event, ctx({ isExtSharedChannel: true })), 'slack_message.threaded_reply.created');
    expect(draft.metadata).toMatchObject({ user_team_id: 'E0GRID' });
    expect(draft.initiatorUserId).toBe('W0GRIDUSER');
  });

  it('leaves user_team_id out for our own members, even when the message came through another team', () => {
    const event = variant(message, { user_team: TEAM, source_team: 'T0PARTNER' });
    const draft = expectActivity(mapMessageEvent(event, ctx({ isExtSharedChannel: true })), 'slack_message.created');
    expect(draft.metadata).not.toHaveProperty('user_team_id');
  });

  it('gives the same source key to both workspaces of a shared channel (each keys per workspace)', () => {
    const ours = mapMessageEvent(external, ctx());
    const theirs = mapMessageEvent(external, ctx({ teamId: 'T0PARTNER' }));
    expect(ours.kind === 'activity' && theirs.kind === 'activity' && ours.draft.sourceKey === theirs.draft.sourceKey).toBe(true);
  });
});

describe('mapMessageEvent: never collected', () => {
  it.each([
    ['im', 'D0DIRECT'],
    ['mpim', 'G0MULTIPARTY'],
    ['app_home', 'D0APPHOME'],
    [undefined, 'D0NOTYPE'],
  ])('ignores direct messages (channel_type %s, channel %s)', (channelType, channel) => {
    const event = variant(message, { channel, channel_type: channelType });
    expectIgnore(mapMessageEvent(event, ctx()), /direct message/);
  });

  it('ignores a captured file_share in a DM', () => {
    const body = fixture('message__file_share-im__slackweb-gh.json');
    expectIgnore(mapMessageEvent(body.event, ctxFromEnvelope(body)), /direct message/);
  });

  it('ignores edits and deletions in DMs too', () => {
    const edit = { type: 'message', subtype: 'message_changed', channel: 'D0DIRECT', channel_type: 'im', ts: '1700000300.000100', message: variant(message, { channel: undefined, edited: { user: 'U0ALICE', ts: '1700000300.000100' } }) };
    expectIgnore(mapMessageEvent(edit, ctx()), /direct message/);
    const del = { type: 'message', subtype: 'message_deleted', channel: 'D0DIRECT', channel_type: 'im', ts: '1700000300.000100', deleted_ts: message.ts };
    expectIgnore(mapMessageEvent(del, ctx()), /direct message/);
  });

  it.each([
    ['subtype bot_message (docs example)', fixture('message__bot_message__slackdocs-gh.json')],
    ['subtype bot_message (captured)', fixture('message__bot_message__slackweb-gh.json').event],
    ['bot_id on a message with a user (app posting as a user)', variant(message, { bot_id: 'B0APP', app_id: 'A0APP' })],
    ['bot_profile only', variant(message, { bot_profile: { id: 'B0APP', name: 'helper', app_id: 'A0APP' } })],
    ['our own bot user', variant(message, { user: BOT_USER })],
    ['Slackbot', variant(message, { user: 'USLACKBOT' })],
  ])('ignores bot messages: %s', (_label, event) => {
    expectIgnore(mapMessageEvent(event, ctx()), /bot|Slackbot/i);
  });

  it('ignores bot replies in threads and bot broadcasts', () => {
    expectIgnore(mapMessageEvent(variant(reply, { bot_id: 'B0APP' }), ctx()), /bot/);
    expectIgnore(mapMessageEvent(variant(reply, { subtype: 'thread_broadcast', user: BOT_USER }), ctx()), /own bot/);
  });

  it.each([...SYSTEM_SUBTYPES])('ignores the system subtype %s, naming it', (subtype) => {
    const event = { type: 'message', subtype, user: 'U0ALICE', text: 'something happened', ts: '1700000400.000100', channel: 'C0GENERAL', channel_type: 'channel', event_ts: '1700000400.000100' };
    const mapping = mapMessageEvent(event, ctx());
    expectIgnore(mapping, new RegExp(subtype));
  });

  it.each([
    'message__channel_join__slackdocs-gh.json',
    'message__channel_leave__slackdocs-gh.json',
    'message__channel_name__slackdocs-gh.json',
    'message__channel_purpose__slackdocs-gh.json',
    'message__channel_topic__slackdocs-gh.json',
    'message__channel_posting_permissions__slackdocs-dev.json',
    'message__channel_convert_to_private__slackdocs-dev.json',
    'message__reminder_add__slackdocs-dev.json',
    'message__channel_join-schema__javasample.json',
    'message__channel_leave-schema__javasample.json',
    'message__channel_purpose-schema__javasample.json',
    'message__ekm_access_denied-schema__javasample.json',
    'message__message_replied-schema__javasample.json',
  ])('ignores the real system message %s', (name) => {
    const payload = fixture(name);
    const mapping = mapMessageEvent(innerEvent(payload), ctx());
    expectIgnore(mapping, new RegExp(innerEvent(payload).subtype));
  });

  it('ignores a huddle thread root and an assistant thread root', () => {
    const huddle = variant(message, { subtype: 'huddle_thread', room: { id: 'R0HUDDLE' } });
    expectIgnore(mapMessageEvent(huddle, ctx()), /huddle_thread/);
    const assistant = variant(message, { subtype: 'assistant_app_thread', assistant_app_thread: { title: 'Chats' } });
    expectIgnore(mapMessageEvent(assistant, ctx()), /assistant_app_thread/);
  });

  it('keeps an unknown subtype for a human (unmappable), unless a bot sent it', () => {
    expectUnmappable(mapMessageEvent(variant(message, { subtype: 'hologram_share' }), ctx()), /unknown message subtype "hologram_share"/);
    expectIgnore(mapMessageEvent(variant(message, { subtype: 'hologram_share', bot_id: 'B0APP' }), ctx()), /bot/);
  });
});

describe('mapMessageEvent: unexpected shapes', () => {
  it.each([
    ['no user', without(message, 'user'), /no user/],
    ['a blank user', variant(message, { user: '' }), /no user/],
    ['a numeric user', variant(message, { user: 42 }), /malformed user/],
    ['no ts', without(message, 'ts'), /valid ts/],
    ['a garbage ts', variant(message, { ts: 'yesterday' }), /valid ts/],
    ['no channel', without(message, 'channel'), /no channel/],
    ['a numeric channel', variant(message, { channel: 7 }), /malformed channel/],
    ['a non-string text', variant(message, { text: { rich: true } }), /text is a object/],
    ['a garbage thread_ts', variant(reply, { thread_ts: 'soon' }), /thread_ts/],
    ['a non-string subtype', variant(message, { subtype: 5 }), /subtype/],
    ['another event type', variant(message, { type: 'reaction_added' }), /not a message event/],
  ])('is unmappable with %s', (_label, event, reason) => {
    expectUnmappable(mapMessageEvent(event, ctx()), reason);
  });

  it('is unmappable when the delivery has no usable team id', () => {
    expectUnmappable(mapMessageEvent(message, ctx({ teamId: 'unknown' })), /team id/);
  });

  it("never throws on Slack's blanked Java samples", () => {
    for (const name of ['message__plain-schema__javasample.json', 'message__thread_broadcast-schema__javasample.json']) {
      const body = fixture(name);
      const mapping = mapMessageEvent(body.event, ctxFromEnvelope(body));
      expect(['ignore', 'unmappable']).toContain(mapping.kind);
    }
    // The plain sample carries bot_profile (a bot message); the broadcast has a blank user.
    expectIgnore(mapMessageEvent(fixture('message__plain-schema__javasample.json').event, ctx()), /bot/);
    expectUnmappable(mapMessageEvent(fixture('message__thread_broadcast-schema__javasample.json').event, ctx()), /no channel/);
  });
});

describe('mapMessageEvent: edits (message_changed)', () => {
  const edited = (overrides: Json = {}, previous: Json | null = variant(message)): Json => ({
    type: 'message',
    subtype: 'message_changed',
    hidden: true,
    channel: 'C0GENERAL',
    channel_type: 'channel',
    ts: '1700000500.000900',
    event_ts: '1700000500.000900',
    message: variant(without(message, 'channel', 'event_ts', 'channel_type'), {
      text: 'Welcome <@U0BOB> — please read <#C0RULES|rules> first',
      edited: { user: 'U0ALICE', ts: '1700000500.000000' },
      ...overrides,
    }),
    ...(previous ? { previous_message: without(previous, 'channel', 'event_ts', 'channel_type') } : {}),
  });

  it("maps Slack's docs example (no previous_message, edited present)", () => {
    const draft = expectActivity(mapMessageEvent(fixture('message__message_changed__slackdocs-gh.json'), ctx()), 'slack_message.edited');
    expect(draft).toEqual({
      type: 'slack_message.edited',
      occurredAt: new Date(1358878755000),
      occurredAtMicros: 1,
      initiatorUserId: 'U2147483697',
      recipientUserId: null,
      channelId: 'C2147483705',
      channelType: null,
      metadata: {
        team_id: TEAM,
        channel_id: 'C2147483705',
        message_ts: '1355517523.000005',
        edited_ts: '1358878755.000001',
        excerpt: 'Hello, world!',
      },
      sourceKey: 'edit:C2147483705:1355517523.000005:1358878755.000001',
      deletionSourceKey: 'delete:C2147483705:1355517523.000005',
    });
  });

  it('records old and new excerpts when previous_message is there and the text changed', () => {
    const draft = expectActivity(mapMessageEvent(edited(), ctx()), 'slack_message.edited');
    expect(draft.metadata).toEqual({
      team_id: TEAM,
      channel_id: 'C0GENERAL',
      message_ts: '1700000100.000200',
      edited_ts: '1700000500.000000',
      excerpt: 'Welcome <@U0BOB> — please read <#C0RULES|rules> first',
      previous_excerpt: 'Welcome <@U0BOB> — see <#C0RULES|rules> first',
    });
    expect(draft.occurredAt).toEqual(new Date(1700000500000));
    expect(draft.channelType).toBe('channel');
  });

  it('ignores a captured link unfurl (previous_message with the same text, attachments added)', () => {
    const body = fixture('message__message_changed-unfurl__slackweb-gh.json');
    expectIgnore(mapMessageEvent(body.event, ctxFromEnvelope(body)), /without a text change/);
  });

  it('ignores a change without previous_message and without an edited mark', () => {
    const event = edited({ attachments: [{ from_url: 'https://example.com' }] }, null);
    delete (event.message as Json).edited;
    expectIgnore(mapMessageEvent(event, ctx()), /without an edit mark/);
  });

  it('ignores a change where only the edited mark moved but the text is the same', () => {
    expectIgnore(mapMessageEvent(edited({ text: message.text }), ctx()), /without a text change/);
  });

  it('adds thread_ts when the edited message is a reply', () => {
    const event = edited({ thread_ts: '1700000000.000100', parent_user_id: 'U0CAROL' });
    const draft = expectActivity(mapMessageEvent(event, ctx()), 'slack_message.edited');
    expect(draft.metadata.thread_ts).toBe('1700000000.000100');
    expect(draft.recipientUserId).toBeNull();
  });

  it('takes the editor from edited.user when message.user is missing', () => {
    const event = edited({ user: undefined });
    delete (event.message as Json).user;
    const draft = expectActivity(mapMessageEvent(event, ctx()), 'slack_message.edited');
    expect(draft.initiatorUserId).toBe('U0ALICE');
  });

  it('falls back to event_ts, then ts, for edited_ts', () => {
    const noEditedTs = edited({ edited: { user: 'U0ALICE' } });
    const a = expectActivity(mapMessageEvent(noEditedTs, ctx()), 'slack_message.edited');
    expect(a.metadata.edited_ts).toBe('1700000500.000900');
    const onlyTs = without(noEditedTs, 'event_ts');
    onlyTs.ts = '1700000600.000100';
    const b = expectActivity(mapMessageEvent(onlyTs, ctx()), 'slack_message.edited');
    expect(b.metadata.edited_ts).toBe('1700000600.000100');
    expect(b.sourceKey).toBe('edit:C0GENERAL:1700000100.000200:1700000600.000100');
  });

  it('gives two edits of one message two keys, and a redelivered edit the same key', () => {
    const first = mapMessageEvent(edited(), ctx());
    const again = mapMessageEvent(edited(), ctx({ eventId: 'Ev0RETRY', eventTime: 1_700_009_999 }));
    const second = mapMessageEvent(edited({ text: 'third version', edited: { user: 'U0ALICE', ts: '1700000700.000000' } }), ctx());
    const key = (m: typeof first) => (m.kind === 'activity' ? m.draft.sourceKey : m.kind);
    expect(key(first)).toBe(key(again));
    expect(key(first)).not.toBe(key(second));
  });

  it.each([
    ['a bot message (bot_id)', { bot_id: 'B0APP' }],
    ['a bot message (subtype bot_message)', { subtype: 'bot_message', user: undefined }],
    ['our own bot', { user: BOT_USER, edited: { user: BOT_USER, ts: '1700000500.000000' } }],
  ])('ignores edits of %s', (_label, overrides) => {
    expectIgnore(mapMessageEvent(edited(overrides), ctx()), /edit of a/);
  });

  it('ignores edits of system messages and of assistant thread titles', () => {
    expectIgnore(mapMessageEvent(edited({ subtype: 'channel_topic' }), ctx()), /channel_topic/);
    // https://api.slack.com/events/message/assistant_app_thread: message_changed with message.subtype assistant_app_thread
    expectIgnore(mapMessageEvent(edited({ subtype: 'assistant_app_thread' }), ctx()), /assistant_app_thread/);
  });

  it('keeps edits of messages with unknown subtypes for a human', () => {
    expectUnmappable(mapMessageEvent(edited({ subtype: 'hologram_share' }), ctx()), /unknown subtype/);
  });

  it('records edits of file shares and broadcasts', () => {
    expectActivity(mapMessageEvent(edited({ subtype: 'file_share', files: [{ id: 'F0A' }] }), ctx()), 'slack_message.edited');
    expectActivity(mapMessageEvent(edited({ subtype: 'thread_broadcast', thread_ts: '1700000000.000100' }), ctx()), 'slack_message.edited');
  });

  it.each([
    ['no message object', (e: Json) => delete e.message, /without a message object/],
    ['a message without ts', (e: Json) => delete e.message.ts, /no valid ts/],
    ['a message without user', (e: Json) => { delete e.message.user; delete e.message.edited.user; }, /no user/],
    ['no channel', (e: Json) => delete e.channel, /no channel/],
  ])('is unmappable with %s', (_label, change, reason) => {
    const event = edited();
    change(event);
    expectUnmappable(mapMessageEvent(event, ctx()), reason);
  });
});

describe('mapMessageEvent: deletions (message_deleted)', () => {
  it('maps a captured deletion with previous_message: scrub, no text, author known', () => {
    const body = fixture('message__message_deleted-previous__slackweb-gh.json');
    const mapping = expectDeletion(mapMessageEvent(body.event, ctxFromEnvelope(body)));
    expect(mapping).toEqual({
      kind: 'deletion',
      channelId: 'C043YJGBY49',
      messageTs: '1663966382.046509',
      scrubSourceKeyPrefixes: ['msg:C043YJGBY49:1663966382.046509', 'edit:C043YJGBY49:1663966382.046509:'],
      needsAuthorLookup: false,
      draft: {
        type: 'slack_message.deleted',
        occurredAt: new Date(1663969383001),
        occurredAtMicros: 500,
        initiatorUserId: 'U043H11ES4V',
        recipientUserId: null,
        channelId: 'C043YJGBY49',
        channelType: 'channel',
        metadata: {
          team_id: 'T043DB835ML',
          channel_id: 'C043YJGBY49',
          message_ts: '1663966382.046509',
          deleted_ts: '1663969383.001500',
        },
        sourceKey: 'delete:C043YJGBY49:1663966382.046509',
      },
    });
    // Deleted words never travel on.
    expect(JSON.stringify(mapping)).not.toContain('This message will be deleted');
  });

  it.each(['message__message_deleted__slackdocs-dev.json', 'message__message_deleted__slackdocs-gh.json'])(
    'asks the caller to find the author when previous_message is absent (%s)',
    (name) => {
      const payload = fixture(name);
      const context = 'event' in payload ? ctxFromEnvelope(payload) : ctx();
      const mapping = expectDeletion(mapMessageEvent(innerEvent(payload), context));
      expect(mapping.needsAuthorLookup).toBe(true);
      expect(mapping.draft?.initiatorUserId).toBeNull();
      expect(mapping.messageTs).toBe('1358878749.000002');
      expect(mapping.draft?.metadata).toMatchObject({ message_ts: '1358878749.000002', deleted_ts: '1358878755.000001' });
      expect(mapping.draft?.occurredAt).toEqual(new Date(1358878755000));
    },
  );

  it('keeps thread_ts when a reply is deleted', () => {
    const event = { type: 'message', subtype: 'message_deleted', hidden: true, channel: 'C0GENERAL', channel_type: 'channel', ts: '1700000900.000100', event_ts: '1700000900.000100', deleted_ts: reply.ts, previous_message: without(reply, 'channel', 'channel_type', 'event_ts') };
    const mapping = expectDeletion(mapMessageEvent(event, ctx()));
    expect(mapping.draft?.metadata.thread_ts).toBe('1700000100.000200');
    expect(mapping.draft?.initiatorUserId).toBe('U0BOB');
  });

  it('ignores deletions of bot messages, our own bot, and system messages', () => {
    const base = { type: 'message', subtype: 'message_deleted', channel: 'C0GENERAL', ts: '1700000900.000100', deleted_ts: message.ts };
    expectIgnore(mapMessageEvent({ ...base, previous_message: fixture('message__bot_message__slackdocs-gh.json') }, ctx()), /deletion of a bot/);
    expectIgnore(mapMessageEvent({ ...base, previous_message: variant(message, { user: BOT_USER }) }, ctx()), /own bot/);
    expectIgnore(mapMessageEvent({ ...base, previous_message: fixture('message__channel_join__slackdocs-gh.json') }, ctx()), /channel_join/);
  });

  it('scrubs a thread parent deleted after it became a tombstone (real payload), author from the stored original', () => {
    const mapping = expectDeletion(mapMessageEvent(fixture('message__message_deleted-tombstone__slackedge-gh.json'), ctx()));
    expect(mapping).toMatchObject({ channelId: 'C061C15S0E5', messageTs: '1704604884.175949', needsAuthorLookup: true });
    expect(mapping.draft?.initiatorUserId).toBeNull();
    expect(mapping.draft?.metadata).not.toHaveProperty('thread_ts');
  });

  it('takes deleted_ts from previous_message.ts when deleted_ts is missing, and the time from event_ts or event_time', () => {
    const event = { type: 'message', subtype: 'message_deleted', channel: 'C0GENERAL', event_ts: '1700000900.000100', previous_message: without(message, 'channel') };
    const mapping = expectDeletion(mapMessageEvent(event, ctx()));
    expect(mapping.messageTs).toBe(message.ts);
    expect(mapping.draft?.metadata.deleted_ts).toBe('1700000900.000100');
    const timeless = expectDeletion(mapMessageEvent(without(event, 'event_ts'), ctx({ eventTime: 1_700_001_000 })));
    expect(timeless.draft?.occurredAt).toEqual(new Date(1_700_001_000_000));
    expect(timeless.draft?.metadata.deleted_ts).toBe('1700001000.000000');
  });

  it('is unmappable without anything naming the deleted message, or without any time', () => {
    const event = { type: 'message', subtype: 'message_deleted', channel: 'C0GENERAL', ts: '1700000900.000100' };
    expectUnmappable(mapMessageEvent(event, ctx()), /deleted_ts/);
    expectUnmappable(mapMessageEvent({ type: 'message', subtype: 'message_deleted', channel: 'C0GENERAL', deleted_ts: message.ts }, { teamId: TEAM }), /without a valid event_ts, ts or event_time/);
  });

  it('scrubs exactly the keys the original and its edits were recorded under', () => {
    const created = mapMessageEvent(message, ctx());
    const edit = mapMessageEvent(
      { type: 'message', subtype: 'message_changed', channel: 'C0GENERAL', ts: '1700000500.000900', message: variant(message, { text: 'v2', edited: { user: 'U0ALICE', ts: '1700000500.000000' } }) },
      ctx(),
    );
    const deletion = expectDeletion(mapMessageEvent({ type: 'message', subtype: 'message_deleted', channel: 'C0GENERAL', ts: '1700000900.000100', deleted_ts: message.ts }, ctx()));
    const keys = [created, edit].map((m) => (m.kind === 'activity' ? m.draft.sourceKey : ''));
    for (const key of keys) expect(deletion.scrubSourceKeyPrefixes.some((prefix) => key.startsWith(prefix))).toBe(true);
    // ... and nothing of a neighbouring message.
    const other = mapMessageEvent(variant(message, { ts: '1700000100.000201' }), ctx());
    const otherKey = other.kind === 'activity' ? other.draft.sourceKey : '';
    expect(deletion.scrubSourceKeyPrefixes.some((prefix) => otherKey.startsWith(prefix))).toBe(false);
  });
});

describe('mapMessageEvent: thread parents deleted while they have replies (tombstones)', () => {
  // Slack replaces the parent with a Slackbot "This message was deleted." and sends
  // message_changed (message.subtype tombstone) instead of message_deleted.
  const tombstoned = (previous: Json | undefined): Json => ({
    type: 'message',
    subtype: 'message_changed',
    hidden: true,
    channel: 'C0GENERAL',
    channel_type: 'channel',
    ts: '1700001100.000100',
    event_ts: '1700001100.000100',
    message: { type: 'message', subtype: 'tombstone', text: 'This message was deleted.', user: 'USLACKBOT', hidden: true, ts: message.ts, thread_ts: message.ts, parent_user_id: 'USLACKBOT', reply_count: 1, reply_users: ['U0BOB'] },
    ...(previous ? { previous_message: previous } : {}),
  });

  it('is a deletion of the parent, by its author', () => {
    const mapping = expectDeletion(mapMessageEvent(tombstoned(without(message, 'channel')), ctx()));
    expect(mapping).toMatchObject({ messageTs: message.ts, needsAuthorLookup: false, scrubSourceKeyPrefixes: [`msg:C0GENERAL:${message.ts}`, `edit:C0GENERAL:${message.ts}:`] });
    expect(mapping.draft?.initiatorUserId).toBe('U0ALICE');
    expect(mapping.draft?.sourceKey).toBe(`delete:C0GENERAL:${message.ts}`);
    expect(JSON.stringify(mapping)).not.toContain('This message was deleted');
  });

  it('asks for the author when Slack left previous_message out', () => {
    expect(expectDeletion(mapMessageEvent(tombstoned(undefined), ctx())).needsAuthorLookup).toBe(true);
  });

  it('ignores later updates of the tombstone (replies added or removed)', () => {
    const previous = { type: 'message', subtype: 'tombstone', text: 'This message was deleted.', user: 'USLACKBOT', ts: message.ts };
    expectIgnore(mapMessageEvent(tombstoned(previous), ctx()), /already deleted/);
  });
});

describe('mapMessageEvent: times to the microsecond', () => {
  // Slack stamps edited.ts with whole seconds ("1358878755.000000"); the event's own event_ts
  // (and ts) carry the microseconds of when the change happened.
  const change = (overrides: Json = {}): Json => ({
    type: 'message',
    subtype: 'message_changed',
    hidden: true,
    channel: 'C0GENERAL',
    channel_type: 'channel',
    ts: '1700000500.654321',
    event_ts: '1700000500.654321',
    message: variant(without(message, 'channel', 'event_ts', 'channel_type'), {
      text: 'fixed',
      edited: { user: 'U0ALICE', ts: '1700000500.000000' },
    }),
    previous_message: without(message, 'channel', 'event_ts', 'channel_type'),
    ...overrides,
  });

  it("times an edit by the event's event_ts, not by the whole-second edited.ts (which stays its identity)", () => {
    const draft = expectActivity(mapMessageEvent(change(), ctx()), 'slack_message.edited');
    expect(draft.occurredAt).toEqual(new Date(1_700_000_500_654));
    expect(draft.occurredAtMicros).toBe(321);
    expect(draft.metadata.edited_ts).toBe('1700000500.000000');
    expect(draft.sourceKey).toBe('edit:C0GENERAL:1700000100.000200:1700000500.000000');
  });

  it("falls back to the event's ts, then edited.ts, for an edit's time", () => {
    const noEventTs = expectActivity(mapMessageEvent(without(change(), 'event_ts'), ctx()), 'slack_message.edited');
    expect([noEventTs.occurredAt.getTime(), noEventTs.occurredAtMicros]).toEqual([1_700_000_500_654, 321]);
    const onlyEdited = expectActivity(mapMessageEvent(without(change(), 'event_ts', 'ts'), ctx()), 'slack_message.edited');
    expect([onlyEdited.occurredAt.getTime(), onlyEdited.occurredAtMicros]).toEqual([1_700_000_500_000, 0]);
  });

  it("times a deletion by event_ts first, then ts, then the envelope's whole-second event_time", () => {
    const base = { type: 'message', subtype: 'message_deleted', channel: 'C0GENERAL', deleted_ts: message.ts, previous_message: without(message, 'channel') };
    const both = expectDeletion(mapMessageEvent({ ...base, event_ts: '1700000900.111222', ts: '1700000900.999999' }, ctx()));
    expect([both.draft?.occurredAt.getTime(), both.draft?.occurredAtMicros, both.draft?.metadata.deleted_ts]).toEqual([1_700_000_900_111, 222, '1700000900.111222']);
    const onlyTs = expectDeletion(mapMessageEvent({ ...base, ts: '1700000900.999999' }, ctx()));
    expect([onlyTs.draft?.occurredAt.getTime(), onlyTs.draft?.occurredAtMicros]).toEqual([1_700_000_900_999, 999]);
    const neither = expectDeletion(mapMessageEvent(base, ctx({ eventTime: 1_700_000_901 })));
    expect([neither.draft?.occurredAt.getTime(), neither.draft?.occurredAtMicros]).toEqual([1_700_000_901_000, 0]);
  });

  it('times posts and replies by their ts, microseconds kept beside the millisecond', () => {
    const post = expectActivity(mapMessageEvent(variant(message, { ts: '1700000100.123456', event_ts: '1700000100.123456' }), ctx()), 'slack_message.created');
    expect([post.occurredAt.getTime(), post.occurredAtMicros]).toEqual([1_700_000_100_123, 456]);
    const answer = expectActivity(mapMessageEvent(variant(reply, { ts: '1700000200.000007' }), ctx()), 'slack_message.threaded_reply.created');
    expect([answer.occurredAt.getTime(), answer.occurredAtMicros]).toEqual([1_700_000_200_000, 7]);
  });
});

describe('mapMessageEvent: what a deletion scrubs, named on the drafts it scrubs', () => {
  it("gives posts, replies, broadcasts and edits their message's deletion key, and nothing else one", () => {
    const deletionKey = mapMessageEvent(
      { type: 'message', subtype: 'message_deleted', channel: 'C0GENERAL', ts: '1700000900.000100', deleted_ts: message.ts, previous_message: without(message, 'channel') },
      ctx(),
    );
    const key = expectDeletion(deletionKey).draft?.sourceKey;
    expect(key).toBe('delete:C0GENERAL:1700000100.000200');
    expect(expectActivity(mapMessageEvent(message, ctx()), 'slack_message.created').deletionSourceKey).toBe(key);
    const edit = {
      type: 'message',
      subtype: 'message_changed',
      channel: 'C0GENERAL',
      ts: '1700000500.000900',
      message: variant(without(message, 'channel', 'event_ts'), { text: 'v2', edited: { user: 'U0ALICE', ts: '1700000500.000000' } }),
    };
    expect(expectActivity(mapMessageEvent(edit, ctx()), 'slack_message.edited').deletionSourceKey).toBe(key);
    expect(expectActivity(mapMessageEvent(reply, ctx()), 'slack_message.threaded_reply.created').deletionSourceKey).toBe('delete:C0GENERAL:1700000200.000300');
    const broadcast = expectActivity(mapMessageEvent(fixture('message__thread_broadcast__slackdocs-dev.json').event, ctx()), 'slack_message.threaded_reply.created');
    expect(broadcast.deletionSourceKey).toBe(`delete:${broadcast.channelId}:${broadcast.metadata.message_ts}`);
    expect(expectDeletion(deletionKey).draft?.deletionSourceKey).toBeUndefined();
  });
});

describe('mapMessageEvent: source keys', () => {
  it('is a pure function: the same input gives the same mapping', () => {
    for (const event of [message, reply, fixture('message__message_changed__slackdocs-gh.json'), fixture('message__message_deleted__slackdocs-gh.json')]) {
      expect(mapMessageEvent(structuredClone(event), ctx())).toEqual(mapMessageEvent(structuredClone(event), ctx()));
    }
  });

  it('ignores delivery facts: a retry or another replica gives the same key', () => {
    const a = mapMessageEvent(message, ctx({ eventId: 'Ev0FIRST', eventTime: 1_700_000_101 }));
    const b = mapMessageEvent(message, ctx({ eventId: 'Ev0RETRY', eventTime: 1_700_000_160 }));
    expect(a).toEqual(b);
  });

  it('gives a message seen again in a history import (conversations.history shape) the same key', () => {
    // conversations.history returns messages without channel, channel_type or event_ts; the importer knows the channel.
    const fromHistory = { ...without(message, 'channel', 'channel_type', 'event_ts'), channel: 'C0GENERAL' };
    const live = mapMessageEvent(message, ctx());
    const imported = mapMessageEvent(fromHistory, ctx());
    expect(live.kind === 'activity' && imported.kind === 'activity' && live.draft.sourceKey === imported.draft.sourceKey).toBe(true);
  });

  it('keeps different messages apart (ts, channel) and never collides created/edit/delete keys', () => {
    const keys = [
      mapMessageEvent(message, ctx()),
      mapMessageEvent(variant(message, { channel: 'C0OTHER' }), ctx()),
      mapMessageEvent(variant(message, { ts: '1700000100.000201' }), ctx()),
      mapMessageEvent(reply, ctx()),
      mapMessageEvent(fixture('message__message_changed__slackdocs-gh.json'), ctx()),
      mapMessageEvent(fixture('message__message_deleted__slackdocs-gh.json'), ctx()),
    ].map((m) => (m.kind === 'activity' || m.kind === 'deletion' ? m.draft?.sourceKey : undefined));
    expect(keys.every(Boolean)).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
