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
      'SLACK_BOT_TOKEN: required: the Bot User OAuth Token (xoxb-…) from OAuth & Permissions',
      'SLACK_SIGNING_SECRET: required in HTTP mode (set SLACK_APP_TOKEN for Socket Mode instead): the Signing Secret from Basic Information',
      'DATABASE_POOL_SIZE: expected a number from 1 to 200',
      'SHUTDOWN_TIMEOUT_MS: must be at least 0',
    ]);
  });
});
