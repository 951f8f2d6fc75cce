// What the app needs to run against the simulator, printed ready to paste: as an .env block
// and as one command line. The credentials are fixed so a saved .env keeps working, and
// fake on their face ("xoxb-fake_…") so nobody mistakes them for, or scans them as, real ones.

export const SIMULATOR_SIGNING_SECRET = 'simulator-signing-secret-0123456789abcdef';
export const SIMULATOR_BOT_TOKEN = 'xoxb-fake_simulator_bot_token';
export const SIMULATOR_APP_TOKEN = 'xapp-fake_simulator_app_token';
export const SIMULATOR_API_TOKEN = 'simulator-api-token-0123456789';
/** Simulated activity goes to its own file, away from a real workspace's ./data/activity.db. */
export const SIMULATOR_DATABASE_URL = 'file:./data/simulator.db';
/** With --oauth, another file: a database of the bot-token mode has the workspace without an installation. */
export const SIMULATOR_OAUTH_DATABASE_URL = 'file:./data/simulator-oauth.db';
/** The simulated app's credentials for the OAuth install (--oauth). */
export const SIMULATOR_CLIENT_ID = '4000000000.4000000000';
export const SIMULATOR_CLIENT_SECRET = 'simulator-client-secret-0123456789';
export const SIMULATOR_STATE_SECRET = 'simulator-state-secret-0123456789';

export interface AppEnvironmentInput {
  apiUrl: string;
  socketMode: boolean;
  oauth?: boolean;
}

/** The variables, in the order a reader meets them in the README's Configuration table. */
export function appEnvironment(input: AppEnvironmentInput): Array<[name: string, value: string]> {
  if (input.oauth) {
    // No bot token and no API_TOKEN: each workspace's token comes from its install, and API keys are per workspace.
    return [
      ['SLACK_API_URL', input.apiUrl],
      ['SLACK_SIGNING_SECRET', SIMULATOR_SIGNING_SECRET],
      ['SLACK_CLIENT_ID', SIMULATOR_CLIENT_ID],
      ['SLACK_CLIENT_SECRET', SIMULATOR_CLIENT_SECRET],
      ['SLACK_STATE_SECRET', SIMULATOR_STATE_SECRET],
      ['DATABASE_URL', SIMULATOR_OAUTH_DATABASE_URL],
    ];
  }
  return [
    ['SLACK_API_URL', input.apiUrl],
    // Socket Mode needs no signing secret: nothing reaches the app over HTTP from Slack.
    input.socketMode ? ['SLACK_APP_TOKEN', SIMULATOR_APP_TOKEN] : ['SLACK_SIGNING_SECRET', SIMULATOR_SIGNING_SECRET],
    ['SLACK_BOT_TOKEN', SIMULATOR_BOT_TOKEN],
    ['API_TOKEN', SIMULATOR_API_TOKEN],
    ['DATABASE_URL', SIMULATOR_DATABASE_URL],
  ];
}

// Every value above is shell-safe today; quoting keeps it so if one ever is not.
const shellWord = (value: string): string => (/^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);

/** KEY=value lines for an .env file. */
export function envBlock(vars: Array<[string, string]>): string[] {
  return vars.map(([name, value]) => `${name}=${value}`);
}

/** One line to paste into a shell: `KEY=value … npm start`. */
export function startCommand(vars: Array<[string, string]>): string {
  return `${vars.map(([name, value]) => `${name}=${shellWord(value)}`).join(' ')} npm start`;
}
