// SQLite only (PostgreSQL has no synchronous pragma; it fsyncs every commit): what the running
// app commits with. The README promises synchronous=FULL by default (every group commit fsynced
// before Slack gets its 200) and NORMAL when SQLITE_SYNCHRONOUS says so. The test harness runs
// with NORMAL for speed, so this starts the app with the variable unset.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../support/app-harness';

// PRAGMA synchronous answers a number: 1 = NORMAL, 2 = FULL.
const FULL = 2;
const NORMAL = 1;

describe('SQLite only (PostgreSQL has no synchronous setting): the app commits with synchronous', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const pragmas = async (app: Harness['app']) => ({
    writer: Number(await app.store.writerPragma('synchronous')),
    writerJournal: await app.store.writerPragma('journal_mode'),
    prisma: Number((await app.store.db.$queryRawUnsafe<{ synchronous: bigint | number }[]>('PRAGMA synchronous'))[0]!.synchronous),
  });

  it('FULL when SQLITE_SYNCHRONOUS is unset: on the group-commit writer thread and on the main connection', async () => {
    h = await startHarness({ kind: 'sqlite', env: { SQLITE_SYNCHRONOUS: '' } });
    expect(await pragmas(h.app)).toEqual({ writer: FULL, writerJournal: 'wal', prisma: FULL });
  });

  it('NORMAL when SQLITE_SYNCHRONOUS=NORMAL', async () => {
    h = await startHarness({ kind: 'sqlite', env: { SQLITE_SYNCHRONOUS: 'NORMAL' } });
    expect(await pragmas(h.app)).toEqual({ writer: NORMAL, writerJournal: 'wal', prisma: NORMAL });
  });
});
