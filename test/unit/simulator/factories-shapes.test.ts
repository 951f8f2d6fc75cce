// The factories against real payloads: every field of Slack's own examples is present (nothing
// missing), every generated field occurs in the Java SDK's union of observed fields (nothing
// invented), and shared fields have the same JSON kinds.
import { describe, expect, it } from 'vitest';
import {
  botMessage,
  channelCreated,
  channelJoinMessage,
  channelNameMessage,
  channelRename,
  channelTopicMessage,
  eventCallback,
  linkUnfurled,
  meMessage,
  messageChanged,
  messageDeleted,
  messageEvent,
  messageReplied,
  reactionRemoved,
  slashCommand,
  teamJoin,
  threadBroadcast,
  threadReply,
  userChange,
} from '../../../src/simulator/factories';
import { field, fixture, keysMissing, kindMismatches, wire, type Json } from './shape';

interface ShapeCase {
  name: string;
  make: () => unknown;
  /** A Slack docs example whose every key must be present. */
  docs?: string;
  /** Docs-example keys legitimately absent, with the reason in a comment. */
  missing?: string[];
  /** A Java SDK envelope sample whose `event` must contain every generated key. */
  union?: string;
  /** Generated keys legitimately absent from the union sample, with the reason in a comment. */
  extra?: string[];
  /** How deep to look for invented keys (the union samples are thin in places). */
  depth?: number;
}

const original = messageEvent({ text: 'see https://example.com' });
const PROFILE_EXTRAS = ['user.profile.fields', 'user.profile.status_emoji_display_info'];

const cases: ShapeCase[] = [
  { name: 'plain message', make: () => messageEvent(), docs: 'message__plain__slackdocs-gh.json', union: 'message__plain-schema__javasample.json' },
  { name: 'thread reply', make: () => threadReply(original), union: 'message__plain-schema__javasample.json' },
  { name: 'bot_message', make: () => botMessage(), docs: 'message__bot_message__slackdocs-gh.json' },
  { name: 'channel_join', make: () => channelJoinMessage(), docs: 'message__channel_join__slackdocs-gh.json', union: 'message__channel_join-schema__javasample.json' },
  { name: 'channel_name', make: () => channelNameMessage(), docs: 'message__channel_name__slackdocs-gh.json' },
  { name: 'channel_topic', make: () => channelTopicMessage(), docs: 'message__channel_topic__slackdocs-gh.json' },
  { name: 'me_message', make: () => meMessage(), docs: 'message__me_message__slackdocs-gh.json' },
  { name: 'message_changed (edit)', make: () => messageChanged(original, { text: 'edited' }), docs: 'message__message_changed__slackdocs-gh.json' },
  // An unfurl changes attachments only: Slack does not mark the message as edited.
  { name: 'message_changed (unfurl)', make: () => linkUnfurled(original), docs: 'message__message_changed__slackdocs-gh.json', missing: ['message.edited'] },
  { name: 'message_deleted', make: () => messageDeleted(original), docs: 'message__message_deleted__slackdocs-gh.json' },
  // root.reply_users: required by @slack/types' ThreadBroadcastMessageEvent, absent from the sample.
  { name: 'thread_broadcast', make: () => threadBroadcast(original), union: 'message__thread_broadcast-schema__javasample.json', extra: ['root.reply_users'] },
  // The Java sample's nested message lacks the thread fields Slack's docs example shows; compare the
  // top level only. channel_type: in @slack/types' MessageRepliedEvent, absent from the sample.
  {
    name: 'message_replied',
    make: () => messageReplied(original, [{ user: 'U0AAAAAAAA', ts: '1700000000.000100' }]),
    union: 'message__message_replied-schema__javasample.json',
    depth: 1,
    extra: ['channel_type'],
  },
  { name: 'reaction_removed', make: () => reactionRemoved(original), union: 'reaction_removed__message-item-schema__javasample.json' },
  // cache_ts, event_ts, profile.fields and profile.status_emoji_display_info: required by @slack/types'
  // TeamJoinEvent / UserChangeEvent (Slack's own SDK), absent from the older samples.
  { name: 'team_join', make: () => teamJoin(), union: 'team_join__schema__javasample.json', extra: ['cache_ts', 'event_ts', ...PROFILE_EXTRAS] },
  { name: 'user_change', make: () => userChange(), union: 'user_change__schema__javasample.json', extra: ['event_ts', ...PROFILE_EXTRAS] },
  { name: 'channel_rename', make: () => channelRename({ name: 'new_name' }), docs: 'channel_rename__plain__slackdocs-gh.json', union: 'channel_rename__schema__javasample.json' },
  // parent_conversation: conversations.info sends it (null for channels); the event sample does not list it.
  { name: 'channel_created', make: () => channelCreated(), docs: 'channel_created__plain__slackdocs-gh.json', union: 'channel_created__schema__javasample.json', extra: ['channel.parent_conversation'] },
];

describe('payload factories match real Slack payloads', () => {
  for (const c of cases) {
    describe(c.name, () => {
      const generated = wire(c.make());
      if (c.docs) {
        const docs = fixture(c.docs);
        it(`has every field of Slack's docs example (${c.docs})`, () => {
          expect(keysMissing(docs, generated)).toEqual(c.missing ?? []);
          expect(field(generated, 'type')).toBe(field(docs, 'type'));
        });
      }
      if (c.union) {
        const sample = field(fixture(c.union), 'event');
        it(`invents no field absent from the observed union (${c.union})`, () => {
          expect(keysMissing(generated, sample, c.depth).filter((path) => !(c.extra ?? []).includes(path))).toEqual([]);
        });
        it('gives shared fields the same JSON kinds', () => {
          expect(kindMismatches(generated, sample)).toEqual([]);
        });
      }
    });
  }
});

describe('event_callback envelope', () => {
  const sampleEnvelope = fixture('reaction_removed__message-item-schema__javasample.json');
  const generated = wire(eventCallback(reactionRemoved()));

  it('has every envelope field of the sample except the Grid-only enterprise_id', () => {
    expect(keysMissing(sampleEnvelope, generated, 1)).toEqual(['enterprise_id']);
  });

  it('invents no envelope field', () => {
    expect(keysMissing(generated, sampleEnvelope, 1)).toEqual([]);
  });

  it('gives envelope fields the sample kinds, authorizations included', () => {
    expect(kindMismatches(generated, sampleEnvelope)).toEqual([]);
    const [ours] = field(generated, 'authorizations') as Json[];
    const [theirs] = field(sampleEnvelope, 'authorizations') as Json[];
    expect(keysMissing(theirs ?? null, ours ?? null)).toEqual([]);
    expect(keysMissing(ours ?? null, theirs ?? null)).toEqual([]);
  });
});

describe('slash command fields', () => {
  // The field names of Slack's documented signing example body.
  const documented = Object.fromEntries(
    new URLSearchParams(
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
    ),
  );

  it('has every documented field, all strings', () => {
    const fields = slashCommand();
    expect(keysMissing(documented, fields)).toEqual([]);
    for (const value of Object.values(fields)) expect(typeof value).toBe('string');
    expect(fields.is_enterprise_install).toBe('false');
    expect(fields.trigger_id).toMatch(/^\d+\.\d+\.[0-9a-f]{32}$/);
  });
});
