// manifest.yml must stay a valid Slack app manifest for this app, in step with the listeners.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { OAUTH_REDIRECT_PATH } from '../../src/config';
import { BOT_SCOPES } from '../../src/slack/scopes';
import { describe, expect, it } from 'vitest';
import { LISTENED_EVENTS } from '../../src/slack/listeners/events';

const manifest = parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as {
  display_information: { name: string; description?: string; background_color?: string };
  features: {
    app_home: { home_tab_enabled: boolean };
    bot_user: { display_name: string };
    slash_commands: { command: string; url?: string; description: string; should_escape?: boolean }[];
  };
  oauth_config: { scopes: { bot: string[] }; redirect_urls: string[] };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled: boolean;
  };
};

/** Bot events Slack delivers as the `message` event type. */
const MESSAGE_EVENTS = new Set(['message.channels', 'message.groups', 'message.im', 'message.mpim']);

/** Scopes each subscribed bot event needs (Slack's Events API reference). */
const SCOPE_FOR_EVENT: Record<string, string | null> = {
  'message.channels': 'channels:history',
  'message.groups': 'groups:history',
  reaction_added: 'reactions:read',
  reaction_removed: 'reactions:read',
  team_join: 'users:read',
  user_change: 'users:read',
  member_joined_channel: 'channels:read',
  channel_rename: 'channels:read',
  group_rename: 'groups:read',
  app_home_opened: null,
  app_uninstalled: null,
  tokens_revoked: null,
  team_access_granted: null,
  team_access_revoked: null,
};

describe('manifest.yml', () => {
  it('has the display information, a bot user and an App Home tab', () => {
    expect(manifest.display_information.name.length).toBeGreaterThan(0);
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect((manifest.display_information.description ?? '').length).toBeLessThanOrEqual(140);
    expect(manifest.display_information.background_color).toMatch(/^#[0-9a-fA-F]{6}$/);
    expect(manifest.features.bot_user.display_name).toMatch(/^[a-z0-9._-]{1,80}$/);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it('declares /activity and interactivity on the events endpoint', () => {
    const commands = manifest.features.slash_commands.map((c) => c.command);
    expect(commands).toEqual(['/activity']);
    const activity = manifest.features.slash_commands[0]!;
    expect(activity.should_escape).toBe(true); // we parse escaped <@U…> and <#C…> mentions
    expect(activity.description.length).toBeLessThanOrEqual(100);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    for (const url of [activity.url, manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url]) {
      expect(url).toMatch(/^https:\/\/.+\/slack\/events$/);
    }
  });

  it('registers the OAuth install’s redirect URL at the path the app answers', () => {
    expect(manifest.oauth_config.redirect_urls).toHaveLength(1);
    expect(new URL(manifest.oauth_config.redirect_urls[0]!).pathname).toBe(OAUTH_REDIRECT_PATH);
    expect(manifest.oauth_config.redirect_urls[0]).toMatch(/^https:\/\//);
  });

  it('subscribes to exactly the events the app listens to', () => {
    const subscribed = manifest.settings.event_subscriptions.bot_events;
    const asDelivered = new Set(subscribed.map((e) => (MESSAGE_EVENTS.has(e) ? 'message' : e)));
    expect([...asDelivered].sort()).toEqual([...LISTENED_EVENTS].sort());
    expect(subscribed).toEqual(expect.arrayContaining(['message.channels', 'message.groups']));
    // Direct messages are never collected, so the app does not even subscribe to them.
    expect(subscribed).not.toContain('message.im');
    expect(subscribed).not.toContain('message.mpim');
  });

  it('asks for every scope its events and calls need, and no more than it uses', () => {
    const scopes = new Set(manifest.oauth_config.scopes.bot);
    for (const event of manifest.settings.event_subscriptions.bot_events) {
      expect(event in SCOPE_FOR_EVENT, `unknown event ${event}`).toBe(true);
      const scope = SCOPE_FOR_EVENT[event];
      if (scope) expect(scopes.has(scope), `${event} needs ${scope}`).toBe(true);
    }
    for (const needed of ['commands', 'users:read', 'users:read.email', 'channels:read', 'groups:read']) {
      expect(scopes.has(needed), needed).toBe(true);
    }
    // The OAuth install asks for exactly the manifest's scopes.
    expect([...BOT_SCOPES].sort()).toEqual([...scopes].sort());
    // Nothing posts messages (response_url and views.publish need no scope), nor reads team.info.
    expect(scopes.has('chat:write')).toBe(false);
    expect(scopes.has('team:read')).toBe(false);
    expect([...scopes].some((s) => s.startsWith('im:') || s.startsWith('mpim:'))).toBe(false);
  });
});
