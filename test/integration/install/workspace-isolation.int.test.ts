// Isolation, proven: three installs made through the whole OAuth flow (workspace A, workspace B,
// and an org-wide install over the Enterprise Grid workspaces C1 and C2), the same kind of
// traffic sent to each, then every surface read as a member (or admin) of each: /activity, the
// App Home tab, API keys bound to each workspace, the CLI's --workspace. Nothing of one
// workspace may show in another's (each workspace's texts carry its own marker word, and its
// ids and names are checked too), private channels show only to their members, payloads for a
// workspace that is not installed are kept as dead letters, and every Web API call the app made
// used the token of the installation of the workspace it was about. On SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageEvent, staticSelectAction } from '../../../src/simulator/factories';
import type { ApiCall } from '../../../src/simulator/web-api-server';
import { slackMemberId } from '../../../src/store/ids';
import type { HomeView } from '../../../src/ui/blocks/kit';
import { HOME_ACTIONS } from '../../../src/ui/blocks/home-view';
import { mrkdwnToPlain } from '../../../src/ui/sentences';
import { startHarness, type Harness } from '../../support/app-harness';
import { cli } from '../../support/cli-runner';
import { DATABASE_KINDS } from '../../support/databases';
import { eventually } from '../../support/eventually';
import {
  A,
  auditCalls,
  B,
  C1,
  C2,
  envelopeFor,
  foreignIds,
  foreignMarkers,
  GAMMA,
  homeClickFor,
  homeOpenedFor,
  installAll,
  ORG,
  SAM,
  SAM_WORKSPACES,
  seedSlack,
  sendTraffic,
  slashFor,
  wrongTokenCalls,
  type Installed,
  type SeedMember,
  type SeedWorkspace,
  type Traffic,
} from '../../support/multi-workspace';

const INSTALLED = [A, B, C1, C2];

interface Answer {
  response_type?: string;
  text: string;
  blocks: { type: string; text?: { text: string } }[];
}

/** The activity rows of an /activity answer or a Home view, as plain sentences. */
function rows(message: { blocks: { type: string; text?: { text: string } }[] }): string[] {
  return message.blocks.filter((b) => b.type === 'section' && /\n<!date\^/.test(b.text?.text ?? '')).map((b) => mrkdwnToPlain(b.text!.text.split('\n')[0] ?? ''));
}

/** The members of a workspace who browse it: its two, and Sam in C1 and C2. */
const browsers = (ws: SeedWorkspace): SeedMember[] => [...ws.members, ...(SAM_WORKSPACES.includes(ws) ? [SAM] : [])];

/** Fails with the offending strings when `text` holds another workspace's marker, id, name or domain. */
function expectNothingForeign(ws: SeedWorkspace, text: string, what: string): void {
  expect(foreignMarkers(ws).filter((m) => text.includes(m)), `${what}: other workspaces' texts`).toEqual([]);
  expect(foreignIds(ws).filter((id) => text.includes(id)), `${what}: other workspaces' ids and names`).toEqual([]);
}

