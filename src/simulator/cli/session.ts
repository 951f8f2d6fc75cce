// One simulator session: turns parsed commands into the Slack events they stand for, built by
// the same factories the tests use, delivers them to the app and prints, per command, what
// was sent and how the app answered.
import { COMMUNITY } from '../community';
import {
  appHomeOpened,
  eventCallback,
  messageChanged,
  messageDeleted,
  messageEvent,
  reactionAdded,
  reactionRemoved,
  slashCommand,
  teamJoin,
  threadReply,
} from '../factories';
import { browse, type BrowsedPage } from '../browse-install';
import { playCommunityStory } from '../story';
import type { SlackSimulator } from '../web-api-server';
import { printCommandAnswer, printPublishedHome, type Print } from './answers';
import { helpText, parseCommand, type Command } from './commands';
import type { Delivery, Outcome } from './delivery';
import { channelName, channelsListing, findChannel, findMember, isPrivateChannel, memberLabel, messageLine, messagesListing, usersListing, type Found } from './directory';
import { MessageBook, type BookEntry } from './message-book';

export interface SessionOptions {
  sim: SlackSimulator;
  delivery: Delivery;
  print: Print;
  /** With --oauth: the app's install page, for `install`. */
  installUrl?: string;
  /** How long to wait for what the app sends back (response_url, views.publish); default 10 s. */
  answerTimeoutMs?: number;
}

const DEFAULT_WAIT_SECONDS = 60;
const TEAM = COMMUNITY.teamId;
/** Who clicks Allow on Slack's authorize page: the community's first member. */
const COMMUNITY_INSTALLER = 'U0ANA';

class StopStory extends Error {}

export class Session {
  readonly book = new MessageBook();
  /** Commands that failed (bad input, app unreachable or erroring); scripts exit non-zero on any. */
  failures = 0;
  private readonly print: Print;
  private readonly answerTimeoutMs: number;

  constructor(private readonly options: SessionOptions) {
    this.print = options.print;
    this.answerTimeoutMs = options.answerTimeoutMs ?? 10_000;
  }

  private get state() {
    return this.options.sim.state;
  }

  /** Runs one prompt line; false once it asked to quit. */
  async runLine(line: string): Promise<boolean> {
    const parsed = parseCommand(line);
    if (!parsed.ok) return this.fail(parsed.error);
    return this.execute(parsed.command);
  }

  /** Runs one command; false once it asked to quit. */
  async execute(command: Command): Promise<boolean> {
    switch (command.kind) {
      case 'nothing':
        return true;
      case 'quit':
        return false;
      case 'help':
        for (const line of helpText(command.topic)) this.print(line);
        return true;
      case 'users':
        for (const line of usersListing(this.state, TEAM)) this.print(line);
        return true;
      case 'channels':
        for (const line of channelsListing(this.state, TEAM, COMMUNITY.botUserId)) this.print(line);
        return true;
      case 'messages':
        for (const line of messagesListing(this.state, this.book.list())) this.print(line);
        return true;
      case 'wait': {
        const seconds = command.seconds ?? DEFAULT_WAIT_SECONDS;
        this.report('wait for the app', await this.options.delivery.waitForApp(seconds * 1000));
        return true;
      }
      case 'play':
        await this.play();
        return true;
      case 'install':
        await this.install();
        return true;
      case 'command':
        await this.slashCommand(command);
        return true;
      case 'home':
        await this.home(command.user);
        return true;
      case 'join':
        await this.join(command.name, command.realName);
        return true;
      default:
        await this.messageCommand(command);
        return true;
    }
  }

  private async messageCommand(command: Extract<Command, { kind: 'message' | 'reply' | 'react' | 'unreact' | 'edit' | 'delete' }>): Promise<void> {
    if (command.kind === 'message') {
      const channel = findChannel(this.state, TEAM, command.channel);
      const user = findMember(this.state, TEAM, command.user);
      if (!channel.ok || !user.ok) return void this.fail(firstError(channel, user));
      const channelType = isPrivateChannel(channel.value) ? 'group' : 'channel';
      const event = messageEvent({ user: user.value.id, channel: channel.value.conversation.id, channel_type: channelType, team: TEAM, text: command.text });
      await this.sendMessage(event);
      return;
    }
    const target = this.book.find(command.ref);
    if (!target.ok) return void this.fail(target.error);
    const original = target.entry.message;
    const n = `[${target.entry.n}]`;
    if (command.kind === 'edit') return this.send(`${memberLabel(this.state, original.user)} edits ${n}: ${command.text}`, messageChanged(original, { text: command.text }));
    if (command.kind === 'delete') return this.send(`${memberLabel(this.state, original.user)} deletes ${n}`, messageDeleted(original));
    const user = findMember(this.state, TEAM, command.user);
    if (!user.ok) return void this.fail(user.error);
    if (command.kind === 'reply') {
      // A reply to a reply goes to the same thread, as Slack has no nested threads.
      const rootTs = original.thread_ts ?? original.ts;
      const rootUser = rootTs === original.ts ? original.user : (original.parent_user_id ?? original.user);
      const reply = threadReply({ ts: rootTs, user: rootUser, channel: original.channel, channel_type: original.channel_type }, { user: user.value.id, team: TEAM, text: command.text });
      return this.sendMessage(reply, ` (reply to ${n})`);
    }
    const item = { channel: original.channel, ts: original.ts, user: original.user };
    const who = `@${user.value.name}`;
    if (command.kind === 'react') return this.send(`${who} reacts :${command.emoji}: to ${n}`, reactionAdded(item, { user: user.value.id, reaction: command.emoji }));
    return this.send(`${who} removes :${command.emoji}: from ${n}`, reactionRemoved(item, { user: user.value.id, reaction: command.emoji }));
  }

