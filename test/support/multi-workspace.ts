// A deployment serving several workspaces, seeded in the simulator as Slack would hold them:
// workspace A and workspace B (each its own install), and an Enterprise Grid organisation E whose
// workspaces C1 and C2 share one org-wide install (C3 joins it later; Gamma never installs the
// app). Members and channels are distinct per workspace, yet look alike: an "Ana" and a
// #general and a private #moderators in most of them. Every text sent in a workspace carries
// that workspace's marker word, so an answer that shows another workspace's marker leaked.
//
// Also: the Events API envelope, slash command and interaction shapes Slack uses for each kind
// of install (an org-wide install's events carry `authorizations: [{ enterprise_id: E,
// team_id: null, is_enterprise_install: true }]` with `team_id` the workspace where it happened),
// and an audit of the simulator's call log: which installation's token each Web API call used,
// against the installation of the workspace the call is about.
import { expect } from 'vitest';
import type { InstallationRow } from '../../src/store/repositories/installation-repository';
import {
  appHomeOpened,
  eventCallback,
  homeBlockActions,
  messageEvent,
  reactionAdded,
  slashCommand,
  threadReply,
  type BlockAction,
  type SlackView,
} from '../../src/simulator/factories';
import type { ApiCall, SlackSimulator } from '../../src/simulator/web-api-server';
import type { Harness } from './app-harness';
import { installThroughOAuth } from './oauth-install';

/** The simulated app the harness registers for the OAuth install (app-harness.ts). */
export const APP_ID = 'A0TESTAPP';
export const ORG = { id: 'E0GRIDORG', name: 'Grid Org' } as const;

export interface SeedMember {
  id: string;
  username: string;
  displayName: string;
  realName: string;
}

export interface SeedWorkspace {
  /** How tests name it: A, B, C1 … */
  key: string;
  id: string;
  name: string;
  domain: string;
  /** The organisation, for a workspace of the org-wide install. */
  enterpriseId?: string;
  /** A word in every text sent in this workspace, and in no other workspace's. */
  marker: string;
  /** members[0] is in the private channel, members[1] is not. */
  members: [SeedMember, SeedMember];
  general: { id: string; name: string };
  private: { id: string; name: string };
}

const member = (id: string, username: string, displayName: string, realName: string): SeedMember => ({ id, username, displayName, realName });

export const A: SeedWorkspace = {
  key: 'A',
  id: 'T0ALPHA',
  name: 'Alpha Makers',
  domain: 'alpha-makers',
  marker: 'apricot',
  members: [member('U0ALANA', 'ana.alves', 'Ana', 'Ana Alves'), member('U0ALBO', 'bo.berg', 'Bo', 'Bo Berg')],
  general: { id: 'C0ALGENERAL', name: 'general' },
  private: { id: 'G0ALMODS', name: 'moderators' },
};

export const B: SeedWorkspace = {
  key: 'B',
  id: 'T0BETA',
  name: 'Beta Guild',
  domain: 'beta-guild',
  marker: 'blueberry',
  // Another "Ana" (same display name as A's), and another "Bo".
  members: [member('U0BEANA', 'ana.bianchi', 'Ana', 'Ana Bianchi'), member('U0BEBO', 'bo.brandt', 'Bo', 'Bo Brandt')],
  general: { id: 'C0BEGENERAL', name: 'general' },
  private: { id: 'G0BEMODS', name: 'moderators' },
};

export const C1: SeedWorkspace = {
  key: 'C1',
  id: 'T0GRIDONE',
  name: 'Grid One',
  domain: 'grid-one',
  enterpriseId: ORG.id,
  marker: 'cherry',
  members: [member('W0G1ANA', 'ana.costa', 'Ana', 'Ana Costa'), member('W0G1DEE', 'dee.cruz', 'Dee', 'Dee Cruz')],
  general: { id: 'C0G1GENERAL', name: 'general' },
  private: { id: 'G0G1MODS', name: 'moderators' },
};

