// The fields Slack form-encodes when a member runs a slash command.
import { DEFAULT_APP_ID, DEFAULT_CHANNEL_ID, DEFAULT_CHANNEL_NAME, DEFAULT_TEAM_DOMAIN, DEFAULT_TEAM_ID, DEFAULT_USER_ID, DEFAULT_USER_NAME, DEFAULT_VERIFICATION_TOKEN } from './defaults';
import { responseUrlPath, triggerId } from './ids';
import type { SlashCommandFields } from './types';

/** Slash-command fields; extra string fields (enterprise_id, enterprise_name …) may be added. */
export function slashCommand(overrides: Partial<SlashCommandFields> & Record<string, string> = {}): SlashCommandFields & Record<string, string> {
  const team = overrides.team_id ?? DEFAULT_TEAM_ID;
  return {
    token: DEFAULT_VERIFICATION_TOKEN,
    team_id: team,
    team_domain: DEFAULT_TEAM_DOMAIN,
    channel_id: DEFAULT_CHANNEL_ID,
    channel_name: DEFAULT_CHANNEL_NAME,
    user_id: DEFAULT_USER_ID,
    user_name: DEFAULT_USER_NAME,
    command: '/activity',
    text: '',
    api_app_id: DEFAULT_APP_ID,
    is_enterprise_install: 'false',
    // Tests that expect the app to answer should pass sim.newResponseUrl(): this one leads nowhere.
    response_url: `https://hooks.slack.com${responseUrlPath(team, 'commands')}`,
    trigger_id: triggerId(),
    ...overrides,
  };
}
