import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { AppError } from '../../src/errors';

const valid = {
  SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5',
  SLACK_BOT_TOKEN: 'xoxb-1-test',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('config_invalid');
    return (error as AppError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected the config to be rejected');
}

describe('loadConfig', () => {
  it('applies defaults: SQLite, port 3000, HTTP mode, info logs', () => {
    const config = loadConfig(valid);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.http).toEqual({ port: 3000, host: '0.0.0.0' });
    expect(config.socketMode).toBe(false);
    expect(config.logLevel).toBe('info');
    expect(config.sqliteSynchronous).toBe('FULL');
  });

  it('treats empty strings as unset', () => {
    const config = loadConfig({ ...valid, DATABASE_URL: '', PORT: ' ', SLACK_APP_TOKEN: '' });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.http.port).toBe(3000);
    expect(config.socketMode).toBe(false);
  });

  it('names every missing variable at once', () => {
    const lines = problems({});
    expect(lines.some((l) => l.startsWith('SLACK_BOT_TOKEN:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('SLACK_SIGNING_SECRET:'))).toBe(true);
  });

  it('says which variable is malformed and what is expected', () => {
    const lines = problems({ ...valid, SLACK_BOT_TOKEN: 'xoxp-user', PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', API_TOKEN: 'short' });
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^SLACK_BOT_TOKEN: .*xoxb-/),
        expect.stringMatching(/^PORT: /),
        expect.stringMatching(/^DATABASE_URL: .*postgres/),
        expect.stringMatching(/^LOG_LEVEL: /),
        expect.stringMatching(/^API_TOKEN: .*16/),
      ]),
    );
  });

  it('runs Socket Mode when SLACK_APP_TOKEN is set, without a signing secret', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A-1-abc' });
    expect(config.socketMode).toBe(true);
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-wrong' })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^SLACK_APP_TOKEN: .*xapp-/)]),
    );
  });

  it('normalises SLACK_API_URL to end with a slash and accepts both PostgreSQL schemes', () => {
    expect(loadConfig({ ...valid, SLACK_API_URL: 'http://127.0.0.1:4000/api' }).slack.apiUrl).toBe('http://127.0.0.1:4000/api/');
    expect(loadConfig({ ...valid, DATABASE_URL: 'postgres://h/db' }).databaseUrl).toBe('postgres://h/db');
    expect(loadConfig({ ...valid, DATABASE_URL: 'postgresql://h/db' }).databaseUrl).toBe('postgresql://h/db');
    expect(loadConfig({ ...valid, DATABASE_URL: 'file:./x.db' }).databaseUrl).toBe('file:./x.db');
  });

  it('lists missing and malformed variables together, in plain words', () => {
    expect(problems({ DATABASE_POOL_SIZE: 'abc', SHUTDOWN_TIMEOUT_MS: '-5' })).toEqual([
      'SLACK_BOT_TOKEN: required: the Bot User OAuth Token (xoxb-…) from OAuth & Permissions (or, to install into several workspaces, set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET instead)',
      'SLACK_SIGNING_SECRET: required in HTTP mode (set SLACK_APP_TOKEN for Socket Mode instead): the Signing Secret from Basic Information',
      'DATABASE_POOL_SIZE: expected a number from 1 to 200',
      'SHUTDOWN_TIMEOUT_MS: must be at least 0',
    ]);
  });

  it('the OAuth install: the three variables together, without a bot token or API_TOKEN', () => {
    const oauth = { SLACK_SIGNING_SECRET: 'x'.repeat(32), SLACK_CLIENT_ID: '1234.5678', SLACK_CLIENT_SECRET: 'c'.repeat(32), SLACK_STATE_SECRET: 's'.repeat(20) };
    const config = loadConfig(oauth);
    expect(config.slack.oauth).toEqual({ clientId: '1234.5678', clientSecret: 'c'.repeat(32), stateSecret: 's'.repeat(20), redirectUri: undefined });
    expect(config.slack.botToken).toBeUndefined();
    expect(problems({ SLACK_SIGNING_SECRET: 'x'.repeat(32), SLACK_CLIENT_ID: '1234.5678' })).toEqual([
      'SLACK_CLIENT_SECRET: required for the OAuth install (SLACK_CLIENT_ID is set): the Client Secret from Basic Information → App Credentials',
      'SLACK_STATE_SECRET: required for the OAuth install (SLACK_CLIENT_ID is set): a long random string of your own (it signs the install flow’s state)',
    ]);
    expect(problems({ ...oauth, SLACK_BOT_TOKEN: 'xoxb-1', API_TOKEN: 'a'.repeat(20) })).toEqual([
      expect.stringMatching(/^API_TOKEN: names no workspace with the OAuth install/),
      expect.stringMatching(/^SLACK_BOT_TOKEN: not used with the OAuth install/),
    ]);
    expect(problems({ ...oauth, SLACK_REDIRECT_URI: 'https://a.example.com/elsewhere' })).toEqual([
      'SLACK_REDIRECT_URI: expected a URL whose path is /slack/oauth_redirect (where the app answers Slack\'s redirect)',
    ]);
  });
});
