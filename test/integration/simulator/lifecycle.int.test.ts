// Simulators are independent objects: several run side by side, and close() ends everything.
import { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { startSlackSimulator } from '../../../src/simulator/web-api-server';
import { BOT_TOKEN, seed } from './seed';

describe('simulator lifecycle', () => {
  it('runs several simulators in one process without shared state', async () => {
    const [a, b] = await Promise.all([startSlackSimulator(), startSlackSimulator()]);
    try {
      seed(a);
      expect(a.port).not.toBe(b.port);
      expect(a.apiUrl).toBe(`http://127.0.0.1:${a.port}/api/`);
      expect((await new WebClient(BOT_TOKEN, { slackApiUrl: a.apiUrl }).auth.test()).ok).toBe(true);
      const other = new WebClient(BOT_TOKEN, { slackApiUrl: b.apiUrl, retryConfig: { retries: 0 } });
      await expect(other.auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
      expect(a.calls).toHaveLength(1);
      expect(b.calls).toHaveLength(1);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('closes cleanly: pending socket waits reject, the port stops answering, close() is idempotent', async () => {
    const sim = await startSlackSimulator();
    const waiting = sim.waitForCall('auth.test', undefined, 10_000);
    const socketWait = sim.socket.waitForConnection(10_000);
    // Keep a keep-alive connection open to prove close() does not hang on it.
    await fetch(`${sim.apiUrl}auth.test`, { method: 'POST' });
    await sim.close();
    await sim.close();
    await expect(socketWait).rejects.toThrow(/closed/);
    await expect(waiting).resolves.toMatchObject({ method: 'auth.test' });
    await expect(fetch(`${sim.apiUrl}auth.test`, { method: 'POST' })).rejects.toThrow();
  });

  it('listens on the requested port', async () => {
    const probe = await startSlackSimulator();
    const port = probe.port;
    await probe.close();
    const sim = await startSlackSimulator({ port, host: '127.0.0.1' });
    try {
      expect(sim.url).toBe(`http://127.0.0.1:${port}`);
    } finally {
      await sim.close();
    }
  });
});
