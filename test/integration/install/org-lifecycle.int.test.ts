// What happens to an installation after it is made: an Enterprise Grid admin grants the org-wide
// install a workspace (team_access_granted) and takes one away (team_access_revoked), a
// workspace uninstalls the app, and an admin lists and removes workspaces with the CLI. The
// installs are made through the whole OAuth flow (test/support/multi-workspace.ts), on SQLite
// and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUninstalled, messageEvent } from '../../../src/simulator/factories';
import { startHarness, type Harness } from '../../support/app-harness';
import { installThroughOAuth } from '../../support/oauth-install';
import { cli } from '../../support/cli-runner';
import { DATABASE_KINDS } from '../../support/databases';
import { eventually } from '../../support/eventually';
import { A, APP_ID, B, C1, C2, C3, envelopeFor, installAll, inviteBot, ORG, orgEnvelope, seedSlack, slashFor, type Installed, type SeedWorkspace } from '../../support/multi-workspace';

describe.each(DATABASE_KINDS)('an installation’s life after the install (%s)', (kind) => {
  let h: Harness;
  let installed: Installed;
  let env: Record<string, string>;
  let sent = 0;

  beforeAll(async () => {
    h = await startHarness({ kind, oauth: true });
    seedSlack(h.sim);
    installed = await installAll(h);
    env = { DATABASE_URL: h.database.url, SLACK_API_URL: h.sim.apiUrl };
  });
  afterAll(async () => {
    await h?.close();
  });

  /** A message by the workspace's first member in its #general, as Slack delivers it to the app's installation there. */
  async function post(ws: SeedWorkspace, words: string): Promise<{ status: number; eventId: string; text: string }> {
    const text = `${ws.marker}: ${words} (${++sent})`;
    const body = envelopeFor(ws, messageEvent({ channel: ws.general.id, channel_type: 'channel', team: ws.id, user: ws.members[0].id, text }), installed.of(ws).botUserId);
    const answer = await h.event(body);
    return { status: answer.status, eventId: body.event_id, text };
  }
  const storedIn = (ws: SeedWorkspace) => h.app.store.db.activity.count({ where: { workspaceId: ws.id } });
  const deadLetterFor = (eventId: string) => h.app.store.db.deadLetter.findMany({ where: { payload: { contains: eventId } } });

  it('a workspace granted to the org-wide install later is collected at once, under its own id and name, with the org’s token', async () => {
    expect(await h.app.store.workspaces.get(C3.id)).toBeNull();
    h.sim.state.oauth.setOrgWorkspaces(APP_ID, ORG.id, [C1.id, C2.id, C3.id]);
    const granted = await h.event(orgEnvelope(ORG.id, { type: 'team_access_granted', team_ids: [C3.id], event_ts: `${Date.now() / 1000}` }, installed.of(C1).botUserId));
    expect(granted.status, granted.text).toBe(200);
    const workspace = await h.app.store.workspaces.get(C3.id);
    expect(workspace).toMatchObject({ id: C3.id, name: C3.name, enterpriseId: ORG.id, revokedAt: null });

    inviteBot(h.sim, C3, installed.of(C3));
    h.sim.clearCalls();
    const message = await post(C3, 'first words in the new workspace');
    expect(message.status).toBe(200);
    expect(await storedIn(C3)).toBe(1);
    const stored = await h.app.store.db.activity.findFirstOrThrow({ where: { workspaceId: C3.id } });
    expect(stored.searchText).toContain(C3.marker);
    // Its labels were looked up with the organisation's installation token.
    await eventually(() => expect(h.sim.callsTo('users.info').length).toBeGreaterThan(0));
    for (const call of h.sim.calls) expect(call.token, call.method).toBe(installed.of(C3).botToken);
  });

  it('a workspace taken from the org-wide install stops being collected (dead letters, no Web API call); granted again, it resumes with its history', async () => {
    expect((await post(C2, 'before the revoke')).status).toBe(200);
    const history = await storedIn(C2);
    expect(history).toBeGreaterThan(0);

    h.sim.state.oauth.setOrgWorkspaces(APP_ID, ORG.id, [C1.id, C3.id]);
    const revoked = await h.event(orgEnvelope(ORG.id, { type: 'team_access_revoked', team_ids: [C2.id], event_ts: `${Date.now() / 1000}` }, installed.of(C1).botUserId));
    expect(revoked.status, revoked.text).toBe(200);
    expect((await h.app.store.workspaces.get(C2.id))?.revokedAt).toBeInstanceOf(Date);

    h.sim.clearCalls();
    const late = await post(C2, 'a late event after the revoke');
    expect(late.status).toBe(200);
    expect((await deadLetterFor(late.eventId))[0]?.reason).toContain('not installed');
    expect(await storedIn(C2)).toBe(history);
    // /activity there answers "not installed" and shows nothing.
    const responseUrl = h.sim.newResponseUrl();
    const slash = await h.slash(slashFor(C2, C2.members[0], '', responseUrl));
    expect(slash.text).toContain('not installed in this workspace');
    expect(slash.text).not.toContain(C2.marker);
    // C1, in the same organisation, goes on.
    const c1Before = await storedIn(C1);
    expect((await post(C1, 'still here')).status).toBe(200);
    expect(await storedIn(C1)).toBe(c1Before + 1);
    expect(h.sim.calls.filter((c) => JSON.stringify(c.params).includes(C2.id) || JSON.stringify(c.params).includes(C2.general.id))).toEqual([]);

    h.sim.state.oauth.setOrgWorkspaces(APP_ID, ORG.id, [C1.id, C2.id, C3.id]);
    const regranted = await h.event(orgEnvelope(ORG.id, { type: 'team_access_granted', team_ids: [C2.id], event_ts: `${Date.now() / 1000}` }, installed.of(C1).botUserId));
    expect(regranted.status).toBe(200);
    expect((await h.app.store.workspaces.get(C2.id))?.revokedAt).toBeNull();
    expect((await post(C2, 'back in the organisation')).status).toBe(200);
    expect(await storedIn(C2)).toBe(history + 1);
  });

  it('an organisation uninstalled and installed again collects from its workspaces again, on every replica, even when auth.teams.list fails', async () => {
    const orgBot = installed.of(C1).botUserId;
    const uninstalled = await h.event(orgEnvelope(ORG.id, appUninstalled(), orgBot));
    expect(uninstalled.status).toBe(200);
    expect((await h.app.store.workspaces.get(C1.id))?.revokedAt).toBeInstanceOf(Date);
    const during = await post(C1, 'while the organisation is uninstalled');
    expect((await deadLetterFor(during.eventId))[0]?.reason).toContain('not installed');

    // Reinstalled while auth.teams.list fails: the organisation's workspaces known here are its own again.
    h.sim.failNext('auth.teams.list', 'internal_error');
    expect((await installThroughOAuth(h, { enterpriseId: ORG.id, installerUserId: C1.members[0].id })).status).toBe(200);
    expect((await h.app.store.workspaces.get(C1.id))?.revokedAt).toBeNull();
    const reinstalled = (await h.app.store.installations.get(ORG.id))!;
    installed.rows.set(ORG.id, reinstalled);

    // A second replica starts now: it reads the workspaces' revoked marks, older than the reinstall.
    const replica = await startHarness({ kind, oauth: true, sim: h.sim, database: h.database });
    try {
      for (const target of [h, replica]) {
        const before = await storedIn(C1);
        const text = `${C1.marker}: back after the reinstall (${++sent})`;
        const body = envelopeFor(C1, messageEvent({ channel: C1.general.id, channel_type: 'channel', team: C1.id, user: C1.members[0].id, text }), reinstalled.botUserId);
        expect((await target.event(body)).status).toBe(200);
        expect(await deadLetterFor(body.event_id)).toEqual([]);
        expect(await storedIn(C1)).toBe(before + 1);
      }
    } finally {
      await replica.stopApp();
    }
  });

  it('workspaces list shows each workspace, how it is installed, and which the app was uninstalled from', async () => {
    expect((await post(B, 'before uninstalling')).status).toBe(200);
    const uninstall = await h.event(envelopeFor(B, appUninstalled(), installed.of(B).botUserId));
    expect(uninstall.status).toBe(200);

    const listed = await cli(['workspaces', 'list', '--json'], env);
    expect(listed.code, listed.stderr).toBe(0);
    const rows = JSON.parse(listed.stdout) as { id: string; name: string; installation: string; revoked_at: string | null; activities: number }[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect([...byId.keys()].sort()).toEqual([A.id, B.id, C1.id, C2.id, C3.id].sort());
    expect(byId.get(A.id)).toMatchObject({ name: A.name, installation: 'workspace install', revoked_at: null });
    expect(byId.get(B.id)).toMatchObject({ installation: 'workspace install (revoked)' });
    expect(byId.get(B.id)!.revoked_at).not.toBeNull();
    expect(byId.get(C1.id)).toMatchObject({ installation: `org-wide ${ORG.id}`, revoked_at: null });
    expect(byId.get(B.id)!.activities).toBe(await storedIn(B));

    const table = await cli(['workspaces', 'list'], env);
    expect(table.stdout).toMatch(new RegExp(`${B.id}\\s+${B.name}\\s+workspace install \\(revoked\\)\\s+uninstalled \\d{4}-\\d\\d-\\d\\d`));
    expect(table.stdout).toMatch(new RegExp(`${A.id}\\s+${A.name}\\s+workspace install\\s+collecting`));
  });

  it('workspaces remove says exactly what it deletes, deletes only with --yes, and touches no other workspace', async () => {
    const db = h.app.store.db;
    const others = async () => Promise.all([A, C1, C2, C3].map(async (ws) => [await storedIn(ws), await db.member.count({ where: { workspaceId: ws.id } }), await db.channel.count({ where: { workspaceId: ws.id } })]));
    const othersBefore = await others();
    const key = await cli(['keys', 'create', '--workspace', B.id, '--name', 'B site', '--scopes', 'all'], env);
    expect(key.code, key.stderr).toBe(0);

    // Still installed: refused unless forced.
    const installedOne = await cli(['workspaces', 'remove', A.id, '--yes'], env);
    expect(installedOne.code).not.toBe(0);
    expect(installedOne.stderr).toContain(`${A.id} is still installed`);
    expect(await storedIn(A)).toBe(othersBefore[0]![0]);

    const activities = await storedIn(B);
    const members = await db.member.count({ where: { workspaceId: B.id } });
    const channels = await db.channel.count({ where: { workspaceId: B.id } });
    const dry = await cli(['workspaces', 'remove', B.id], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toContain(`Removing ${B.name} (${B.id}) would delete: ${activities} activities, ${members} members, ${channels} channels, 1 API keys`);
    expect(dry.stderr).toContain('its installation (bot token)');
    expect(dry.stderr).toContain('Run again with --yes to delete.');
    expect(await storedIn(B)).toBe(activities);

    const removed = await cli(['workspaces', 'remove', B.id, '--yes'], env);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stderr).toContain(`Removed ${B.name} (${B.id}): deleted ${activities} activities`);
    for (const table of ['activity', 'member', 'channel', 'apiKey', 'idempotencyRecord', 'deadLetter'] as const) {
      expect(await (db[table] as unknown as { count(a: object): Promise<number> }).count({ where: { workspaceId: B.id } }), table).toBe(0);
    }
    expect(await h.app.store.installations.get(B.id)).toBeNull();
    expect(await h.app.store.workspaces.get(B.id)).toBeNull();
    expect(await others()).toEqual(othersBefore);

    const organisation = await cli(['workspaces', 'remove', ORG.id, '--yes'], env);
    expect(organisation.code).not.toBe(0);
    expect(organisation.stderr).toContain(`${ORG.id} is not a workspace id (T…)`);
    expect(await h.app.store.installations.get(ORG.id)).not.toBeNull();

    const again = await cli(['workspaces', 'remove', B.id, '--yes'], env);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(`no workspace ${B.id} in this database`);
  });
});
