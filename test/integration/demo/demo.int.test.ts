// `npm run demo` must work for a newcomer: it plays the community and shows what was stored.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('npm run demo', () => {
  it('plays a small community and prints what was recorded and what /activity shows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-'));
    try {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/simulator/demo.ts', '--exit'], {
        env: { ...process.env, PORT: '0', DEMO_DATA_DIR: dir, LOG_LEVEL: 'error' },
        timeout: 60_000,
      });
      expect(stdout).not.toContain('✗');
      const counts = Object.fromEntries(
        [...stdout.matchAll(/^\s+(\d+)\s+([a-z_.]+)$/gm)].map((m) => [m[2], Number(m[1])]),
      );
      expect(counts).toEqual({
        'slack_message.created': 4,
        'slack_message.deleted': 1,
        'slack_message.edited': 1,
        'slack_message.threaded_reply.created': 2,
        'slack_reaction.added': 2,
        'slack_reaction.removed': 1,
        'workspace.user_joined': 1,
      });
      expect(stdout).toContain('reacted :tada:');
      expect(stdout).not.toContain('hunter2'); // the deleted message's words are gone
      expect(stdout).toContain('/api/v1/activities');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