  private async join(name: string, realName: string | undefined): Promise<void> {
    if (findMember(this.state, TEAM, name).ok) return void this.fail(`@${name} is already a member (type users)`);
    const display = name.charAt(0).toUpperCase() + name.slice(1);
    const real = realName ?? display;
    // Readable, stable IDs (U0EVE) so a re-run names the same member; a clash gets a suffix.
    let id = `U0${name.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 9)}`;
    for (let i = 2; this.state.user(id); i++) id = `U0${name.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 7)}${i}`;
    const user = this.state.addUser({ id, team_id: TEAM, name, real_name: real, profile: { display_name: display, real_name: real } });
    // Slack puts every new member in #general.
    const general = findChannel(this.state, TEAM, 'general');
    if (general.ok) this.state.joinChannel(general.value.conversation.id, id);
    await this.send(`@${name} (${real}, ${id}) joins the workspace`, teamJoin(user));
  }

  private async slashCommand(command: Extract<Command, { kind: 'command' }>): Promise<void> {
    const user = findMember(this.state, TEAM, command.user);
    const channel = findChannel(this.state, TEAM, command.channel ?? 'general');
    if (!user.ok || !channel.ok) return void this.fail(firstError(user, channel));
    const responseUrl = this.options.sim.newResponseUrl();
    const name = channelName(channel.value);
    const fields = slashCommand({
      team_id: TEAM,
      team_domain: COMMUNITY.domain,
      api_app_id: COMMUNITY.appId,
      channel_id: channel.value.conversation.id,
      channel_name: name,
      user_id: user.value.id,
      user_name: user.value.name,
      command: command.command,
      text: command.text,
      response_url: responseUrl,
    });
    const outcome = await this.options.delivery.slashCommand(fields);
    this.report(`@${user.value.name} runs ${[command.command, command.text].filter(Boolean).join(' ')} in #${name}`, outcome);
    if (outcome.ok && !(await printCommandAnswer(this.options.sim, responseUrl, this.answerTimeoutMs, this.print))) this.failures++;
  }

  private async home(name: string): Promise<void> {
    const user = findMember(this.state, TEAM, name);
    if (!user.ok) return void this.fail(user.error);
    // Slack sends the view published last time, whose private_metadata the app restores.
    const previous = this.state.publishedView(user.value.id, TEAM);
    const dm = this.state.imWith(user.value.id, TEAM).conversation.id;
    const since = new Date();
    const outcome = await this.deliver(appHomeOpened({ user: user.value.id, channel: dm, tab: 'home', ...(previous ? { view: previous } : {}) }));
    this.report(`@${user.value.name} opens the app's Home tab`, outcome);
    if (outcome.ok && !(await printPublishedHome(this.options.sim, TEAM, user.value.id, since, this.answerTimeoutMs, this.print))) this.failures++;
  }

  /** The OAuth install into the community's workspace, through the app's own install page. */
  private async install(): Promise<void> {
    const url = this.options.installUrl;
    if (!url) return void this.fail('install needs the OAuth install: restart with  npm run simulator -- --oauth');
    this.options.sim.consent({ teamId: TEAM, installerUserId: COMMUNITY_INSTALLER });
    let page: BrowsedPage;
    try {
      page = await browse(url);
    } catch (error) {
      return void this.report(`install through ${url}`, { ok: false, summary: 'not reachable', hint: `${(error as Error).message}: start the app with the variables printed above, then type wait` });
    }
    const title = /<h1>([^<]*)<\/h1>/.exec(page.body)?.[1]?.trim() ?? `HTTP ${page.status}`;
    const ok = page.status === 200 && title.startsWith('Installed');
    this.report(`install through ${url}`, { ok, summary: title, ...(ok ? {} : { hint: page.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300) }) });
  }

  private async play(): Promise<void> {
    this.print("Playing the community story (the same as npm run demo's):");
    let sent = 0;
    try {
      await playCommunityStory(this.state, async (label, event) => {
        const entry = this.book.observe(event);
        const outcome = await this.deliver(event);
        this.report(entry ? `[${entry.n}] ${label}` : label, outcome);
        sent++;
        if (outcome.unreachable) throw new StopStory();
      });
      this.print(`played ${sent} events; type messages to see the numbered ones`);
    } catch (error) {
      if (!(error instanceof StopStory)) throw error;
      this.print('play stopped: the app is not reachable');
    }
  }

  private async sendMessage(event: ReturnType<typeof messageEvent>, suffix = ''): Promise<void> {
    const entry = this.book.observe(event) as BookEntry;
    const outcome = await this.deliver(event);
    this.report(`${messageLine(this.state, entry)}${suffix}`, outcome);
  }

  private async send(label: string, event: { type: string }): Promise<void> {
    this.book.observe(event);
    this.report(label, await this.deliver(event));
  }

  private deliver(event: { type: string }): Promise<Outcome> {
    return this.options.delivery.event(eventCallback(event, { team_id: TEAM, api_app_id: COMMUNITY.appId }));
  }

  private report(label: string, outcome: Outcome): void {
    this.print(`${outcome.ok ? '✓' : '✗'} ${label}  → ${outcome.summary}`);
    if (outcome.hint) this.print(`  ${outcome.hint}`);
    if (!outcome.ok) this.failures++;
  }

  private fail(error: string): true {
    this.print(`✗ ${error}`);
    this.failures++;
    return true;
  }

}

function firstError(...results: Array<Found<unknown>>): string {
  for (const result of results) if (!result.ok) return result.error;
  return 'unknown problem';
}
