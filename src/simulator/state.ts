// The simulated workspaces: teams, users, conversations with their members, tokens, and what
// the app wrote (published views, posted messages). Tests seed it; Web API methods read it.
import { slackChannel, slackIm } from './factories/conversations';
import { dmId } from './factories/ids';
import { slackUser } from './factories/users';
import { OAuthState } from './oauth-state';
import type { Block, SlackChannel, SlackConversation, SlackIm, SlackUser, SlackUserOverrides, SlackView } from './factories/types';

export interface Team {
  id: string;
  name: string;
  domain: string;
  email_domain: string;
  enterprise_id?: string;
  enterprise_name?: string;
}

export interface BotToken {
  kind: 'bot';
  token: string;
  teamId: string;
  botUserId: string;
  botId: string;
  appId: string;
  /** Granted scopes; when set, methods needing another scope answer missing_scope. */
  scopes?: string[];
  /** Token rotation: the token answers token_expired from this time (ms since the epoch). */
  expiresAt?: number;
  /** The organisation of the installation (Enterprise Grid). */
  enterpriseId?: string;
  /** An organisation-wide install: `teamId` is empty and the token acts in `grantedTeamIds`. */
  isEnterpriseInstall?: boolean;
  grantedTeamIds?: Set<string>;
}

/** The workspaces a bot token acts in: its own, or the ones its org-wide install was granted. */
export function teamsOf(token: BotToken): ReadonlySet<string> {
  return token.isEnterpriseInstall ? (token.grantedTeamIds ?? new Set()) : new Set([token.teamId]);
}

export interface AppToken {
  kind: 'app';
  token: string;
  appId: string;
  scopes?: string[];
}

export type TokenRecord = BotToken | AppToken;

export interface ConversationRecord {
  teamId: string;
  conversation: SlackConversation;
  members: Set<string>;
}

/** A message the app posted through chat.postMessage / chat.postEphemeral. */
export interface PostedMessage {
  method: 'chat.postMessage' | 'chat.postEphemeral';
  channel: string;
  ts: string;
  text: string;
  blocks: Block[] | undefined;
  threadTs: string | undefined;
  /** For ephemeral messages: the only user who sees it. */
  ephemeralTo: string | undefined;
  postedBy: string;
}

export type ChannelInput = Partial<SlackChannel> & {
  id: string;
  /** The workspace the channel belongs to (default: the first team added). */
  team_id?: string;
  members?: string[];
};

export type ImInput = Partial<SlackIm> & { id?: string; user: string; team_id?: string };

export class WorkspaceState {
  readonly teams = new Map<string, Team>();
  readonly users = new Map<string, SlackUser>();
  readonly conversations = new Map<string, ConversationRecord>();
  readonly tokens = new Map<string, TokenRecord>();
  /** Published Home tabs by `${teamId}:${userId}`. */
  readonly views = new Map<string, SlackView>();
  readonly messages: PostedMessage[] = [];
  /** Apps, install codes and the tokens the OAuth flow issues (oauth-state.ts). */
  readonly oauth: OAuthState = new OAuthState(this);

  /** Adds (or replaces) a workspace. */
  addTeam(input: { id: string; name: string; domain: string; email_domain?: string; enterprise_id?: string; enterprise_name?: string }): Team {
    const team: Team = { email_domain: '', ...input };
    this.teams.set(team.id, team);
    return team;
  }

  /** Adds (or replaces) a user; missing fields get realistic defaults. */
  addUser(input: SlackUserOverrides & { id: string }): SlackUser {
    const teamId = input.team_id ?? this.defaultTeamId();
    const user = slackUser({ ...input, team_id: teamId, profile: { team: teamId, ...input.profile } });
    this.users.set(user.id, user);
    this.linkBotProfile(user.id);
    return user;
  }

  /** Changes a user (deep-merging profile), as an admin or the member would; returns the new object. */
  updateUser(id: string, changes: SlackUserOverrides): SlackUser {
    const current = this.requireUser(id);
    const { profile, ...top } = changes;
    const updated: SlackUser = { ...current, ...top, id, profile: { ...current.profile, ...profile }, updated: Math.floor(Date.now() / 1000) };
    this.users.set(id, updated);
    return updated;
  }

  /** Adds a channel (public or private; mpim with is_mpim) with its members. */
  addChannel(input: ChannelInput): ConversationRecord {
    const { team_id, members = [], ...fields } = input;
    const teamId = team_id ?? fields.context_team_id ?? this.defaultTeamId();
    const conversation = slackChannel({ ...fields, context_team_id: teamId, shared_team_ids: fields.shared_team_ids ?? [teamId] });
    const record: ConversationRecord = { teamId, conversation, members: new Set(members) };
    this.conversations.set(conversation.id, record);
    return record;
  }