export const C2: SeedWorkspace = {
  key: 'C2',
  id: 'T0GRIDTWO',
  name: 'Grid Two',
  domain: 'grid-two',
  enterpriseId: ORG.id,
  marker: 'damson',
  members: [member('W0G2EVE', 'eve.diaz', 'Eve', 'Eve Diaz'), member('W0G2FAY', 'fay.dunn', 'Fay', 'Fay Dunn')],
  general: { id: 'C0G2GENERAL', name: 'general' },
  private: { id: 'G0G2MODS', name: 'moderators' },
};

/** A workspace of the organisation granted to the org-wide install later (team_access_granted). */
export const C3: SeedWorkspace = {
  key: 'C3',
  id: 'T0GRIDTHREE',
  name: 'Grid Three',
  domain: 'grid-three',
  enterpriseId: ORG.id,
  marker: 'elderberry',
  members: [member('W0G3GUS', 'gus.eng', 'Gus', 'Gus Eng'), member('W0G3HAL', 'hal.ess', 'Hal', 'Hal Ess')],
  general: { id: 'C0G3GENERAL', name: 'general' },
  private: { id: 'G0G3MODS', name: 'moderators' },
};

/** A workspace on Slack that never installed the app. */
export const GAMMA: SeedWorkspace = {
  key: 'Gamma',
  id: 'T0GAMMA',
  name: 'Gamma Club',
  domain: 'gamma-club',
  marker: 'guava',
  members: [member('U0GAANA', 'ana.garcia', 'Ana', 'Ana Garcia'), member('U0GAIDA', 'ida.gray', 'Ida', 'Ida Gray')],
  general: { id: 'C0GAGENERAL', name: 'general' },
  private: { id: 'G0GAMODS', name: 'moderators' },
};

/** An organisation member (Enterprise Grid user) in both C1 and C2: one person, two workspaces. */
export const SAM = member('W0GRIDSAM', 'sam.grid', 'Sam', 'Sam Grid');
export const SAM_WORKSPACES = [C1, C2];

export const ALL_WORKSPACES = [A, B, C1, C2, C3, GAMMA];

/** The installation a workspace's payloads are for: its own, or its organisation's. */
export const installationIdOf = (ws: SeedWorkspace): string => ws.enterpriseId ?? ws.id;

/** Puts every workspace, member and channel into the simulator; C1 and C2 are granted to the org's install. */
export function seedSlack(sim: SlackSimulator): void {
  for (const ws of ALL_WORKSPACES) {
    sim.state.addTeam({ id: ws.id, name: ws.name, domain: ws.domain, ...(ws.enterpriseId ? { enterprise_id: ws.enterpriseId, enterprise_name: ORG.name } : {}) });
    for (const m of ws.members) {
      sim.state.addUser({ id: m.id, team_id: ws.id, name: m.username, real_name: m.realName, profile: { display_name: m.displayName, real_name: m.realName } });
    }
    const [inside, outside] = ws.members;
    const sam = SAM_WORKSPACES.includes(ws) ? [SAM.id] : [];
    sim.state.addChannel({ id: ws.general.id, team_id: ws.id, name: ws.general.name, is_private: false, members: [inside.id, outside.id, ...sam] });
    sim.state.addChannel({ id: ws.private.id, team_id: ws.id, name: ws.private.name, is_private: true, members: [inside.id] });
  }
  sim.state.addUser({ id: SAM.id, team_id: C1.id, name: SAM.username, real_name: SAM.realName, profile: { display_name: SAM.displayName, real_name: SAM.realName } });
  sim.state.oauth.setOrgWorkspaces(APP_ID, ORG.id, [C1.id, C2.id]);
}

export interface Installed {
  /** By installation id (a workspace's, or the organisation's). */
  rows: Map<string, InstallationRow>;
  /** The installation (row) a workspace's payloads are for. */
  of(ws: SeedWorkspace): InstallationRow;
}

/** The bot of `row` joins a workspace's channels, as after `/invite @activity` in each. */
export function inviteBot(sim: SlackSimulator, ws: SeedWorkspace, row: InstallationRow): void {
  sim.state.joinChannel(ws.general.id, row.botUserId);
  sim.state.joinChannel(ws.private.id, row.botUserId);
}

