// apps.connections.open: a one-time Socket Mode WebSocket URL for an app-level token.
import type { MethodSpec } from './types';

export const appsConnectionsOpen: MethodSpec = {
  tokens: 'app',
  scopes: ['connections:write'],
  headerTokenOnly: true,
  handle({ token, openSocketUrl }) {
    return { ok: true, url: openSocketUrl(token.appId) };
  },
};
