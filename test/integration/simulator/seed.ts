// A small two-workspace world shared by the simulator's integration tests.
import type { SlackSimulator } from '../../../src/simulator/web-api-server';

export const TEAM = 'T0SIMTEAM1';
export const OTHER_TEAM = 'T0SIMTEAM2';
export const BOT_TOKEN = 'xoxb-fake_sim_bot';
export const OTHER_BOT_TOKEN = 'xoxb-fake_sim_other';
export const SCOPED_BOT_TOKEN = 'xoxb-fake_sim_scoped';
export const APP_TOKEN = 'xapp-1-fake_sim_app';
export const APP_ID = 'A0SIMAPP1';
export const BOT_USER = 'U0SIMBOT01';

export function seed(sim: SlackSimulator): void {
  const { state } = sim;
  state.addTeam({ id: TEAM, name: 'Sim Community', domain: 'simcommunity' });
  state.addTeam({ id: OTHER_TEAM, name: 'Elsewhere', domain: 'elsewhere' });
  state.addBotToken({ token: BOT_TOKEN, teamId: TEAM, botUserId: BOT_USER, botId: 'B0SIMBOT01', appId: APP_ID });
  state.addBotToken({ token: OTHER_BOT_TOKEN, teamId: OTHER_TEAM, botUserId: 'U0OTHERBOT', botId: 'B0OTHERBOT', appId: APP_ID });
  state.addBotToken({ token: SCOPED_BOT_TOKEN, teamId: TEAM, botUserId: BOT_USER, botId: 'B0SIMBOT01', appId: APP_ID, scopes: ['chat:write'] });
  state.addAppToken({ token: APP_TOKEN, appId: APP_ID });
  state.addUser({ id: BOT_USER, team_id: TEAM, name: 'activity', is_bot: true, profile: { display_name: 'activity', real_name: 'Activity' } });
  state.addUser({ id: 'U0ANA00001', team_id: TEAM, name: 'ana', real_name: 'Ana Lima', profile: { display_name: 'Ana' } });
  state.addUser({ id: 'U0BO000001', team_id: TEAM, name: 'bo', real_name: 'Bo Chen' });
  state.addUser({ id: 'U0FAR00001', team_id: OTHER_TEAM, name: 'far', real_name: 'Far Away' });
  state.addChannel({ id: 'C0GENERAL1', team_id: TEAM, name: 'general', members: ['U0ANA00001', 'U0BO000001', BOT_USER] });
  state.addChannel({ id: 'C0NOBOT001', team_id: TEAM, name: 'no-bot', members: ['U0ANA00001'] });
  state.addChannel({ id: 'C0SECRET01', team_id: TEAM, name: 'secret', is_private: true, members: ['U0ANA00001', BOT_USER] });
  state.addChannel({ id: 'C0HIDDEN01', team_id: TEAM, name: 'hidden', is_private: true, members: ['U0BO000001'] });
  state.addChannel({ id: 'C0OLD00001', team_id: TEAM, name: 'old', is_archived: true, members: [BOT_USER] });
  state.addChannel({ id: 'C0FAR00001', team_id: OTHER_TEAM, name: 'far', members: ['U0FAR00001', 'U0OTHERBOT'] });
}
