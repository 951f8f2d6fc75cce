// What the factories promise beyond shape: threads, edits and deletions refer to the right
// messages, envelopes stay consistent with their overrides, IDs and timestamps look like Slack's.
import { describe, expect, it } from 'vitest';
import {
  appHomeOpened,
  blockActions,
  buttonAction,
  eventCallback,
  homeBlockActions,
  linkUnfurled,
  messageChanged,
  messageDeleted,
  messageEvent,
  nextTs,
  reactionAdded,
  richTextElements,
  slackTs,
  slackUser,
  teamJoin,
  threadReply,
  tsToDate,
  userId,
  channelId,
  eventId,
  triggerId,
  channelRename,
  memberJoinedChannel,
  tokensRevoked,
  appUninstalled,
  fileShareMessage,
} from '../../../src/simulator/factories';

describe('messages and threads', () => {
  it('derives rich_text blocks from the text, mentions included', () => {
    const message = messageEvent({ text: 'hi <@U0ANA123> see <#C0GENERAL|general> and <https://x.io|this> :wave:' });
    expect(message.blocks).toHaveLength(1);
    expect(richTextElements(message.text)).toEqual([
      { type: 'text', text: 'hi ' },
      { type: 'user', user_id: 'U0ANA123' },
      { type: 'text', text: ' see ' },
      { type: 'channel', channel_id: 'C0GENERAL' },
      { type: 'text', text: ' and ' },
      { type: 'link', url: 'https://x.io', text: 'this' },
      { type: 'text', text: ' ' },
      { type: 'emoji', name: 'wave' },
    ]);
    expect(messageEvent({ text: '' }).blocks).toEqual([]);
  });

  it('gives each message a fresh ts equal to its event_ts unless overridden', () => {
    const a = messageEvent();
    const b = messageEvent();
    expect(a.ts).not.toBe(b.ts);
    expect(a.event_ts).toBe(a.ts);
    expect(messageEvent({ ts: '1531420618.000200' }).event_ts).toBe('1531420618.000200');
  });

  it('makes a thread reply point at its parent', () => {
    const parent = messageEvent({ user: 'U0PARENT00', channel: 'C0LAUNCH00' });
    const reply = threadReply(parent, { user: 'U0REPLIER0' });
    expect(reply.thread_ts).toBe(parent.ts);
    expect(reply.ts).not.toBe(parent.ts);
    expect(reply.parent_user_id).toBe('U0PARENT00');
    expect(reply.channel).toBe('C0LAUNCH00');
  });

  it('describes an edit with the old and new message', () => {
    const message = messageEvent({ text: 'before', user: 'U0AUTHOR00' });
    const changed = messageChanged(message, { text: 'after' });
    expect(changed.hidden).toBe(true);
    expect(changed.message.ts).toBe(message.ts);
    expect(changed.message.text).toBe('after');
    expect(changed.message.edited?.user).toBe('U0AUTHOR00');
    expect(changed.previous_message.text).toBe('before');
    expect(changed.previous_message.edited).toBeUndefined();
    expect(changed.ts).not.toBe(message.ts);
  });

  it('describes an unfurl as a change of attachments only', () => {
    const message = messageEvent({ text: 'look <https://example.com/a>' });
    const unfurled = linkUnfurled(message);
    expect(unfurled.subtype).toBe('message_changed');
    expect(unfurled.message.text).toBe(unfurled.previous_message.text);
    expect(unfurled.message.edited).toBeUndefined();
    expect(unfurled.message.attachments).toHaveLength(1);
    expect(unfurled.previous_message.attachments).toBeUndefined();
  });

  it('describes a deletion by the deleted ts and the last content', () => {
    const message = messageEvent({ text: 'oops' });
    const deleted = messageDeleted(message);
    expect(deleted).toMatchObject({ subtype: 'message_deleted', hidden: true, deleted_ts: message.ts, channel: message.channel });
    expect(deleted.previous_message.text).toBe('oops');
  });

  it('shares files with the sharing user as owner', () => {
    const shared = fileShareMessage({ user: 'U0SHARER00' });
    expect(shared.files[0]?.user).toBe('U0SHARER00');
    expect(shared.files[0]?.id).toMatch(/^F[A-Z0-9]{10}$/);
  });
});

