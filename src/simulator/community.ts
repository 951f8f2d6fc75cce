// The small Slack community that `npm run demo` and `npm run simulator` both simulate: one
// workspace, the app's bot, four members, three public channels the bot is in and a private
// one. Fixed IDs on purpose, so activities stored by one run read the same in the next.
import type { WorkspaceState } from './state';

export const COMMUNITY = {
  teamId: 'T0DEMO',
  teamName: 'Maple Community',
  domain: 'maple-community',
  appId: 'A0DEMOAPP',
  botUserId: 'U0DEMOBOT',
  botId: 'B0DEMOBOT',
} as const;

export interface CommunityMember {
  id: string;
  name: string;
  display: string;
  real: string;
}

export const COMMUNITY_MEMBERS: readonly CommunityMember[] = [
  { id: 'U0ANA', name: 'ana', display: 'Ana', real: 'Ana Lima' },
  { id: 'U0BO', name: 'bo', display: 'Bo', real: 'Bo Chen' },
  { id: 'U0CY', name: 'cy', display: 'Cy', real: 'Cy Okafor' },
  { id: 'U0DEE', name: 'dee', display: 'Dee', real: 'Dee Patel' },
];

export interface CommunityTokens {
  /** The bot token the app is started with (xoxb-…). */
  botToken: string;
  /** An app-level token (xapp-…) for Socket Mode; none when the app talks HTTP. */
  appToken?: string;
}

/** Adds the community to a simulator's state. */
export function seedCommunity(state: WorkspaceState, tokens: CommunityTokens): void {
  const { teamId, teamName, domain, appId, botUserId, botId } = COMMUNITY;
  state.addTeam({ id: teamId, name: teamName, domain });
  state.addBotToken({ token: tokens.botToken, teamId, botUserId, botId, appId });
  if (tokens.appToken) state.addAppToken({ token: tokens.appToken, appId });
  state.addUser({ id: botUserId, team_id: teamId, name: 'activity', is_bot: true, profile: { display_name: 'activity' } });
  for (const p of COMMUNITY_MEMBERS) {
    state.addUser({ id: p.id, team_id: teamId, name: p.name, real_name: p.real, profile: { display_name: p.display, real_name: p.real } });
  }
  const everyone = [...COMMUNITY_MEMBERS.map((p) => p.id), botUserId];
  state.addChannel({ id: 'C0GENERAL', team_id: teamId, name: 'general', is_private: false, members: everyone });
  state.addChannel({ id: 'C0LAUNCH', team_id: teamId, name: 'launch', is_private: false, members: everyone });
  state.addChannel({ id: 'C0HELP', team_id: teamId, name: 'help', is_private: false, members: everyone });
  // Private and not opted in: the app must ignore what is said here.
  state.addChannel({ id: 'C0MODS', team_id: teamId, name: 'moderators', is_private: true, members: ['U0ANA', botUserId] });
}
