// Every activity type the mappers produce, checked against the registry's CURRENT schema for
// that type. A type the registry does not define yet is skipped (and listed), never silently
// passed: once src/activities/types/<type>/v1.ts is registered, its test runs.
import { describe, expect, it } from 'vitest';
import { activityRegistry } from '../../../../../src/activities';
import { mapMessageEvent, mapReactionEvent, mapTeamJoinEvent, type SlackActivityDraft, type SlackMapping } from '../../../../../src/sources/slack/mapping';
import { ctx, fixture } from './helpers';

function draftOf(mapping: SlackMapping): SlackActivityDraft {
  if ((mapping.kind === 'activity' || mapping.kind === 'deletion') && mapping.draft) return mapping.draft;
  throw new Error(`no draft in ${JSON.stringify(mapping)}`);
}

const base = { type: 'message', channel: 'C0GENERAL', channel_type: 'channel', user: 'U0ALICE', text: 'hi <@U0BOB>', ts: '1700000100.000200' };
const reply = { ...base, user: 'U0BOB', ts: '1700000200.000300', thread_ts: base.ts, parent_user_id: 'U0ALICE' };

/** The richest draft of each type (every optional field the mapper can fill). */
const SAMPLES: Record<string, SlackActivityDraft[]> = {
  'slack_message.created': [
    draftOf(mapMessageEvent({ ...base, subtype: 'file_share', files: [{ id: 'F0A' }], user_team: 'T0PARTNER' }, ctx())),
    draftOf(mapMessageEvent({ ...base, subtype: 'me_message' }, ctx())),
  ],
  'slack_message.threaded_reply.created': [
    draftOf(mapMessageEvent({ ...reply, subtype: 'file_share', files: [{ id: 'F0A' }], user_team: 'T0PARTNER' }, ctx())),
    draftOf(mapMessageEvent({ ...reply, subtype: 'thread_broadcast' }, ctx())),
    draftOf(mapMessageEvent({ ...reply, subtype: 'me_message', parent_user_id: undefined }, ctx())),
  ],
  'slack_message.edited': [
    draftOf(
      mapMessageEvent(
        {
          type: 'message',
          subtype: 'message_changed',
          channel: 'C0GENERAL',
          ts: '1700000500.000900',
          message: { ...reply, text: 'v2', edited: { user: 'U0BOB', ts: '1700000500.000000' } },
          previous_message: reply,
        },
        ctx(),
      ),
    ),
    draftOf(mapMessageEvent(fixture('message__message_changed__slackdocs-gh.json'), ctx())),
  ],
  'slack_message.deleted': [
    draftOf(mapMessageEvent({ type: 'message', subtype: 'message_deleted', channel: 'C0GENERAL', ts: '1700000900.000100', deleted_ts: reply.ts, previous_message: reply }, ctx())),
    // A draft whose author the caller looked up (needsAuthorLookup), as the caller records it.
    { ...draftOf(mapMessageEvent(fixture('message__message_deleted__slackdocs-gh.json'), ctx())), initiatorUserId: 'U2147483697' },
  ],
  'slack_reaction.added': [draftOf(mapReactionEvent(fixture('reaction_added__message__slackdocs-dev.json').event, ctx()))],
  'slack_reaction.removed': [draftOf(mapReactionEvent(fixture('reaction_removed__message__apislack.json'), ctx()))],
  'workspace.user_joined': [
    draftOf(
      mapTeamJoinEvent(
        { type: 'team_join', user: { id: 'U0NEW', name: 'new', real_name: 'New Member', is_restricted: true, is_ultra_restricted: false, is_bot: false, profile: { display_name: 'newbie', real_name: 'New Member' } } },
        ctx(),
      ),
    ),
  ],
};

describe('registry contract: mapper metadata matches the activity type schemas', () => {
  for (const [type, drafts] of Object.entries(SAMPLES)) {
    it(`${type} (current version) accepts every field the mapper writes`, () => {
      const version = activityRegistry.currentVersion(type);
      for (const draft of drafts) {
        expect(draft.type).toBe(type);
        const validated = activityRegistry.validate(type, version, draft.metadata);
        // validate strips unknown keys: a renamed field would vanish here.
        expect(validated).toMatchObject(draft.metadata);
      }
    });
  }
});