describe('other events', () => {
  it('points a reaction at the reacted message and its author', () => {
    const message = messageEvent({ user: 'U0AUTHOR00', channel: 'C0LAUNCH00' });
    const reaction = reactionAdded(message, { reaction: 'tada', user: 'U0FAN00000' });
    expect(reaction.item).toEqual({ type: 'message', channel: 'C0LAUNCH00', ts: message.ts });
    expect(reaction.item_user).toBe('U0AUTHOR00');
  });

  it('builds full users whose profile overrides merge into defaults', () => {
    const user = slackUser({ id: 'U0ANA00000', real_name: 'Ana Lima', profile: { display_name: 'Ana' } });
    expect(user.profile).toMatchObject({ display_name: 'Ana', real_name: 'Ana Lima', first_name: 'Ana', last_name: 'Lima' });
    expect(user.profile.image_72).toMatch(/^https:\/\//);
    expect(user.deleted).toBe(false);
    expect(teamJoin({ id: 'U0NEW00000' }).user.id).toBe('U0NEW00000');
    expect(slackUser({ is_bot: true }).profile.email).toBeUndefined();
  });

  it('builds the small app and channel events', () => {
    expect(channelRename({ id: 'C0X', name: 'renamed' }).channel).toMatchObject({ id: 'C0X', name: 'renamed', name_normalized: 'renamed' });
    expect(memberJoinedChannel({ channel_type: 'G' }).channel_type).toBe('G');
    expect(appHomeOpened().channel).toMatch(/^D/);
    expect(appUninstalled()).toEqual({ type: 'app_uninstalled' });
    expect(tokensRevoked({ oauth: ['U1'] })).toEqual({ type: 'tokens_revoked', tokens: { oauth: ['U1'] } });
  });
});

describe('eventCallback', () => {
  it('wraps an event with ids, time and authorizations of its team', () => {
    const event = messageEvent({ ts: '1531420618.000200', channel: 'C0GENERAL0' });
    const envelope = eventCallback(event, { team_id: 'T0TESTTEAM' });
    expect(envelope.type).toBe('event_callback');
    expect(envelope.event).toBe(event);
    expect(envelope.event_id).toMatch(/^Ev[A-Z0-9]{10}$/);
    expect(envelope.event_time).toBe(1531420618);
    expect(envelope.context_team_id).toBe('T0TESTTEAM');
    expect(envelope.authorizations[0]).toMatchObject({ team_id: 'T0TESTTEAM', is_bot: true });
    const context = JSON.parse(Buffer.from(envelope.event_context.slice(2), 'base64url').toString()) as Record<string, string>;
    expect(context).toMatchObject({ et: 'message', tid: 'T0TESTTEAM', cid: 'C0GENERAL0' });
  });

  it('gives every envelope its own event_id', () => {
    const event = messageEvent();
    expect(eventCallback(event).event_id).not.toBe(eventCallback(event).event_id);
  });
});

describe('interactivity payloads', () => {
  it('ties a message click to its channel and message', () => {
    const payload = blockActions({ actions: [buttonAction({ action_id: 'next_page', value: '2' })] });
    expect(payload.container).toMatchObject({ type: 'message', channel_id: payload.channel?.id, message_ts: payload.message?.ts });
    expect(payload.response_url).toMatch(/^https:\/\/hooks\.slack\.com\/actions\//);
    expect(payload.actions[0]).toMatchObject({ action_id: 'next_page', value: '2', type: 'button' });
  });

  it('ties a Home tab click to the view, without channel or response_url', () => {
    const payload = homeBlockActions();
    expect(payload.container).toEqual({ type: 'view', view_id: payload.view?.id });
    expect(payload.view?.type).toBe('home');
    expect(payload.response_url).toBeUndefined();
    expect(payload.channel).toBeUndefined();
  });
});

describe('ids and timestamps', () => {
  it('formats a ts as seconds and six digits', () => {
    expect(slackTs(new Date(1531420618000), 200)).toBe('1531420618.000200');
    expect(slackTs(new Date(1531420618123))).toBe('1531420618.123000');
    expect(() => slackTs(new Date(), 1_000_000)).toThrow(RangeError);
    expect(tsToDate('1531420618.123000').getTime()).toBe(1531420618123);
  });

  it('hands out strictly increasing ts values', () => {
    const values = Array.from({ length: 2000 }, () => nextTs());
    for (let i = 1; i < values.length; i++) expect(Number(values[i])).toBeGreaterThan(Number(values[i - 1]));
    expect(values[0]).toMatch(/^\d{10}\.\d{6}$/);
  });

  it('generates Slack-style IDs', () => {
    expect(userId()).toMatch(/^U[A-Z0-9]{10}$/);
    expect(channelId()).toMatch(/^C[A-Z0-9]{10}$/);
    expect(eventId()).toMatch(/^Ev[A-Z0-9]{10}$/);
    expect(triggerId()).toMatch(/^\d{12}\.\d{11}\.[0-9a-f]{32}$/);
  });
});
