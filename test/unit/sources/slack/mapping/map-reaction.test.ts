import { describe, expect, it } from 'vitest';
import { mapReactionEvent, reactionSourceKey } from '../../../../../src/sources/slack/mapping';
import {
  BOT_USER,
  ctx,
  ctxFromEnvelope,
  expectActivity,
  expectIgnore,
  expectUnmappable,
  fixture,
  TEAM,
  variant,
  without,
  type Json,
} from './helpers';

const removedDocs = fixture('reaction_removed__message__apislack.json');

// https://docs.slack.dev/reference/events/reaction_added
const added: Json = {
  type: 'reaction_added',
  user: 'U0BOB',
  reaction: 'thumbsup::skin-tone-3',
  item_user: 'U0ALICE',
  item: { type: 'message', channel: 'C0GENERAL', ts: '1700000100.000200' },
  event_ts: '1700000300.000400',
};

describe('mapReactionEvent', () => {
  it("maps Slack's docs example (envelope, item.channel_type) to slack_reaction.added", () => {
    const body = fixture('reaction_added__message__slackdocs-dev.json');
    const draft = expectActivity(mapReactionEvent(body.event, ctxFromEnvelope(body)), 'slack_reaction.added');
    expect(draft).toEqual({
      type: 'slack_reaction.added',
      occurredAt: new Date(1360782804083),
      occurredAtMicros: 113,
      initiatorUserId: 'U123ABC456',
      recipientUserId: 'U222222222',
      channelId: 'C123ABC456',
      channelType: 'channel',
      metadata: { team_id: 'T123ABC456', channel_id: 'C123ABC456', item_ts: '1360782400.498405', item_type: 'message', emoji: 'thumbsup' },
      sourceKey: 'react:C123ABC456:1360782400.498405:U123ABC456:thumbsup:added:1360782804.083113',
    });
  });

  it("maps Slack's reaction_removed example (no item.channel_type: channel kind unknown)", () => {
    const draft = expectActivity(mapReactionEvent(removedDocs, ctx()), 'slack_reaction.removed');
    expect(draft.channelType).toBeNull();
    expect(draft.sourceKey).toBe('react:C123ABC456:1360782400.498405:U123ABC456:thumbsup:removed:1360782804.083113');
    expect(draft.metadata).toEqual({ team_id: TEAM, channel_id: 'C123ABC456', item_ts: '1360782400.498405', item_type: 'message', emoji: 'thumbsup' });
  });

  it('keeps the emoji name as is, skin tone included', () => {
    const draft = expectActivity(mapReactionEvent(added, ctx()), 'slack_reaction.added');
    expect(draft.metadata.emoji).toBe('thumbsup::skin-tone-3');
  });

  it('has no recipient when item_user is absent (webhook or bot messages)', () => {
    const draft = expectActivity(mapReactionEvent(without(added, 'item_user'), ctx()), 'slack_reaction.added');
    expect(draft.recipientUserId).toBeNull();
  });

  it('takes a private channel kind when the item says so', () => {
    const event = variant(added, { item: { type: 'message', channel: 'G0SECRET', ts: added.item.ts, channel_type: 'group' } });
    expect(expectActivity(mapReactionEvent(event, ctx()), 'slack_reaction.added').channelType).toBe('group');
  });

  it('ignores reactions to files and file comments', () => {
    // The item shapes from https://api.slack.com/events/reaction_added ("Embedded item objects").
    expectIgnore(mapReactionEvent(variant(added, { item: { type: 'file', file: 'F123ABC456' } }), ctx()), /file/);
    expectIgnore(mapReactionEvent(variant(added, { item: { type: 'file_comment', file_comment: 'Fc123ABC456', file: 'F123ABC456' } }), ctx()), /file_comment/);
  });

  it('ignores reactions in direct messages, by our own bot, and by Slackbot', () => {
    expectIgnore(mapReactionEvent(variant(added, { item: { type: 'message', channel: 'D0DIRECT', ts: added.item.ts } }), ctx()), /direct message/);
    expectIgnore(mapReactionEvent(variant(added, { item: { type: 'message', channel: 'G0MPIM', ts: added.item.ts, channel_type: 'mpim' } }), ctx()), /direct message/);
    expectIgnore(mapReactionEvent(variant(added, { user: BOT_USER }), ctx()), /own bot/);
    expectIgnore(mapReactionEvent(variant(added, { user: 'USLACKBOT' }), ctx()), /Slackbot/);
  });

  it('records a member reacting to a bot message (the reaction is member activity)', () => {
    const draft = expectActivity(mapReactionEvent(variant(added, { item_user: BOT_USER }), ctx()), 'slack_reaction.added');
    expect(draft.recipientUserId).toBe(BOT_USER);
  });

  it.each([
    ['no item', without(added, 'item'), /item object/],
    ['an unknown item type', variant(added, { item: { type: 'hologram', channel: 'C0GENERAL', ts: added.item.ts } }), /unknown item type/],
    ['no user', without(added, 'user'), /user/],
    ['no item.channel', variant(added, { item: { type: 'message', ts: added.item.ts } }), /item.channel/],
    ['no item.ts', variant(added, { item: { type: 'message', channel: 'C0GENERAL' } }), /item.ts/],
    ['no reaction', without(added, 'reaction'), /reaction name/],
    ['no event_ts', without(added, 'event_ts'), /event_ts/],
    ['a garbage event_ts', variant(added, { event_ts: 12 }), /event_ts/],
    ['another event type', variant(added, { type: 'message' }), /not a reaction event/],
  ])('is unmappable with %s', (_label, event, reason) => {
    expectUnmappable(mapReactionEvent(event, ctx()), reason);
  });

  it("never throws on Slack's blanked Java sample (blank user)", () => {
    const body = fixture('reaction_removed__message-item-schema__javasample.json');
    expectUnmappable(mapReactionEvent(body.event, ctxFromEnvelope(body)), /user/);
  });

  describe('source keys', () => {
    const key = (event: Json, context = ctx()): string => {
      const mapping = mapReactionEvent(event, context);
      if (mapping.kind !== 'activity') throw new Error(JSON.stringify(mapping));
      return mapping.draft.sourceKey;
    };

    it('is the same for a retried delivery (other event_id, event_time)', () => {
      expect(key(added, ctx({ eventId: 'Ev0A', eventTime: 1 }))).toBe(key(structuredClone(added), ctx({ eventId: 'Ev0B', eventTime: 2 })));
    });

    it('makes add, remove, and add again three activities', () => {
      const keys = [
        key(added),
        key(variant(added, { type: 'reaction_removed', event_ts: '1700000310.000100' })),
        key(variant(added, { event_ts: '1700000320.000100' })),
      ];
      expect(new Set(keys).size).toBe(3);
    });

    it('keeps apart other users, other emoji, other messages, and add vs remove at the same instant', () => {
      const keys = [
        key(added),
        key(variant(added, { user: 'U0CAROL' })),
        key(variant(added, { reaction: 'thumbsup' })),
        key(variant(added, { item: { ...added.item, ts: '1700000100.000201' } })),
        key(variant(added, { type: 'reaction_removed' })),
      ];
      expect(new Set(keys).size).toBe(keys.length);
    });

    it('is what reactionSourceKey builds', () => {
      expect(key(added)).toBe(reactionSourceKey('C0GENERAL', '1700000100.000200', 'U0BOB', 'thumbsup::skin-tone-3', 'added', '1700000300.000400'));
    });
  });
});
