// The community's little story, played by `npm run demo` and by the simulator's `play`
// command: a welcome with a thread, reactions added and taken back, an edit, a file, a
// deletion, a join, and three things the app must ignore (a bot, a DM, a private channel).
import { COMMUNITY } from './community';
import {
  botMessage,
  fileShareMessage,
  messageChanged,
  messageDeleted,
  messageEvent,
  reactionAdded,
  reactionRemoved,
  teamJoin,
  threadBroadcast,
  threadReply,
} from './factories';
import type { WorkspaceState } from './state';

/** Delivers one inner event (the caller wraps it in an envelope and says how it went). */
export type StorySend = (label: string, event: { type: string }) => Promise<void>;

/** Plays the story event by event; a `send` that throws stops it there. */
export async function playCommunityStory(state: WorkspaceState, send: StorySend): Promise<void> {
  const team = COMMUNITY.teamId;
  const welcome = messageEvent({ user: 'U0ANA', channel: 'C0GENERAL', team, text: 'Welcome everyone! Introduce yourselves in this thread 👋' });
  await send('Ana posts a welcome in #general', welcome);
  await send('Bo replies in the thread', threadReply(welcome, { user: 'U0BO', team, text: 'Hi! Bo here, I run the Berlin meetup.' }));
  await send('Cy replies and also sends it to the channel', threadBroadcast(welcome, { user: 'U0CY', text: 'Cy here — excited to join!' }));
  await send('Bo reacts :tada: to the welcome', reactionAdded({ channel: 'C0GENERAL', ts: welcome.ts, user: 'U0ANA' }, { user: 'U0BO', reaction: 'tada' }));
  await send('Cy reacts :eyes:', reactionAdded({ channel: 'C0GENERAL', ts: welcome.ts, user: 'U0ANA' }, { user: 'U0CY', reaction: 'eyes' }));
  await send('Cy takes the :eyes: back', reactionRemoved({ channel: 'C0GENERAL', ts: welcome.ts, user: 'U0ANA' }, { user: 'U0CY', reaction: 'eyes' }));
  const launch = messageEvent({ user: 'U0BO', channel: 'C0LAUNCH', team, text: 'v2.0 ships on Friday, release notes are in the doc' });
  await send('Bo announces the launch in #launch', launch);
  await send('Bo fixes a typo in the announcement (an edit)', messageChanged(launch, { text: 'v2.0 ships on Thursday, release notes are in the doc' }));
  await send('Ana shares a file in #launch', fileShareMessage({ user: 'U0ANA', channel: 'C0LAUNCH', team, text: 'Screenshots of the new dashboard' }));
  const oops = messageEvent({ user: 'U0CY', channel: 'C0HELP', team, text: 'my password is hunter2, why does login fail?' });
  await send('Cy asks for help in #help (and leaks a password)', oops);
  await send('Cy deletes that message (its text is scrubbed here too)', messageDeleted(oops));
  const eve = { id: 'U0EVE', team_id: team, name: 'eve', real_name: 'Eve Martin', profile: { display_name: 'Eve', real_name: 'Eve Martin' } };
  // Slack knows the member before it announces them, so users.info answers for Eve.
  state.addUser(eve);
  await send('Eve joins the workspace', teamJoin(eve));
  await send('A bot posts a reminder (not member activity: ignored)', botMessage({ channel: 'C0GENERAL', text: 'Reminder: community call at 5pm' }));
  await send('Ana DMs Bo (direct messages are never collected)', messageEvent({ user: 'U0ANA', channel: 'D0ANABO', channel_type: 'im', team, text: 'psst' }));
  await send('Ana posts in the private #moderators (not opted in: ignored)', messageEvent({ user: 'U0ANA', channel: 'C0MODS', channel_type: 'group', team, text: 'mod stuff' }));
}
