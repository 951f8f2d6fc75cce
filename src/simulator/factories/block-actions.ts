// block_actions interactivity payloads: a click in a message, or in the app's Home tab.
import { DEFAULT_APP_ID, DEFAULT_BOT_ID, DEFAULT_CHANNEL_ID, DEFAULT_CHANNEL_NAME, DEFAULT_TEAM_DOMAIN, DEFAULT_TEAM_ID, DEFAULT_USER_ID, DEFAULT_USER_NAME, DEFAULT_VERIFICATION_TOKEN } from './defaults';
import { blockId, responseUrlPath, triggerId, viewId } from './ids';
import { nextTs } from './ts';
import type { BlockAction, BlockActionsPayload, PlainText, SlackView } from './types';

const plain = (text: string): PlainText => ({ type: 'plain_text', text, emoji: true });

/** A button click. */
export function buttonAction(overrides: Partial<BlockAction> = {}): BlockAction {
  return { action_id: 'button', block_id: blockId(), text: plain('Click me'), value: 'click_me', type: 'button', action_ts: nextTs(), ...overrides };
}

/** A static_select choice of `value`. */
export function staticSelectAction(value = 'option_1', overrides: Partial<BlockAction> = {}): BlockAction {
  return {
    type: 'static_select',
    action_id: 'select',
    block_id: blockId(),
    selected_option: { text: plain(value), value },
    placeholder: plain('Choose'),
    action_ts: nextTs(),
    ...overrides,
  };
}

/** A published Home tab view as Slack includes it in payloads. */
export function homeView(overrides: Partial<SlackView> = {}): SlackView {
  const id = overrides.id ?? viewId();
  return {
    id,
    team_id: DEFAULT_TEAM_ID,
    type: 'home',
    blocks: [],
    private_metadata: '',
    callback_id: '',
    state: { values: {} },
    hash: `${Math.floor(Date.now() / 1000)}.${blockId()}`,
    title: plain('View Title'),
    clear_on_close: false,
    notify_on_close: false,
    close: null,
    submit: null,
    previous_view_id: null,
    root_view_id: id,
    app_id: DEFAULT_APP_ID,
    external_id: '',
    app_installed_team_id: DEFAULT_TEAM_ID,
    bot_id: DEFAULT_BOT_ID,
    ...overrides,
  };
}

function basePayload(actions: BlockAction[]): Omit<BlockActionsPayload, 'container'> {
  return {
    type: 'block_actions',
    user: { id: DEFAULT_USER_ID, username: DEFAULT_USER_NAME, name: DEFAULT_USER_NAME, team_id: DEFAULT_TEAM_ID },
    api_app_id: DEFAULT_APP_ID,
    token: DEFAULT_VERIFICATION_TOKEN,
    trigger_id: triggerId(),
    team: { id: DEFAULT_TEAM_ID, domain: DEFAULT_TEAM_DOMAIN },
    enterprise: null,
    is_enterprise_install: false,
    actions,
  };
}

/** A click on a message's block: container, channel, message and response_url are set. */
export function blockActions(overrides: Partial<BlockActionsPayload> = {}): BlockActionsPayload {
  const messageTs = overrides.message?.ts ?? nextTs();
  const channel = overrides.channel ?? { id: DEFAULT_CHANNEL_ID, name: DEFAULT_CHANNEL_NAME };
  const team = overrides.team?.id ?? DEFAULT_TEAM_ID;
  return {
    ...basePayload(overrides.actions ?? [buttonAction()]),
    container: { type: 'message', message_ts: messageTs, channel_id: channel.id, is_ephemeral: false },
    channel,
    message: { type: 'message', user: DEFAULT_USER_ID, text: 'A message with a button', ts: messageTs, bot_id: DEFAULT_BOT_ID, team },
    state: { values: {} },
    response_url: `https://hooks.slack.com${responseUrlPath(team, 'actions')}`,
    ...overrides,
  };
}

/** A click in the app's Home tab: container is the view, no channel, message or response_url. */
export function homeBlockActions(overrides: Partial<BlockActionsPayload> = {}): BlockActionsPayload {
  const view = overrides.view ?? homeView();
  return {
    ...basePayload(overrides.actions ?? [buttonAction()]),
    container: { type: 'view', view_id: view.id },
    view,
    ...overrides,
  };
}
