// user_change: the member's profile (display name, avatar, deleted flag) handed to
// src/sources/slack/workspace-changes.ts; a payload without a usable user is a dead letter.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { payloadText } from '../../../sources/slack/payload-text';
import { rememberProfile } from '../../../sources/slack/workspace-changes';
import type { ListenerDeps } from '../deps';
import { rawBodyOf, teamIdOf } from './delivery';

export function userChangeCallback(deps: ListenerDeps) {
  return async ({ event, body, context }: SlackEventMiddlewareArgs<'user_change'> & AllMiddlewareArgs): Promise<void> => {
    const teamId = teamIdOf(body, context);
    const unusable = await rememberProfile(deps, teamId, (event as { user?: unknown }).user);
    if (unusable) {
      await deps.store.deadLetters.keep({
        workspaceId: teamId,
        source: 'slack_event',
        kind: 'user_change',
        rawPayload: payloadText(body, rawBodyOf(context)).text,
        reason: `user_change with ${unusable.reason}`,
      });
    }
  };
}