/** Installs A and B (each by its own Ana) and the organisation (by C1's Ana) through the OAuth flow; the bots join each workspace's channels. */
export async function installAll(h: Harness): Promise<Installed> {
  for (const [consent, body] of [
    [{ teamId: A.id, installerUserId: A.members[0].id }, `Installed in ${A.name}`],
    [{ teamId: B.id, installerUserId: B.members[0].id }, `Installed in ${B.name}`],
    [{ enterpriseId: ORG.id, installerUserId: C1.members[0].id }, ORG.name],
  ] as const) {
    const page = await installThroughOAuth(h, consent);
    expect(page.status, page.body).toBe(200);
    expect(page.body).toContain(body);
  }
  const rows = new Map<string, InstallationRow>();
  for (const id of [A.id, B.id, ORG.id]) rows.set(id, (await h.app.store.installations.get(id))!);
  const installed: Installed = { rows, of: (ws) => rows.get(installationIdOf(ws))! };
  for (const ws of [A, B, C1, C2]) inviteBot(h.sim, ws, installed.of(ws));
  return installed;
}

type Envelope = ReturnType<typeof eventCallback>;

/**
 * An event as Slack delivers it to the installation of `ws`: for a workspace install the
 * authorization names the workspace; for an org-wide install it names the organisation (team_id
 * null, is_enterprise_install true) and the envelope's team_id is the workspace where it happened.
 */
export function envelopeFor<E extends { type: string }>(ws: SeedWorkspace, event: E, botUserId = 'U0BOTUNKNOWN'): Envelope {
  if (!ws.enterpriseId) {
    return eventCallback(event, {
      team_id: ws.id,
      api_app_id: APP_ID,
      authorizations: [{ enterprise_id: null, team_id: ws.id, user_id: botUserId, is_bot: true, is_enterprise_install: false }],
    }) as Envelope;
  }
  return eventCallback(event, {
    team_id: ws.id,
    enterprise_id: ws.enterpriseId,
    context_team_id: ws.id,
    context_enterprise_id: ws.enterpriseId,
    api_app_id: APP_ID,
    // Slack's authorization for an org-wide install has no team (the factory's type wants one).
    authorizations: [{ enterprise_id: ws.enterpriseId, team_id: null as unknown as string, user_id: botUserId, is_bot: true, is_enterprise_install: true }],
  }) as Envelope;
}

/** An organisation-level event (team_access_granted / _revoked, app_uninstalled of the org install): no workspace, the organisation named. */
export function orgEnvelope<E extends { type: string }>(enterpriseId: string, event: E, botUserId = 'U0BOTUNKNOWN'): Envelope {
  return eventCallback(event, {
    team_id: null as unknown as string,
    enterprise_id: enterpriseId,
    context_team_id: null as unknown as string,
    context_enterprise_id: enterpriseId,
    api_app_id: APP_ID,
    authorizations: [{ enterprise_id: enterpriseId, team_id: null as unknown as string, user_id: botUserId, is_bot: true, is_enterprise_install: true }],
  }) as Envelope;
}

/** /activity typed by `who` in `ws`'s #general, answered through `responseUrl`. */
export function slashFor(ws: SeedWorkspace, who: SeedMember, text: string, responseUrl: string): Record<string, string> {
  return slashCommand({
    team_id: ws.id,
    team_domain: ws.domain,
    channel_id: ws.general.id,
    channel_name: ws.general.name,
    user_id: who.id,
    user_name: who.username,
    text,
    api_app_id: APP_ID,
    response_url: responseUrl,
    is_enterprise_install: ws.enterpriseId ? 'true' : 'false',
    ...(ws.enterpriseId ? { enterprise_id: ws.enterpriseId, enterprise_name: ORG.name } : {}),
  });
}

/** `who` opens the app's Home tab in `ws`. */
export function homeOpenedFor(ws: SeedWorkspace, who: SeedMember, botUserId?: string, view?: SlackView): Envelope {
  return envelopeFor(ws, appHomeOpened({ user: who.id, tab: 'home', ...(view ? { view } : {}) }), botUserId);
}

