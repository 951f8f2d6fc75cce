import { describe, expect, it } from 'vitest';
import { listenErrorMessage } from '../../../src/http/listen';

const err = (code: string) => Object.assign(new Error(code), { code });

describe('listenErrorMessage', () => {
  it('a port in use names the port and suggests the next one', () => {
    expect(listenErrorMessage(err('EADDRINUSE'), 3000, '0.0.0.0')).toBe(
      'port 3000 is already in use (another copy of the app, the demo, or another program): stop it, or pick another port with PORT, e.g. PORT=3001',
    );
    expect(listenErrorMessage(err('EADDRINUSE'), 3000, '127.0.0.1')).toMatch(/^port 3000 on 127\.0\.0\.1 is already in use/);
  });

  it('a privileged port and a foreign address say what to do', () => {
    expect(listenErrorMessage(err('EACCES'), 80, '0.0.0.0')).toContain('ports below 1024 need privileges');
    expect(listenErrorMessage(err('EADDRNOTAVAIL'), 3000, '10.9.9.9')).toContain('HOST 10.9.9.9 is not an address of this machine');
  });

  it('anything else is left to the caller', () => {
    expect(listenErrorMessage(err('EMFILE'), 3000, '0.0.0.0')).toBeUndefined();
  });
});