describe.each(DATABASE_KINDS)('isolation between installed workspaces (%s)', (kind) => {
  let h: Harness;
  let installed: Installed;
  let cliEnv: Record<string, string>;
  const traffic = new Map<SeedWorkspace, Traffic>();
  /** API key secrets made with the CLI, one per workspace. */
  const keys = new Map<SeedWorkspace, string>();

  beforeAll(async () => {
    h = await startHarness({ kind, oauth: true });
    seedSlack(h.sim);
    installed = await installAll(h);
    cliEnv = { DATABASE_URL: h.database.url, SLACK_API_URL: h.sim.apiUrl };
    // An admin of each workspace opts its private channel in (checked with Slack through that workspace's installation).
    for (const ws of INSTALLED) {
      const opted = await cli(['channels', 'collect', ws.private.id, 'on', '--workspace', ws.id], cliEnv);
      expect(opted.code, opted.stderr).toBe(0);
      expect(opted.stderr).toContain(`#${ws.private.name} (${ws.private.id}, private): collected (opted in).`);
    }
    for (const ws of INSTALLED) traffic.set(ws, await sendTraffic(h, ws, installed.of(ws).botUserId));
    // Labels came from Slack within each event's budget, or from the label filler soon after.
    await eventually(async () => expect(await h.app.store.db.activity.count({ where: { labelsPending: true } })).toBe(0), 15_000);
    for (const ws of INSTALLED) {
      const created = await cli(['keys', 'create', '--workspace', ws.id, '--name', `${ws.key} community site`, '--scopes', 'all'], cliEnv);
      expect(created.code, created.stderr).toBe(0);
      keys.set(ws, created.stdout.trim());
    }
  });

  afterAll(async () => {
    await h?.close();
  });

  const api = async (ws: SeedWorkspace, path: string) => {
    const res = await h.api(`/api/v1${path}`, { token: keys.get(ws)! });
    return { status: res.status, text: await res.text(), type: res.headers.get('content-type') ?? '' };
  };
  const apiJson = async <T>(ws: SeedWorkspace, path: string): Promise<T> => {
    const res = await api(ws, path);
    expect(res.status, `${path}: ${res.text}`).toBe(200);
    return JSON.parse(res.text) as T;
  };

  /** /activity as `who` in `ws`: the answer posted to the response_url. */
  async function activity(ws: SeedWorkspace, who: SeedMember, text = ''): Promise<Answer> {
    const responseUrl = h.sim.newResponseUrl();
    const delivery = await h.slash(slashFor(ws, who, text, responseUrl));
    expect(delivery.status, delivery.text).toBe(200);
    const post = await h.sim.waitForResponse(responseUrl, undefined, 10_000);
    return post.body as Answer;
  }

  /** `who` opens the Home tab in `ws` (or clicks in it): the views.publish call that followed, and its view. */
  async function published(who: SeedMember, deliver: () => Promise<{ status: number; text: string }>): Promise<{ call: ApiCall; view: HomeView }> {
    const skip = h.sim.callsTo('views.publish').length;
    const delivery = await deliver();
    expect(delivery.status, delivery.text).toBe(200);
    const call = await h.sim.waitForCall('views.publish', (c) => c.params.user_id === who.id && h.sim.callsTo('views.publish').indexOf(c) >= skip, 10_000);
    expect(call.response?.ok, JSON.stringify(call.response)).toBe(true);
    const view = (typeof call.params.view === 'string' ? JSON.parse(call.params.view) : call.params.view) as HomeView;
    return { call, view };
  }

  it('records each install as made: two workspace installs and one org-wide install whose workspaces are C1 and C2, never the organisation', async () => {
    expect(installed.of(A)).toMatchObject({ id: A.id, teamId: A.id, isEnterpriseInstall: false, installerUserId: A.members[0].id });
    expect(installed.of(B)).toMatchObject({ id: B.id, teamId: B.id, isEnterpriseInstall: false });
    expect(installed.of(C1)).toMatchObject({ id: ORG.id, teamId: null, enterpriseId: ORG.id, isEnterpriseInstall: true, installerUserId: C1.members[0].id });
    expect(installed.of(C2)).toBe(installed.of(C1));
    const tokens = new Set([A, B, C1].map((ws) => installed.of(ws).botToken));
    expect(tokens.size).toBe(3);

    const workspaces = await h.app.store.workspaces.list();
    expect(workspaces.map((w) => w.id).sort()).toEqual(INSTALLED.map((ws) => ws.id).sort());
    for (const ws of INSTALLED) {
      expect(workspaces.find((w) => w.id === ws.id)).toMatchObject({ name: ws.name, enterpriseId: ws.enterpriseId ?? null, revokedAt: null });
    }
  });

  it('stores every activity, member and channel under the workspace where it happened', async () => {
    const db = h.app.store.db;
    const all = await db.activity.findMany({ include: { initiator: true, recipient: true } });
    expect(all.length).toBe(INSTALLED.reduce((n, ws) => n + traffic.get(ws)!.activities, 0));
    for (const ws of INSTALLED) {
      const own = all.filter((a) => a.workspaceId === ws.id);
      expect(own.length, ws.key).toBe(traffic.get(ws)!.activities);
      for (const a of own) {
        const text = JSON.stringify(a.metadata);
        expectNothingForeign(ws, text, `${ws.key} activity ${a.type}`);
        // Members are the workspace's own rows; labels came through this workspace's installation.
        for (const m of [a.initiator, a.recipient]) if (m) expect(m.workspaceId, `${ws.key} ${a.type}`).toBe(ws.id);
        expect(a.metadata, `${ws.key} ${a.type}`).toMatchObject({ channel_name: a.channelId === ws.private.id ? ws.private.name : ws.general.name });
        expect((a.metadata as { initiator_name?: string }).initiator_name, `${ws.key} ${a.type}`).toBeTruthy();
      }
      for (const key of traffic.get(ws)!.messageKeys) expect(await h.app.store.activityReads.findBySourceKey(ws.id, key), `${ws.key} ${key}`).toBeTruthy();
      const members = await db.member.findMany({ where: { workspaceId: ws.id } });
      expect(members.map((m) => m.slackUserId).sort()).toEqual(browsers(ws).map((m) => m.id).sort());
      for (const m of members) {
        const seeded = browsers(ws).find((b) => b.id === m.slackUserId)!;
        expect(m.displayName).toBe(seeded.displayName);
      }
      const channels = await db.channel.findMany({ where: { workspaceId: ws.id } });
      expect(channels.map((c) => c.slackChannelId).sort()).toEqual([ws.general.id, ws.private.id].sort());
    }
    // Nothing at all under the organisation's id, or a workspace that is not installed.
    for (const id of [ORG.id, GAMMA.id]) {
      expect(await db.activity.count({ where: { workspaceId: id } })).toBe(0);
      expect(await db.member.count({ where: { workspaceId: id } })).toBe(0);
      expect(await db.channel.count({ where: { workspaceId: id } })).toBe(0);
    }
  });

  it('/activity shows each member only their workspace’s activity, private-channel rows only when they are in the channel', async () => {
    for (const ws of INSTALLED) {
      const sent = traffic.get(ws)!;
      for (const who of browsers(ws)) {
        const answer = await activity(ws, who);
        const text = JSON.stringify(answer);
        const label = `${ws.key} as ${who.displayName}`;
        expect(answer.response_type, label).toBe('ephemeral');
        expect(rows(answer), label).toHaveLength(sent.visibleTo(who.id));
        for (const line of sent.publicTexts) expect(text, label).toContain(line.slice(ws.marker.length + 2));
        const inPrivate = who.id === ws.members[0].id;
        expect(text.includes(`${ws.marker} whisper`), `${label}: the private channel`).toBe(inPrivate);
        expectNothingForeign(ws, text, label);

        const stats = JSON.stringify(await activity(ws, who, 'stats'));
        expectNothingForeign(ws, stats, `${label}, stats`);
      }
    }
  });

  it('/activity reads typed names in the asker’s workspace: “@Ana #general” is their own Ana and #general, though others have one', async () => {
    for (const ws of [A, B, C1]) {
      const ana = ws.members[0];
      const answer = await activity(ws, ws.members[1], '@Ana #general');
      const expected = await apiJson<{ activities: unknown[] }>(ws, `/activities?member=${ana.id}&channel=${ws.general.id}`);
      expect(expected.activities.length, ws.key).toBeGreaterThan(0);
      expect(rows(answer), ws.key).toHaveLength(expected.activities.length);
      expectNothingForeign(ws, JSON.stringify(answer), `${ws.key} @Ana`);
    }
    // C2 has no Ana: the three elsewhere are not hers to pick from.
    const none = JSON.stringify(await activity(C2, C2.members[0], '@Ana'));
    expect(none).toContain("I don't know a member called @Ana");
  });

  it('App Home shows each member only their workspace, published with that workspace’s installation token', async () => {
    for (const ws of INSTALLED) {
      const sent = traffic.get(ws)!;
      const installation = installed.of(ws);
      for (const who of browsers(ws)) {
        const label = `${ws.key} Home of ${who.displayName}`;
        const { call, view } = await published(who, () => h.event(homeOpenedFor(ws, who, installation.botUserId)));
        expect(call.token, label).toBe(installation.botToken);
        const text = JSON.stringify(view.blocks);
        expect(rows(view), label).toHaveLength(sent.visibleTo(who.id));
        expect(text, label).toContain(`*${sent.visibleTo(who.id)} activities* in the last 7 days`);
        expect(text.includes(`${ws.marker} whisper`), `${label}: the private channel`).toBe(who.id === ws.members[0].id);
        expectNothingForeign(ws, text, label);
        // The view Slack holds for the member in this workspace is this one. (Sam's home workspace is
        // C1: the simulator files an org member's Home under it, whichever workspace it was opened in.)
        if (who !== SAM) expect(JSON.stringify(h.sim.state.publishedView(who.id, ws.id)?.blocks), label).toContain(ws.marker);
      }
    }
  });

  it('a click in the Home tab re-publishes it for the member’s own workspace, with its installation’s token', async () => {
    for (const ws of INSTALLED) {
      const who = ws.members[0];
      const installation = installed.of(ws);
      await published(who, () => h.event(homeOpenedFor(ws, who, installation.botUserId)));
      const current = h.sim.state.publishedView(who.id, ws.id);
      expect(current, ws.key).toBeDefined();
      const { call, view } = await published(who, () =>
        h.interaction(homeClickFor(ws, who, staticSelectAction('slack_message.created', { action_id: HOME_ACTIONS.type }), current)),
      );
      expect(call.token, ws.key).toBe(installation.botToken);
      const messages = traffic.get(ws)!.publicTexts.length - 1 + traffic.get(ws)!.privateTexts.length; // the reply is not a top-level message
      expect(rows(view), ws.key).toHaveLength(messages);
      expectNothingForeign(ws, JSON.stringify(view.blocks), `${ws.key} Home after a click`);
    }
    // An org-wide install's view names the organisation as the installed team: it is not a workspace.
    expect((await h.app.store.workspaces.list()).map((w) => w.id).sort()).toEqual(INSTALLED.map((ws) => ws.id).sort());
  });

  it('API keys made with the CLI for a workspace read only that workspace: list, get, export, stats, members', async () => {
    const idsOf = new Map<SeedWorkspace, string[]>();
    for (const ws of INSTALLED) {
      const list = await apiJson<{ activities: { id: string; workspace_id: string }[] }>(ws, '/activities?limit=200');
      expect(list.activities.length, ws.key).toBe(traffic.get(ws)!.activities);
      expect(new Set(list.activities.map((a) => a.workspace_id)), ws.key).toEqual(new Set([ws.id]));
      expectNothingForeign(ws, JSON.stringify(list), `${ws.key} list`);
      idsOf.set(ws, list.activities.map((a) => a.id));
    }
    for (const ws of INSTALLED) {
      expect((await api(ws, `/activities/${idsOf.get(ws)![0]}`)).status, ws.key).toBe(200);
      for (const other of INSTALLED.filter((o) => o !== ws)) {
        for (const id of idsOf.get(other)!) {
          const res = await api(ws, `/activities/${id}`);
          expect(res.status, `${ws.key}'s key, ${other.key}'s activity ${id}`).toBe(404);
          expect(res.text).not.toContain(other.marker);
        }
        // Filters naming another workspace's member or channel find nothing.
        for (const filter of [`member=${other.members[0].id}`, `member=${slackMemberId(other.id, other.members[0].id)}`, `channel=${other.general.id}`, `q=${other.marker}`]) {
          const found = await apiJson<{ activities: unknown[] }>(ws, `/activities?${filter}`);
          expect(found.activities, `${ws.key}'s key, ${filter}`).toEqual([]);
        }
      }
    }
  });

  it('exports (NDJSON and CSV) and stats through a workspace’s key hold that workspace only', async () => {
    for (const ws of INSTALLED) {
      const expected = traffic.get(ws)!.activities;
      const ndjson = await api(ws, '/export?format=ndjson');
      expect(ndjson.status).toBe(200);
      const lines = ndjson.text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { workspace_id: string });
      expect(lines.length, ws.key).toBe(expected);
      expect(new Set(lines.map((l) => l.workspace_id))).toEqual(new Set([ws.id]));
      expectNothingForeign(ws, ndjson.text, `${ws.key} NDJSON export`);

      const csv = await api(ws, '/export?format=csv');
      expect(csv.status).toBe(200);
      const [header, ...records] = csv.text.split('\r\n').filter(Boolean);
      expect(header!.split(',')[1]).toBe('workspace_id');
      expect(records.length, ws.key).toBe(expected);
      expect(new Set(records.map((r) => r.split(',')[1]))).toEqual(new Set([ws.id]));
      expectNothingForeign(ws, csv.text, `${ws.key} CSV export`);

      const stats = await apiJson<{ total: number; top_members: { member: { slack_user_id: string | null } }[]; top_channels: { channel_id: string }[] }>(ws, '/stats');
      expect(stats.total, ws.key).toBe(expected);
      expect(stats.top_members.map((m) => m.member.slack_user_id).every((id) => browsers(ws).some((b) => b.id === id))).toBe(true);
      expect(stats.top_channels.map((c) => c.channel_id).sort()).toEqual([ws.general.id, ws.private.id].sort());
      expectNothingForeign(ws, JSON.stringify(stats), `${ws.key} stats`);
    }
  });

  it('members through a workspace’s key: its own only; another workspace’s member is 404, by Slack id or member id', async () => {
    for (const ws of INSTALLED) {
      const list = await apiJson<{ members: { id: string; workspace_id: string; slack_user_id: string }[] }>(ws, '/members?limit=500');
      expect(list.members.map((m) => m.slack_user_id).sort(), ws.key).toEqual(browsers(ws).map((m) => m.id).sort());
      expect(new Set(list.members.map((m) => m.workspace_id))).toEqual(new Set([ws.id]));
      // Three workspaces have an "Ana": a search finds this workspace's, if it has one.
      const anas = await apiJson<{ members: { slack_user_id: string }[] }>(ws, '/members?q=Ana');
      expect(anas.members.map((m) => m.slack_user_id)).toEqual(ws.members.filter((m) => m.displayName === 'Ana').map((m) => m.id));

      const own = await apiJson<{ counts: { initiated: number }; recent_activities: { workspace_id: string }[] }>(ws, `/members/${ws.members[0].id}`);
      expect(own.counts.initiated).toBeGreaterThan(0);
      expect(new Set(own.recent_activities.map((a) => a.workspace_id))).toEqual(new Set([ws.id]));
      for (const other of INSTALLED.filter((o) => o !== ws)) {
        for (const m of other.members) {
          expect((await api(ws, `/members/${m.id}`)).status, `${ws.key}'s key, ${other.key}'s ${m.displayName}`).toBe(404);
          expect((await api(ws, `/members/${slackMemberId(other.id, m.id)}`)).status, `${ws.key}'s key, ${other.key}'s ${m.displayName} by member id`).toBe(404);
        }
      }
    }
    // Sam is one person in two workspaces: each workspace's key sees only what he did there.
    for (const ws of SAM_WORKSPACES) {
      const sam = await apiJson<{ workspace_id: string; counts: { initiated: number }; recent_activities: { metadata: unknown }[] }>(ws, `/members/${SAM.id}`);
      expect(sam).toMatchObject({ workspace_id: ws.id, counts: { initiated: 1 } });
      expect(JSON.stringify(sam.recent_activities)).toContain(`${ws.marker}: Sam checks in`);
      expectNothingForeign(ws, JSON.stringify(sam), `${ws.key} Sam`);
    }
  });

  it('the CLI’s --workspace touches that workspace only; without it, a database of several workspaces is refused with their list', async () => {
    for (const ws of INSTALLED) {
      const exported = await cli(['export', '--workspace', ws.id, '--format', 'ndjson', '--quiet'], cliEnv);
      expect(exported.code, exported.stderr).toBe(0);
      const lines = exported.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { workspace_id: string });
      expect(lines.length, ws.key).toBe(traffic.get(ws)!.activities);
      expect(new Set(lines.map((l) => l.workspace_id))).toEqual(new Set([ws.id]));
      expectNothingForeign(ws, exported.stdout, `${ws.key} CLI export`);

      const channels = await cli(['channels', 'list', '--workspace', ws.id, '--json'], cliEnv);
      expect(channels.code, channels.stderr).toBe(0);
      const listed = JSON.parse(channels.stdout) as { id: string; is_collected: boolean }[];
      expect(listed.map((c) => c.id).sort()).toEqual([ws.general.id, ws.private.id].sort());
      expect(listed.every((c) => c.is_collected)).toBe(true);

      const keyList = await cli(['keys', 'list', '--workspace', ws.id, '--json'], cliEnv);
      expect(keyList.code, keyList.stderr).toBe(0);
      const ownKeys = JSON.parse(keyList.stdout) as { workspace_id: string; name: string; prefix: string }[];
      expect(ownKeys.map((k) => [k.workspace_id, k.name])).toEqual([[ws.id, `${ws.key} community site`]]);
      expect(keys.get(ws)!.startsWith(ownKeys[0]!.prefix)).toBe(true);
    }

    // Another workspace's key cannot be revoked through --workspace A: it keeps working.
    const bKey = keys.get(B)!;
    const prefix = (JSON.parse((await cli(['keys', 'list', '--workspace', B.id, '--json'], cliEnv)).stdout) as { prefix: string }[])[0]!.prefix;
    const revoke = await cli(['keys', 'revoke', prefix, '--workspace', A.id], cliEnv);
    expect(revoke.code).toBe(1);
    expect(revoke.stderr).toContain(`no API key ${prefix} in workspace ${A.id}`);
    expect((await h.api('/api/v1/activities?limit=1', { token: bKey })).status).toBe(200);

    for (const args of [['export', '--format', 'ndjson'], ['channels', 'list'], ['keys', 'list'], ['keys', 'create', '--name', 'x', '--scopes', 'all']]) {
      const refused = await cli(args, cliEnv);
      expect(refused.code, args.join(' ')).toBe(2);
      expect(refused.stdout, args.join(' ')).toBe('');
      expect(refused.stderr).toContain('pass --workspace');
      for (const ws of INSTALLED) expect(refused.stderr, `${args.join(' ')} names ${ws.key}`).toContain(ws.id);
    }
    expect(await h.app.store.db.apiKey.count()).toBe(INSTALLED.length);
  });

  it('an event for a workspace that is not installed is answered 200 and kept as a dead letter, stored under no workspace', async () => {
    const db = h.app.store.db;
    const before = await db.activity.count();
    const callsBefore = h.sim.calls.length;
    const where = { channel: GAMMA.general.id, channel_type: 'channel' as const, team: GAMMA.id, user: GAMMA.members[0].id };
    const cases = [
      // Its own install would name it in authorizations, as for A and B.
      { what: 'a workspace install', body: envelopeFor(GAMMA, messageEvent({ ...where, text: `${GAMMA.marker}: one` })) },
      // An org-wide install of an organisation that never installed the app.
      { what: 'an org-wide install', body: envelopeFor({ ...GAMMA, enterpriseId: 'E0NOTINSTALLED' }, messageEvent({ ...where, text: `${GAMMA.marker}: two` })) },
      // The authorization decides, not the envelope's team_id: this one names A, but was delivered for Gamma.
      { what: 'A named beside Gamma’s authorization', body: { ...envelopeFor(GAMMA, messageEvent({ ...where, text: `${GAMMA.marker}: three` })), team_id: A.id } },
      // The Home tab opened there.
      { what: 'app_home_opened', body: homeOpenedFor(GAMMA, GAMMA.members[0]) },
    ];
    for (const { what, body } of cases) {
      const answer = await h.event(body);
      expect(answer.status, what).toBe(200);
      const kept = await db.deadLetter.findMany({ where: { payload: { contains: (body as { event_id: string }).event_id } } });
      expect(kept, what).toHaveLength(1);
      expect(kept[0]!.reason, what).toContain('not installed');
      expect(kept[0]!.workspaceId, what).not.toBe(A.id);
    }
    expect(await db.activity.count()).toBe(before);
    const all = await db.activity.findMany({ select: { metadata: true } });
    expect(JSON.stringify(all)).not.toContain(GAMMA.marker);
    expect(await db.workspace.count({ where: { id: GAMMA.id } })).toBe(0);
    expect(h.sim.calls.slice(callsBefore)).toEqual([]);
  });

  it('/activity and Home clicks from a workspace that is not installed: “not installed”, no data, no Web API call', async () => {
    const callsBefore = h.sim.calls.length;
    const responseUrl = h.sim.newResponseUrl();
    const answer = await h.slash(slashFor(GAMMA, GAMMA.members[0], '', responseUrl));
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ response_type: 'ephemeral' });
    expect(answer.text).toContain('not installed in this workspace');
    for (const ws of INSTALLED) expect(answer.text).not.toContain(ws.marker);

    const click = await h.interaction(homeClickFor(GAMMA, GAMMA.members[0], staticSelectAction('slack_message.created', { action_id: HOME_ACTIONS.type }), undefined));
    expect(click.status).toBe(200);
    // A later /activity in A is answered: by then anything the Gamma payloads started would have run.
    await activity(A, A.members[0]);
    expect(h.sim.responses(responseUrl)).toEqual([]);
    const gammaCalls = auditCalls(h.sim.calls.slice(callsBefore)).filter((c) => c.about.includes(GAMMA));
    expect(gammaCalls.map((c) => c.call.method)).toEqual([]);
  });

  it('every Web API call the app (and the CLI) made used the token of the installation of the workspace it was about', () => {
    const audited = auditCalls(h.sim.calls);
    expect(wrongTokenCalls(audited)).toEqual([]);
    const failed = audited.filter((c) => c.call.status !== 200 || c.call.response?.ok !== true).map((c) => `${c.call.method} ${JSON.stringify(c.call.params)} → ${JSON.stringify(c.call.response)}`);
    expect(failed).toEqual([]);
    // Not a vacuous audit: every kind of call was made for every installation it applies to.
    const made = new Set(audited.map((c) => `${c.call.method} for ${c.tokenOf}`));
    const expected = [
      ...[A.id, B.id, ORG.id].flatMap((id) => ['users.info', 'conversations.info', 'users.conversations', 'views.publish', 'auth.test'].map((m) => `${m} for ${id}`)),
      `auth.teams.list for ${ORG.id}`,
      // The org's workspaces have no domain on record: their rows link through chat.getPermalink.
      `chat.getPermalink for ${ORG.id}`,
    ];
    expect(expected.filter((e) => !made.has(e))).toEqual([]);
    // An org-wide token says which workspace it asks about: users.conversations names the viewer's.
    for (const c of audited.filter((c) => c.call.method === 'users.conversations' && c.tokenOf === ORG.id)) {
      expect(c.about.length, JSON.stringify(c.call.params)).toBeGreaterThan(0);
    }
  });
});
