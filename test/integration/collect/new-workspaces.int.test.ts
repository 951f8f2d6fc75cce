// The first events of a workspace the app has never seen arrive together: an org-wide install
// granted new workspaces (their events can come before team_access_granted is handled, or
// when auth.teams.list could not list them), or Slack catching up. They all find no
// workspace, channel or member row and all try to create the same ones. Every event must
// still be stored (one workspace row, one channel row, one member row each), never a 500 that
// Slack would retry until it gives up.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventCallback, messageEvent, reactionAdded } from '../../../src/simulator/factories';
import { startHarness, type Harness } from '../../support/app-harness';
import { installThroughOAuth } from '../../support/oauth-install';
import { DATABASE_KINDS } from '../../support/databases';

const TEAMS = 10;
const IN_FLIGHT = 32;

describe.each(DATABASE_KINDS)('the first events of new workspaces, all at once (%s)', (kind) => {
  let h: Harness;

  const ENTERPRISE = 'E0NEWORG';

  beforeAll(async () => {
    h = await startHarness({ kind, oauth: true });
    // Installed org-wide while the organisation had no workspace granted yet.
    h.sim.state.oauth.setOrgWorkspaces('A0TESTAPP', ENTERPRISE, []);
    h.sim.state.addUser({ id: 'W0ORGADMIN', team_id: 'T0TESTTEAM', name: 'admin' });
    expect((await installThroughOAuth(h, { enterpriseId: ENTERPRISE, installerUserId: 'W0ORGADMIN' })).status).toBe(200);
  });
  afterAll(async () => {
    await h?.close();
  });

  it(`${TEAMS} new teams with ${IN_FLIGHT} events in flight each: no 5xx, one workspace, channel and member row each`, async () => {
    const run = randomBytes(3).toString('hex').toUpperCase();
    const teams = Array.from({ length: TEAMS }, (_, i) => `T0NEW${run}${i}`);
    for (const [i, team] of teams.entries()) h.sim.state.addTeam({ id: team, name: `New ${i}`, domain: `new-${i}`, enterprise_id: ENTERPRISE, enterprise_name: 'New Org' });
    h.sim.state.oauth.setOrgWorkspaces('A0TESTAPP', ENTERPRISE, teams);
    const bodies = teams.flatMap((team) =>
      Array.from({ length: IN_FLIGHT }, (_, i) => {
        // Messages and reactions by two members, in a channel nobody has stored yet.
        const user = i % 2 ? 'U0FIRST' : 'U0SECOND';
        const event =
          i % 3 === 2
            ? reactionAdded({ channel: 'C0BRANDNEW', ts: `1790000000.${String(i).padStart(6, '0')}`, user: 'U0FIRST' }, { user })
            : messageEvent({ channel: 'C0BRANDNEW', user, text: `hello ${i}`, team });
        return eventCallback(event, {
          team_id: team,
          enterprise_id: ENTERPRISE,
          authorizations: [{ enterprise_id: ENTERPRISE, team_id: null, user_id: 'W0BOT', is_bot: true, is_enterprise_install: true }],
        } as never);
      }),
    );
    const answers = await Promise.all(bodies.map((body) => h.event(body)));
    const failed = answers.filter((a) => a.status >= 500).map((a) => `${a.status} ${a.text.slice(0, 200)}`);
    expect(failed).toEqual([]);
    expect(answers.every((a) => a.status === 200)).toBe(true);

    const db = h.app.store.db;
    expect(await db.workspace.count({ where: { id: { in: teams }, enterpriseId: ENTERPRISE } })).toBe(TEAMS);
    for (const team of teams) {
      expect(await db.channel.count({ where: { workspaceId: team } })).toBe(1);
      expect(await db.member.count({ where: { workspaceId: team } })).toBe(2);
      expect(await db.activity.count({ where: { workspaceId: team } })).toBe(IN_FLIGHT);
    }
    // 320 events at once: on a busy 2-core machine that takes a while.
  }, 120_000);
});
