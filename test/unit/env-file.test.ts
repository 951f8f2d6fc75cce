import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadEnvFile } from '../../src/env-file';

describe('loadEnvFile', () => {
  const dirs: string[] = [];
  const file = (content: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'envfile-'));
    dirs.push(dir);
    writeFileSync(join(dir, '.env'), content);
    return join(dir, '.env');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('takes the file’s values for variables the environment does not set', () => {
    const env: NodeJS.ProcessEnv = {};
    const result = loadEnvFile(file('PORT=3001\nLOG_LEVEL=debug\n'), env);
    expect(env).toEqual({ PORT: '3001', LOG_LEVEL: 'debug' });
    expect(result.applied.sort()).toEqual(['LOG_LEVEL', 'PORT']);
  });

  it('the environment wins, even when it sets a variable to the empty string', () => {
    const env: NodeJS.ProcessEnv = { PORT: '4000', API_TOKEN: '' };
    const result = loadEnvFile(file('PORT=3001\nAPI_TOKEN=from-the-file-0123456789\nHOST=127.0.0.1\n'), env);
    expect(env).toEqual({ PORT: '4000', API_TOKEN: '', HOST: '127.0.0.1' });
    expect(result.applied).toEqual(['HOST']);
  });

  it('reads .env.example’s layout: inline comments after blank values, quoted values', () => {
    const env: NodeJS.ProcessEnv = {};
    loadEnvFile(file('# comment\nSLACK_SIGNING_SECRET=          # Basic Information\nDATABASE_POOL_SIZE=10   # per process\nX="a # b"\n'), env);
    expect(env).toEqual({ SLACK_SIGNING_SECRET: '', DATABASE_POOL_SIZE: '10', X: 'a # b' });
  });

  it('a missing file is not an error', () => {
    const env: NodeJS.ProcessEnv = { A: '1' };
    expect(loadEnvFile(join(tmpdir(), 'no-such-dir-for-env', '.env'), env)).toEqual({ path: undefined, applied: [] });
    expect(env).toEqual({ A: '1' });
  });
});

describe('.env.example', () => {
  it('reads as documented: blanks are unset, the defaults are the app’s own', () => {
    const env: NodeJS.ProcessEnv = {};
    loadEnvFile('.env.example', env);
    expect(env).toEqual({
      SLACK_SIGNING_SECRET: '',
      SLACK_BOT_TOKEN: '',
      SLACK_CLIENT_ID: '',
      SLACK_CLIENT_SECRET: '',
      SLACK_STATE_SECRET: '',
      SLACK_REDIRECT_URI: '',
      SLACK_APP_TOKEN: '',
      SLACK_API_URL: '',
      DATABASE_URL: '',
      DATABASE_POOL_SIZE: '10',
      SQLITE_SYNCHRONOUS: 'FULL',
      PORT: '3000',
      HOST: '0.0.0.0',
      API_TOKEN: '',
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_MS: '10000',
      SLACK_LOOKUP_BUDGET_MS: '800',
    });
  });
});