/**
 * A click in the Home tab by `who` in `ws`. For an org-wide install Slack sends no team (null),
 * the organisation as `enterprise`, and is_enterprise_install true; the member's workspace is
 * user.team_id.
 */
export function homeClickFor(ws: SeedWorkspace, who: SeedMember, action: BlockAction, view: SlackView | undefined): object {
  return homeBlockActions({
    user: { id: who.id, username: who.username, name: who.username, team_id: ws.id },
    api_app_id: APP_ID,
    team: ws.enterpriseId ? (null as unknown as { id: string; domain: string }) : { id: ws.id, domain: ws.domain },
    enterprise: ws.enterpriseId ? { id: ws.enterpriseId, name: ORG.name } : null,
    is_enterprise_install: Boolean(ws.enterpriseId),
    actions: [action],
    ...(view ? { view } : {}),
  });
}

/** What was sent in one workspace, and what each of its members may see of it. */
export interface Traffic {
  ws: SeedWorkspace;
  /** Texts of messages and replies in #general. */
  publicTexts: string[];
  /** Texts of messages in the private channel. */
  privateTexts: string[];
  /** Activities recorded (messages, replies, reactions). */
  activities: number;
  /** Source keys of the messages and replies (msg:<channel>:<ts>). */
  messageKeys: string[];
  /** How many of them `memberId` may see (everything but the private channel, unless they are in it). */
  visibleTo(memberId: string): number;
}

/**
 * Messages, a thread reply and reactions in #general, and a message in the private channel
 * (opted in beforehand); Sam also posts in C1 and C2. Every delivery must be answered 200.
 */
export async function sendTraffic(h: Harness, ws: SeedWorkspace, botUserId: string): Promise<Traffic> {
  const [inside, outside] = ws.members;
  const send = async (event: { type: string }) => {
    const answer = await h.event(envelopeFor(ws, event, botUserId));
    expect(answer.status, answer.text).toBe(200);
  };
  const inGeneral = { channel: ws.general.id, channel_type: 'channel' as const, team: ws.id };
  const opening = messageEvent({ ...inGeneral, user: inside.id, text: `${ws.marker}: ${inside.displayName} opens the week in #general` });
  const reply = threadReply({ ts: opening.ts, user: inside.id, channel: ws.general.id }, { user: outside.id, team: ws.id, text: `${ws.marker}: ${outside.displayName} answers in the thread` });
  const note = messageEvent({ ...inGeneral, user: outside.id, text: `${ws.marker}: ${outside.displayName} shares a note` });
  const whisper = messageEvent({ channel: ws.private.id, channel_type: 'group', team: ws.id, user: inside.id, text: `${ws.marker} whisper: for the moderators only` });
  const sam = SAM_WORKSPACES.includes(ws) ? messageEvent({ ...inGeneral, user: SAM.id, text: `${ws.marker}: Sam checks in` }) : undefined;
  for (const event of [
    opening,
    reply,
    reactionAdded({ channel: ws.general.id, ts: opening.ts, user: inside.id }, { user: outside.id, reaction: 'tada' }),
    note,
    reactionAdded({ channel: ws.general.id, ts: note.ts, user: outside.id }, { user: inside.id, reaction: 'eyes' }),
    whisper,
    ...(sam ? [sam] : []),
  ]) {
    await send(event);
  }
  const publicTexts = [opening, reply, note, ...(sam ? [sam] : [])].map((e) => e.text);
  const activities = 6 + (sam ? 1 : 0);
  return {
    ws,
    publicTexts,
    privateTexts: [whisper.text],
    activities,
    messageKeys: [opening, reply, note, whisper, ...(sam ? [sam] : [])].map((e) => `msg:${e.channel}:${e.ts}`),
    visibleTo: (memberId) => (memberId === inside.id ? activities : activities - 1),
  };
}

/** Every marker but `ws`'s: none of them may appear in what a member of `ws` sees. */
export function foreignMarkers(ws: SeedWorkspace): string[] {
  return ALL_WORKSPACES.filter((other) => other !== ws).map((other) => other.marker);
}

