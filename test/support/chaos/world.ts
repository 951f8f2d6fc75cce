// What every chaos scenario runs against: the Slack simulator with the harness's seeded
// workspace, and a fresh database (optionally one that can be made unavailable), both kept
// across the app's restarts.
import type { StoreKind } from '../../../src/store/database-url';
import { startSlackSimulator, type SlackSimulator } from '../../../src/simulator/web-api-server';
import { seedWorkspace } from '../app-harness';
import { createTestDatabase, type TestDatabase } from '../databases';
import { createOutageDatabase, type Outage } from '../outage';
import { startAppProcess, type AppProcess, type AppProcessOptions } from './app-process';

export interface ChaosWorld {
  kind: StoreKind;
  sim: SlackSimulator;
  /** The database as the app reaches it. */
  database: TestDatabase;
  /** The same database reached directly, for counting rows whatever state the app is in. */
  directUrl: string;
  /** With `outage: true`: the switch that makes the database unavailable to the app. */
  outage?: Outage;
  /** Starts the app in its own process on this world's simulator and database. */
  startApp(env?: AppProcessOptions['env']): Promise<AppProcess>;
  close(): Promise<void>;
}

export async function createChaosWorld(kind: StoreKind, options: { outage?: boolean } = {}): Promise<ChaosWorld> {
  const sim = await startSlackSimulator();
  seedWorkspace(sim);
  let database: TestDatabase;
  let directUrl: string;
  let outage: Outage | undefined;
  if (options.outage) {
    const created = await createOutageDatabase(kind);
    ({ database, directUrl, outage } = created);
  } else {
    database = await createTestDatabase(kind);
    directUrl = database.url;
  }
  const apps: AppProcess[] = [];
  return {
    kind,
    sim,
    database,
    directUrl,
    ...(outage ? { outage } : {}),
    async startApp(env) {
      const app = await startAppProcess({ slackApiUrl: sim.apiUrl, databaseUrl: database.url, ...(env ? { env } : {}) });
      apps.push(app);
      return app;
    },
    async close() {
      for (const app of apps) {
        app.signal('SIGKILL');
        await app.exited;
      }
      await sim.close();
      await database.drop();
    },
  };
}
