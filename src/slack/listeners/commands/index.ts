// Registers every slash command. The manifest declares the same commands (test/unit/manifest.test.ts).
import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps';
import { ACTIVITY_COMMAND, activityCommandCallback } from './activity-command';

export function register(app: App, deps: ListenerDeps): void {
  app.command(ACTIVITY_COMMAND, activityCommandCallback(deps));
}
