// The variables printed for the app: valid for its config, paste-ready, and obviously fake.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/config';
import { appEnvironment, envBlock, SIMULATOR_APP_TOKEN, SIMULATOR_BOT_TOKEN, startCommand } from '../../../../src/simulator/cli/environment';

const apiUrl = 'http://127.0.0.1:4000/api/';

describe('appEnvironment', () => {
  it('gives HTTP mode a signing secret and Socket Mode an app token instead', () => {
    expect(appEnvironment({ apiUrl, socketMode: false }).map(([name]) => name)).toEqual(['SLACK_API_URL', 'SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'API_TOKEN', 'DATABASE_URL']);
    expect(appEnvironment({ apiUrl, socketMode: true }).map(([name]) => name)).toEqual(['SLACK_API_URL', 'SLACK_APP_TOKEN', 'SLACK_BOT_TOKEN', 'API_TOKEN', 'DATABASE_URL']);
  });

  it("is accepted by the app's own configuration, in both modes", () => {
    const http = loadConfig(Object.fromEntries(appEnvironment({ apiUrl, socketMode: false })));
    expect(http).toMatchObject({ socketMode: false, slack: { apiUrl, botToken: SIMULATOR_BOT_TOKEN }, databaseUrl: 'file:./data/simulator.db' });
    const socket = loadConfig(Object.fromEntries(appEnvironment({ apiUrl, socketMode: true })));
    expect(socket).toMatchObject({ socketMode: true, slack: { appToken: SIMULATOR_APP_TOKEN } });
  });

  it('uses tokens that say they are fake and do not match the shape of real Slack tokens', () => {
    expect(SIMULATOR_BOT_TOKEN).toMatch(/^xoxb-fake_/);
    expect(SIMULATOR_APP_TOKEN).toMatch(/^xapp-fake_/);
    // The shapes secret scanners look for: xoxb-<digits>-<digits>-…, xapp-1-A…-<digits>-…
    expect(SIMULATOR_BOT_TOKEN).not.toMatch(/^xox[baprs]-\d+-/);
    expect(SIMULATOR_APP_TOKEN).not.toMatch(/^xapp-\d-/);
  });
});

describe('envBlock and startCommand', () => {
  it('print KEY=value lines and one shell line ending in npm start', () => {
    const vars: Array<[string, string]> = [['SLACK_API_URL', apiUrl], ['ODD', "it's spaced"]];
    expect(envBlock(vars)).toEqual([`SLACK_API_URL=${apiUrl}`, "ODD=it's spaced"]);
    expect(startCommand(vars)).toBe(`SLACK_API_URL=${apiUrl} ODD='it'\\''s spaced' npm start`);
  });
});