/** Ids of other workspaces' members and channels, and their names and domains: none may appear in what `ws` sees. */
export function foreignIds(ws: SeedWorkspace): string[] {
  return ALL_WORKSPACES.filter((other) => other !== ws).flatMap((other) => [
    other.id,
    other.name,
    other.domain,
    other.general.id,
    other.private.id,
    ...other.members.map((m) => m.id),
    ...(SAM_WORKSPACES.includes(ws) ? [] : [SAM.id]),
  ]);
}

/** The installation ids each simulated token was issued for, from Slack's own answers to oauth.v2.access (installs and refreshes). */
export function tokenOwners(calls: readonly ApiCall[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const call of calls) {
    if (call.method !== 'oauth.v2.access' || call.response?.ok !== true) continue;
    const r = call.response as { access_token: string; is_enterprise_install: boolean; team: { id: string } | null; enterprise: { id: string } | null };
    owners.set(r.access_token, r.is_enterprise_install ? r.enterprise!.id : r.team!.id);
  }
  return owners;
}

/** The workspaces a Slack user or channel id belongs to (Sam: both C1 and C2). */
function workspacesOfUser(id: string): SeedWorkspace[] {
  if (id === SAM.id) return SAM_WORKSPACES;
  return ALL_WORKSPACES.filter((ws) => ws.members.some((m) => m.id === id));
}
function workspacesOfChannel(id: string): SeedWorkspace[] {
  return ALL_WORKSPACES.filter((ws) => ws.general.id === id || ws.private.id === id);
}

export interface AuditedCall {
  call: ApiCall;
  /** The installation the call's token belongs to (undefined: a token Slack never issued through the flow). */
  tokenOf: string | undefined;
  /** The workspaces the call is about (by its user, channel or team_id argument); [] for calls about the installation itself. */
  about: SeedWorkspace[];
}

/**
 * Each Web API call with the installation whose token it used and the workspaces it concerns.
 * Throws on a method this audit does not know, so a new kind of call is looked at, not skipped.
 */
export function auditCalls(calls: readonly ApiCall[]): AuditedCall[] {
  const owners = tokenOwners(calls);
  const audited: AuditedCall[] = [];
  for (const call of calls) {
    const str = (name: string) => (typeof call.params[name] === 'string' ? (call.params[name] as string) : '');
    let about: SeedWorkspace[];
    switch (call.method) {
      case 'oauth.v2.access':
        continue; // the app's client credentials, no workspace token
      case 'auth.test':
      case 'auth.teams.list':
        about = [];
        break;
      case 'users.info':
        about = workspacesOfUser(str('user'));
        break;
      case 'views.publish':
        about = workspacesOfUser(str('user_id'));
        break;
      case 'users.conversations': {
        const team = str('team_id');
        about = workspacesOfUser(str('user')).filter((ws) => !team || ws.id === team);
        break;
      }
      case 'conversations.info':
      case 'chat.getPermalink':
        about = workspacesOfChannel(str('channel'));
        break;
      default:
        throw new Error(`the audit does not know ${call.method}: say which workspace it is about`);
    }
    audited.push({ call, tokenOf: call.token ? owners.get(call.token) : undefined, about });
  }
  return audited;
}

/** Calls that used another installation's token than that of the workspace they are about, or a token Slack never issued. */
export function wrongTokenCalls(audited: AuditedCall[]): string[] {
  const problems: string[] = [];
  for (const { call, tokenOf, about } of audited) {
    const what = `${call.method} ${JSON.stringify(call.params)}`;
    if (!tokenOf) problems.push(`${what}: a token no installation was given`);
    else if (call.method === 'auth.teams.list' && tokenOf !== ORG.id) problems.push(`${what}: auth.teams.list with ${tokenOf}'s token`);
    else if (call.method !== 'auth.test' && call.method !== 'auth.teams.list') {
      if (about.length === 0) problems.push(`${what}: about no seeded workspace (or team_id names another workspace than the user's)`);
      else if (!about.some((ws) => installationIdOf(ws) === tokenOf)) problems.push(`${what}: about ${about.map((w) => w.key).join('/')} but made with ${tokenOf}'s token`);
    }
  }
  return problems;
}
