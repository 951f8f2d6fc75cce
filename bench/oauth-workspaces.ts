// The OAuth targets of bench/ingest.ts (`--workspaces N`): N simulated workspaces, each with
// its own members and channels; one simulated Slack app with the OAuth install; the app (in
// its own process) installed into every workspace through its own /slack/install, as a person
// would in a browser (test/support/oauth-install.ts: the install page, Slack's authorize page
// with the consent set beforehand, the redirect back with the code and the state cookie); and
// the check, afterwards, that every workspace holds exactly its own events, once each.
import { performance } from 'node:perf_hooks';
import { activityRegistry } from '../src/activities';
import type { SlackSimulator } from '../src/simulator/web-api-server';
import { BOT_SCOPES } from '../src/slack/scopes';
import { openStore } from '../src/store/store';
import { browse } from '../test/support/oauth-install';
import { seededRandom } from '../test/support/seeded-random';

export const OAUTH_APP_ID = 'A0BENCHOAUTH';
const CLIENT_ID = '1111111111.2222222222';
const CLIENT_SECRET = 'bench-client-secret-0123456789';

/** What a target needs in its environment to run with the OAuth install (and without SLACK_BOT_TOKEN or API_TOKEN). */
export const OAUTH_ENV = {
  SLACK_CLIENT_ID: CLIENT_ID,
  SLACK_CLIENT_SECRET: CLIENT_SECRET,
  SLACK_STATE_SECRET: 'bench-state-secret-0123456789',
  SLACK_BOT_TOKEN: undefined,
  API_TOKEN: undefined,
};

export interface BenchWorkspace {
  team: string;
  users: string[];
  channels: string[];
  /** The app's bot user there, once installed (a reinstall by another target keeps it). */
  botUserId: string;
}

/** Adds `count` workspaces to the simulator, each with its own members and public channels, and registers the OAuth app. */
export function seedWorkspaces(sim: SlackSimulator, count: number, usersEach: number, channelsEach: number): BenchWorkspace[] {
  sim.state.oauth.addApp({ appId: OAUTH_APP_ID, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, defaultScopes: [...BOT_SCOPES] });
  return Array.from({ length: count }, (_, w) => {
    const n = String(w).padStart(String(count - 1).length, '0');
    const team = `T0WS${n}`;
    sim.state.addTeam({ id: team, name: `Bench ${n}`, domain: `bench-${n}` });
    const users = Array.from({ length: usersEach }, (_, i) => `U0WS${n}M${i}`);
    const channels = Array.from({ length: channelsEach }, (_, i) => `C0WS${n}C${i}`);
    for (const id of users) sim.state.addUser({ id, team_id: team, name: id.toLowerCase(), profile: { display_name: id.toLowerCase() } });
    for (const [i, id] of channels.entries()) sim.state.addChannel({ id, team_id: team, name: `bench-${n}-${i}`, is_private: false, members: users });
    return { team, users, channels, botUserId: '' };
  });
}

/**
 * Installs the app listening at `appUrl` into every workspace through the whole OAuth flow, one
 * after the other (the simulator's authorize page takes the next consent in turn). Returns the
 * seconds it took.
 */
export async function installEverywhere(sim: SlackSimulator, appUrl: string, workspaces: BenchWorkspace[]): Promise<number> {
  const started = performance.now();
  // The redirect URL registered in the app's settings: this target's (one target is installed at a time).
  sim.state.oauth.appByClientId(CLIENT_ID)!.redirectUris = [`${appUrl}/slack/oauth_redirect`];
  for (const ws of workspaces) {
    sim.consent({ teamId: ws.team, installerUserId: ws.users[0]! });
    const page = await browse(`${appUrl}/slack/install`);
    if (page.status !== 200 || !page.body.includes('Installed in')) {
      throw new Error(`installing into ${ws.team} through ${appUrl}/slack/install failed: ${page.status} ${page.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 300)}`);
    }
    ws.botUserId = sim.state.oauth.installations.get(`${OAUTH_APP_ID}:${ws.team}`)!.botUserId;
  }
  return (performance.now() - started) / 1000;
}

/** Which workspace each of `n` events goes to: as many to each (give or take one), in a random order. */
export function randomPlacement(n: number, workspaces: number, seed = 1): number[] {
  const placement = Array.from({ length: n }, (_, i) => i % workspaces);
  const random = seededRandom(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [placement[i], placement[j]] = [placement[j]!, placement[i]!];
  }
  return placement;
}

