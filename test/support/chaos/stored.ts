// What the database holds, read directly (not through the app, which may be dead or down):
// activity rows per source key, and the accounting the chaos scenarios report.
import Database from 'better-sqlite3';
import pg from 'pg';
import type { StoreKind } from '../../../src/store/database-url';
import { sqliteFilePath } from '../../../src/store/database-url';
import { TEAM_ID } from '../app-harness';
import type { ChaosEvent, Ledger } from './slack-traffic';

/** Activity rows of the test workspace, counted per source key. */
export async function rowsByKey(kind: StoreKind, url: string): Promise<Map<string, number>> {
  const sql = 'SELECT "sourceKey" AS "key", COUNT(*) AS "n" FROM "Activity" WHERE "workspaceId" = $1 GROUP BY "sourceKey"';
  let rows: { key: string; n: number | string | bigint }[];
  if (kind === 'sqlite') {
    // Opening the file also recovers it after a kill -9 (WAL replay), as the next start would.
    const db = new Database(sqliteFilePath(url), { readonly: false, timeout: 30_000 });
    try {
      rows = db.prepare(sql.replace('$1', '?')).all(TEAM_ID) as typeof rows;
    } finally {
      db.close();
    }
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      rows = (await client.query<{ key: string; n: string }>(sql, [TEAM_ID])).rows;
    } finally {
      await client.end();
    }
  }
  return new Map(rows.map((r) => [r.key, Number(r.n)]));
}

export interface Accounting {
  /** Distinct events sent. */
  events: number;
  /** Events answered 200 at least once. */
  acked: number;
  /** Rows stored for the events. */
  rows: number;
  /** Rows beyond one per event (must be 0). */
  duplicates: number;
  /** Events answered 200 whose row is missing (must be 0). */
  ackedLost: number;
  /** Events with no row at all (0 once everything was redelivered). */
  missing: number;
  /** Keys of acked events with no row, for the failure message. */
  ackedLostKeys: string[];
}

/** Compares what was sent and acknowledged with what is stored. */
export async function account(kind: StoreKind, url: string, events: ChaosEvent[], ledger: Ledger): Promise<Accounting> {
  const stored = await rowsByKey(kind, url);
  let rows = 0;
  let duplicates = 0;
  let missing = 0;
  const ackedLostKeys: string[] = [];
  for (const event of events) {
    const n = stored.get(event.key) ?? 0;
    rows += n;
    if (n > 1) duplicates += n - 1;
    if (n === 0) {
      missing++;
      if (ledger.acked.has(event.index)) ackedLostKeys.push(event.key);
    }
  }
  return { events: events.length, acked: events.filter((e) => ledger.acked.has(e.index)).length, rows, duplicates, ackedLost: ackedLostKeys.length, missing, ackedLostKeys: ackedLostKeys.slice(0, 10) };
}
