// What `npm run simulator` prints at start: which Slack it simulates, and how to start the app
// against it, ready to paste.
import { COMMUNITY } from '../community';
import type { WorkspaceState } from '../state';
import { channelName, channels, isPrivateChannel } from './directory';
import { SIMULATOR_API_TOKEN, SIMULATOR_OAUTH_DATABASE_URL, appEnvironment, envBlock, startCommand } from './environment';

export interface BannerInput {
  apiUrl: string;
  appUrl: string;
  socketMode: boolean;
  oauth?: boolean;
  state: WorkspaceState;
}

function community(state: WorkspaceState): string {
  const members = [...state.users.values()].filter((u) => u.team_id === COMMUNITY.teamId && !u.is_bot).map((u) => `@${u.name}`);
  const all = channels(state, COMMUNITY.teamId);
  const names = (isPrivate: boolean) => all.filter((r) => isPrivateChannel(r) === isPrivate).map((r) => `#${channelName(r)}`);
  return `members ${members.join(' ')} · public channels ${names(false).join(' ')} · private ${names(true).join(' ')}`;
}

export function bannerLines(input: BannerInput): string[] {
  const vars = appEnvironment({ apiUrl: input.apiUrl, socketMode: input.socketMode, oauth: input.oauth ?? false });
  const appOrigin = new URL(input.appUrl).origin;
  const delivery = input.socketMode
    ? 'Events go over Socket Mode once the app connects (SLACK_APP_TOKEN makes it open the WebSocket here).'
    : `Events go to ${input.appUrl} (--app-url to change), signed with that secret as Slack signs them.`;
  return [
    `Slack simulator: workspace "${COMMUNITY.teamName}" (${COMMUNITY.teamId}), Web API at ${input.apiUrl}`,
    `  ${community(input.state)}`,
    '',
    'Start the app against it in another terminal, from this directory:',
    '',
    startCommand(vars),
    '',
    'or save these lines as .env.simulator and run  node --env-file=.env.simulator --import tsx src/main.ts',
    '',
    ...envBlock(vars),
    '',
    delivery,
    ...(input.oauth
      ? [
          `Then install the app into "${COMMUNITY.teamName}": type install, or open ${appOrigin}/slack/install in a browser (this Slack's authorize page allows at once).`,
          `What the app recorded: make a key with  DATABASE_URL=${SIMULATOR_OAUTH_DATABASE_URL} npm run cli -- keys create --workspace ${COMMUNITY.teamId} --name local --scopes all`,
          `  then  curl -s -H 'Authorization: Bearer <the key>' ${appOrigin}/api/v1/activities`,
        ]
      : [`What the app recorded: curl -s -H 'Authorization: Bearer ${SIMULATOR_API_TOKEN}' ${appOrigin}/api/v1/activities`]),
    'Type help for the commands, e.g.  message #general @ana Hello there',
  ];
}