  /** Adds a direct-message conversation between `user` and the bot. */
  addIm(input: ImInput): ConversationRecord {
    const { team_id, ...fields } = input;
    const teamId = team_id ?? fields.context_team_id ?? this.defaultTeamId();
    const conversation = slackIm({ id: dmId(), ...fields, context_team_id: teamId });
    const bots = [...this.tokens.values()].filter((t): t is BotToken => t.kind === 'bot' && t.teamId === teamId).map((t) => t.botUserId);
    const record: ConversationRecord = { teamId, conversation, members: new Set([input.user, ...bots]) };
    this.conversations.set(conversation.id, record);
    return record;
  }

  /** The DM between the bot and `userId`, created on first use (as Slack opens one for app messages). */
  imWith(userId: string, teamId: string): ConversationRecord {
    for (const record of this.conversations.values()) {
      if (record.conversation.is_im && record.conversation.user === userId && record.teamId === teamId) return record;
    }
    return this.addIm({ user: userId, team_id: teamId });
  }

  /** Registers a bot token (xoxb-…) of `teamId`'s installation (or, org-wide, of an enterprise). */
  addBotToken(input: Omit<BotToken, 'kind'>): BotToken {
    const record: BotToken = { kind: 'bot', ...input };
    this.tokens.set(record.token, record);
    this.linkBotProfile(record.botUserId);
    return record;
  }

  /** Registers an app-level token (xapp-…) for Socket Mode. */
  addAppToken(input: { token: string; appId: string; scopes?: string[] }): AppToken {
    const record: AppToken = { kind: 'app', ...input };
    this.tokens.set(record.token, record);
    return record;
  }

  /** Revokes a token: later calls with it answer invalid_auth (Slack says token_revoked only sometimes). */
  revokeToken(token: string): void {
    this.tokens.delete(token);
  }

  joinChannel(channelId: string, userId: string): void {
    this.requireConversation(channelId).members.add(userId);
  }

  leaveChannel(channelId: string, userId: string): void {
    this.requireConversation(channelId).members.delete(userId);
  }

  /** Renames a channel, remembering the old name in previous_names as Slack does. */
  renameChannel(channelId: string, name: string): SlackChannel {
    const channel = this.requireChannel(channelId);
    channel.previous_names = [channel.name, ...channel.previous_names];
    channel.name = name;
    channel.name_normalized = name;
    channel.updated = Date.now();
    return channel;
  }

  archiveChannel(channelId: string, archived = true): void {
    const record = this.requireConversation(channelId);
    record.conversation.is_archived = archived;
  }

  team(id: string): Team | undefined {
    return this.teams.get(id);
  }

  /** The workspaces of an Enterprise Grid organisation. */
  teamsOf(enterpriseId: string): Team[] {
    return [...this.teams.values()].filter((t) => t.enterprise_id === enterpriseId);
  }

  user(id: string): SlackUser | undefined {
    return this.users.get(id);
  }

  conversation(id: string): ConversationRecord | undefined {
    return this.conversations.get(id);
  }

  token(token: string): TokenRecord | undefined {
    return this.tokens.get(token);
  }

  /** The Home tab last published for `userId` (in `teamId`, default: the first team). */
  publishedView(userId: string, teamId = this.defaultTeamId()): SlackView | undefined {
    return this.views.get(`${teamId}:${userId}`);
  }

  private requireUser(id: string): SlackUser {
    const user = this.users.get(id);
    if (!user) throw new Error(`No simulated user ${id}`);
    return user;
  }

  private requireConversation(id: string): ConversationRecord {
    const record = this.conversations.get(id);
    if (!record) throw new Error(`No simulated conversation ${id}`);
    return record;
  }

  private requireChannel(id: string): SlackChannel {
    const conversation = this.requireConversation(id).conversation;
    if (conversation.is_im) throw new Error(`${id} is a DM, not a channel`);
    return conversation;
  }

  private defaultTeamId(): string {
    const first = this.teams.keys().next();
    if (first.done) throw new Error('Add a team (state.addTeam) before users, channels or a team_id-less lookup');
    return first.value;
  }

  // Slack's bot users carry their bot_id and app in the profile; keep them consistent whichever came first.
  private linkBotProfile(botUserId: string): void {
    const user = this.users.get(botUserId);
    const token = [...this.tokens.values()].find((t): t is BotToken => t.kind === 'bot' && t.botUserId === botUserId);
    if (!user || !token) return;
    user.is_bot = true;
    user.is_email_confirmed = false;
    user.profile.bot_id = token.botId;
    user.profile.api_app_id = token.appId;
    user.profile.always_active = true;
    delete user.profile.email;
  }
}
