// `npm run simulator -- …`: defaults, both option spellings, and one-line errors.
import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_URL, DEFAULT_PORT, parseOptions } from '../../../../src/simulator/cli/options';
import { listenProblem } from '../../../../src/simulator/cli/run';

describe('parseOptions', () => {
  it('defaults to port 4000, 127.0.0.1, the app on port 3000, HTTP, the prompt', () => {
    expect(parseOptions([])).toEqual({
      ok: true,
      options: { port: DEFAULT_PORT, host: '127.0.0.1', appUrl: DEFAULT_APP_URL, socketMode: false, oauth: false, run: [], help: false },
    });
    expect(DEFAULT_PORT).toBe(4000);
    expect(DEFAULT_APP_URL).toBe('http://127.0.0.1:3000/slack/events');
  });

  it('reads every option, as --opt value or --opt=value, and keeps --run in order', () => {
    const result = parseOptions(['--port', '4001', '--host=0.0.0.0', '--app-url=http://localhost:3998/slack/events', '--socket-mode', '--run', 'wait', '--run=play']);
    expect(result).toEqual({
      ok: true,
      options: { port: 4001, host: '0.0.0.0', appUrl: 'http://localhost:3998/slack/events', socketMode: true, oauth: false, run: ['wait', 'play'], help: false },
    });
    expect(parseOptions(['-h'])).toMatchObject({ ok: true, options: { help: true } });
    expect(parseOptions(['--port', '0'])).toMatchObject({ ok: true, options: { port: 0 } });
    expect(parseOptions(['--oauth'])).toMatchObject({ ok: true, options: { oauth: true, socketMode: false } });
  });

  it('refuses bad values and unknown options in one line', () => {
    expect(parseOptions(['--port', 'abc'])).toEqual({ ok: false, error: '--port expects a port number (0-65535), got "abc"' });
    expect(parseOptions(['--port', '70000'])).toMatchObject({ ok: false });
    expect(parseOptions(['--port'])).toEqual({ ok: false, error: '--port expects a port number (0-65535), got nothing' });
    expect(parseOptions(['--app-url', 'localhost:3000'])).toEqual({ ok: false, error: `--app-url expects the app's events URL, e.g. ${DEFAULT_APP_URL}` });
    expect(parseOptions(['--run'])).toMatchObject({ ok: false, error: expect.stringContaining('--run expects a command') });
    expect(parseOptions(['--verbose'])).toEqual({ ok: false, error: 'unknown option "--verbose" (npm run simulator -- --help lists them)' });
  });
});

describe('listenProblem', () => {
  const options = { port: 4000, host: '127.0.0.1' };

  it('turns a taken port into one line naming it and the next one to try', () => {
    expect(listenProblem(Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' }), options)).toBe(
      'Port 4000 is already in use (another simulator?): pick another with  npm run simulator -- --port 4001',
    );
    expect(listenProblem({ code: 'EACCES' }, { port: 80, host: '127.0.0.1' })).toContain('Port 80 needs privileges');
    expect(listenProblem({ code: 'EADDRNOTAVAIL' }, { port: 4000, host: '10.9.9.9' })).toContain('Cannot listen on 10.9.9.9');
  });

  it('leaves other errors alone (they are bugs, worth their stack)', () => {
    expect(listenProblem(new Error('boom'), options)).toBeNull();
  });
});
