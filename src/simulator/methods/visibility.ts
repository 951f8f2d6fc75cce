// What a bot token may see: public channels of its workspace (or shared with it), private
// conversations only when the bot is a member. Slack answers channel_not_found otherwise,
// never "forbidden", so an app cannot tell a hidden channel from a missing one.
import type { SlackConversation } from '../factories/types';
import { teamsOf, type BotToken, type ConversationRecord, type WorkspaceState } from '../state';

export function isPublicChannel(record: ConversationRecord): boolean {
  const c = record.conversation;
  return !c.is_im && !c.is_mpim && !c.is_private;
}

export function canSeeConversation(bot: BotToken, record: ConversationRecord): boolean {
  const teams = teamsOf(bot);
  // An org-wide install sees only the workspaces it was granted, even for its bot's own DMs.
  if (record.members.has(bot.botUserId)) return !bot.isEnterpriseInstall || teams.has(record.teamId);
  if (!isPublicChannel(record)) return false;
  if (teams.has(record.teamId)) return true;
  return !record.conversation.is_im && record.conversation.shared_team_ids.some((t) => teams.has(t));
}

/** A user is visible from the workspaces the token acts in, or through a conversation the bot can see. */
export function canSeeUser(state: WorkspaceState, bot: BotToken, userId: string): boolean {
  const user = state.user(userId);
  if (!user) return false;
  if (teamsOf(bot).has(user.team_id)) return true;
  for (const record of state.conversations.values()) {
    if (record.members.has(userId) && canSeeConversation(bot, record)) return true;
  }
  return false;
}

export type ConversationView = SlackConversation & { is_member?: boolean; num_members?: number };

/** The conversation object as this bot gets it: is_member filled in, num_members when asked. */
export function conversationFor(bot: BotToken, record: ConversationRecord, options: { numMembers: boolean }): ConversationView {
  const c = record.conversation;
  if (c.is_im) return { ...c };
  const view: ConversationView = { ...c, is_member: record.members.has(bot.botUserId) };
  if (options.numMembers) view.num_members = record.members.size;
  return view;
}