/**
 * The warm-up's placement: a run of events in each workspace in turn, long enough that every
 * member posts and every channel is posted in (so the label caches are warm in every workspace,
 * as they are in the one-workspace target), with messages, replies and reactions in each run.
 */
export function warmUpPlacement(workspaces: number, usersEach: number, atLeast: number): number[] {
  const each = Math.max(usersEach, Math.ceil(atLeast / workspaces));
  return Array.from({ length: workspaces * each }, (_, i) => Math.floor(i / each));
}

/** Events each workspace was sent, from a placement. */
export function perWorkspace(placement: readonly number[], workspaces: number): number[] {
  const counts = Array.from({ length: workspaces }, () => 0);
  for (const w of placement) counts[w]!++;
  return counts;
}

/**
 * Checks a target's database after the run: every workspace holds exactly the events it was
 * sent (`expected`, warm-up included), each once; no event kept as a dead letter (a payload
 * the app did not find an installation for); an installation per workspace. Returns the
 * "rows stored" cell of the table.
 */
export async function checkWorkspaces(databaseUrl: string, workspaces: BenchWorkspace[], expected: readonly number[], warmUp: number): Promise<{ cell: string; ok: boolean }> {
  const store = await openStore({ databaseUrl, registry: activityRegistry, migrate: false });
  try {
    const teams = workspaces.map((w) => w.team);
    const groups = await store.db.activity.groupBy({ by: ['workspaceId', 'sourceKey'], where: { workspaceId: { in: teams } }, _count: true });
    const rows = new Map<string, number>();
    const distinct = new Map<string, number>();
    for (const g of groups) {
      rows.set(g.workspaceId, (rows.get(g.workspaceId) ?? 0) + g._count);
      distinct.set(g.workspaceId, (distinct.get(g.workspaceId) ?? 0) + 1);
    }
    const elsewhere = await store.db.activity.count({ where: { workspaceId: { notIn: teams } } });
    const deadLetters = await store.db.deadLetter.count();
    const installations = await store.db.installation.count({ where: { id: { in: teams }, revokedAt: null } });
    const problems: string[] = [];
    const duplicated = teams.filter((t) => (rows.get(t) ?? 0) !== (distinct.get(t) ?? 0));
    const wrong = teams.filter((t, i) => (rows.get(t) ?? 0) !== expected[i]);
    if (duplicated.length) problems.push(`DUPLICATE ROWS in ${duplicated.length} workspaces`);
    if (wrong.length) problems.push(`MISMATCH in ${wrong.length} workspaces, e.g. ${wrong[0]}: ${rows.get(wrong[0]!) ?? 0} of ${expected[teams.indexOf(wrong[0]!)]}`);
    if (elsewhere) problems.push(`${elsewhere} rows under other workspaces`);
    if (deadLetters) problems.push(`${deadLetters} dead letters`);
    if (installations !== teams.length) problems.push(`${installations} of ${teams.length} installations`);
    const total = [...rows.values()].reduce((a, b) => a + b, 0) - warmUp;
    const sent = expected.reduce((a, b) => a + b, 0) - warmUp;
    return { cell: `${total} / ${sent} ${problems.length ? problems.join(', ') : `(exactly once in each of ${teams.length} workspaces)`}`, ok: problems.length === 0 };
  } finally {
    await store.close();
  }
}

/**
 * The simulator's answered lookups of a member (users.info) or a channel (conversations.info),
 * and how many of them were made with a token of another workspace than the member's or
 * channel's (each workspace's lookups must use its own installation's token).
 */
export function lookupTokens(sim: SlackSimulator): { lookups: number; crossed: number } {
  let lookups = 0;
  let crossed = 0;
  for (const call of sim.calls) {
    let team: string | undefined;
    if (call.method === 'users.info') team = sim.state.user(String(call.params.user))?.team_id;
    else if (call.method === 'conversations.info') team = sim.state.conversations.get(String(call.params.channel))?.teamId;
    else continue;
    lookups++;
    const token = call.token ? sim.state.token(call.token) : undefined;
    if (!token || token.kind !== 'bot' || token.teamId !== team) crossed++;
  }
  return { lookups, crossed };
}
