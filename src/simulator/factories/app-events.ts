// Events about the app itself: its Home tab opened, uninstalled, tokens revoked.
import { DEFAULT_BOT_USER_ID, DEFAULT_USER_ID } from './defaults';
import { dmId } from './ids';
import { nextTs } from './ts';
import type { AppHomeOpenedEvent, AppUninstalledEvent, TokensRevokedEvent } from './types';

/** A user opened the app's Home tab (`view` is present once a view was published for them). */
export function appHomeOpened(overrides: Partial<AppHomeOpenedEvent> = {}): AppHomeOpenedEvent {
  return { type: 'app_home_opened', user: DEFAULT_USER_ID, channel: dmId(), tab: 'home', event_ts: nextTs(), ...overrides };
}

/** The app was uninstalled from the workspace (Slack sends nothing but the type). */
export function appUninstalled(): AppUninstalledEvent {
  return { type: 'app_uninstalled' };
}

/** Tokens were revoked; lists are of user IDs whose user (oauth) or bot tokens died. */
export function tokensRevoked(tokens: TokensRevokedEvent['tokens'] = { bot: [DEFAULT_BOT_USER_ID] }): TokensRevokedEvent {
  return { type: 'tokens_revoked', tokens };
}
