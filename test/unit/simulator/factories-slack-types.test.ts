// Compile-time conformance: the factories' output is assignable to the event types of Slack's
// own SDK (@slack/types, re-exported by Bolt). `npm run typecheck` fails if a shape drifts.
import type { types } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import {
  appHomeOpened,
  appUninstalled,
  channelRename,
  memberJoinedChannel,
  reactionAdded,
  reactionRemoved,
  teamJoin,
  tokensRevoked,
  userChange,
} from '../../../src/simulator/factories';

describe('factories conform to @slack/types', () => {
  it('type-checks against the SDK event interfaces', () => {
    const events: [
      types.ReactionAddedEvent,
      types.ReactionRemovedEvent,
      types.TeamJoinEvent,
      types.UserChangeEvent,
      types.ChannelRenameEvent,
      types.MemberJoinedChannelEvent,
      types.AppHomeOpenedEvent,
      types.AppUninstalledEvent,
      types.TokensRevokedEvent,
    ] = [reactionAdded(), reactionRemoved(), teamJoin(), userChange(), channelRename(), memberJoinedChannel(), appHomeOpened(), appUninstalled(), tokensRevoked()];
    expect(events.map((e) => e.type)).toEqual([
      'reaction_added',
      'reaction_removed',
      'team_join',
      'user_change',
      'channel_rename',
      'member_joined_channel',
      'app_home_opened',
      'app_uninstalled',
      'tokens_revoked',
    ]);
  });
});
