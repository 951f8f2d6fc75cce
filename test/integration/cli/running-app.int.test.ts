// The README's promise, on SQLite and PostgreSQL: "a running app sees a channel change made by
// the CLI within a second". The CLI runs as its own process (`node --import tsx src/cli/main.ts`),
// as an admin runs it, while the app keeps receiving events in that channel (so its cached
// channel settings are as fresh, and as stale, as they get); every event sent a second or more
// after the CLI finished must follow the new setting.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent } from '../../../src/simulator/factories';
import { CHANNEL_CACHE_MS } from '../../../src/store/repositories/channel-repository';
import { startHarness, TEAM_ID, TEST_BOT_TOKEN, type Harness } from '../../support/app-harness';
import { DATABASE_KINDS } from '../../support/databases';
import { envelope, msgKey } from '../collect/support';

const ROOT = resolve(import.meta.dirname, '../../..');
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const CHANNEL = 'G0OPTEDIN'; // private: not collected until an admin opts it in

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(DATABASE_KINDS)('a channel change made with the CLI, seen by the running app (%s)', (kind) => {
  let h: Harness;
  let cwd: string;

  beforeAll(async () => {
    h = await startHarness({ kind });
    cwd = mkdtempSync(join(tmpdir(), 'activity-cli-'));
  });
  afterAll(async () => {
    await h?.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  /** Runs the CLI in its own process (in an empty directory: no .env); resolves when it exited. */
  async function cli(...args: string[]): Promise<{ startedAt: number; finishedAt: number }> {
    const startedAt = Date.now();
    const { stderr } = await promisify(execFile)(process.execPath, ['--import', TSX, join(ROOT, 'src/cli/main.ts'), ...args], {
      cwd,
      env: { ...process.env, DATABASE_URL: h.database.url, SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_API_URL: h.sim.apiUrl },
    });
    expect(stderr).toContain('within a second');
    return { startedAt, finishedAt: Date.now() };
  }

  /**
   * Sends a message to the channel every 50 ms from 300 ms before `during` (the CLI) starts
   * until 1.5 s after it finished; returns each message's send time and whether it was stored.
   */
  async function messagesAround(
    during: () => Promise<{ startedAt: number; finishedAt: number }>,
  ): Promise<{ startedAt: number; finishedAt: number; sent: { at: number; stored: boolean }[] }> {
    const sent: { at: number; key: string }[] = [];
    let stopAt = Infinity;
    const stream = (async () => {
      while (Date.now() < stopAt) {
        const event = messageEvent({ user: 'U0BO', channel: CHANNEL, channel_type: 'group', text: 'around the change' });
        const at = Date.now();
        const res = await h.event(envelope(event));
        expect(res.status, res.text).toBe(200);
        sent.push({ at, key: msgKey(CHANNEL, event.ts) });
        await sleep(50);
      }
    })();
    await sleep(300);
    const { startedAt, finishedAt } = await during();
    stopAt = finishedAt + CHANNEL_CACHE_MS + 500;
    await stream;
    const rows = await h.app.store.db.activity.findMany({ where: { workspaceId: TEAM_ID, sourceKey: { in: sent.map((s) => s.key) } }, select: { sourceKey: true } });
    const stored = new Set(rows.map((r) => r.sourceKey));
    return { startedAt, finishedAt, sent: sent.map((s) => ({ at: s.at, stored: stored.has(s.key) })) };
  }

  it('opting a private channel in, then out: every message sent a second after the CLI exits follows the change', async () => {
    const on = await messagesAround(() => cli('channels', 'collect', CHANNEL, 'on'));
    const before = on.sent.filter((s) => s.at < on.startedAt);
    const later = on.sent.filter((s) => s.at >= on.finishedAt + CHANNEL_CACHE_MS);
    expect(before.length).toBeGreaterThan(0);
    expect(later.length).toBeGreaterThan(0);
    expect(before.every((s) => !s.stored)).toBe(true);
    expect(later.every((s) => s.stored)).toBe(true);

    const off = await messagesAround(() => cli('channels', 'collect', CHANNEL, 'off'));
    const stillOn = off.sent.filter((s) => s.at < off.startedAt);
    const afterOff = off.sent.filter((s) => s.at >= off.finishedAt + CHANNEL_CACHE_MS);
    expect(stillOn.every((s) => s.stored)).toBe(true);
    expect(afterOff.length).toBeGreaterThan(0);
    expect(afterOff.every((s) => !s.stored)).toBe(true);
  });
});
