// The Web API methods the simulator implements, by name.
import { appsConnectionsOpen } from './apps';
import { authTest } from './auth';
import { authTeamsList } from './auth-teams';
import { chatGetPermalink, chatPostEphemeral, chatPostMessage } from './chat';
import { conversationsInfo, conversationsList, conversationsMembers } from './conversations';
import { oauthV2Access } from './oauth';
import { teamInfo } from './team';
import type { MethodSpec } from './types';
import { usersConversations, usersInfo } from './users';
import { viewsPublish } from './views';

export const METHODS: ReadonlyMap<string, MethodSpec> = new Map<string, MethodSpec>([
  ['auth.test', authTest],
  ['auth.teams.list', authTeamsList],
  ['users.info', usersInfo],
  ['users.conversations', usersConversations],
  ['conversations.info', conversationsInfo],
  ['conversations.list', conversationsList],
  ['conversations.members', conversationsMembers],
  ['team.info', teamInfo],
  ['views.publish', viewsPublish],
  ['chat.postMessage', chatPostMessage],
  ['chat.postEphemeral', chatPostEphemeral],
  ['chat.getPermalink', chatGetPermalink],
  ['apps.connections.open', appsConnectionsOpen],
  ['oauth.v2.access', oauthV2Access],
]);
