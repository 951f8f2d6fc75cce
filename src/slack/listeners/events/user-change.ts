// user_change: keeps the member's profile (display name, avatar, deleted flag) current.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { isRecord, userId } from '../../../sources/slack/mapping/fields';
import type { ListenerDeps } from '../deps';
import { payloadText } from '../../../sources/slack/payload-text';
import { rawBodyOf, teamIdOf } from './delivery';

export function userChangeCallback(deps: ListenerDeps) {
  return async ({ event, body, context }: SlackEventMiddlewareArgs<'user_change'> & AllMiddlewareArgs): Promise<void> => {
    const user = (event as { user?: Record<string, unknown> }).user;
    const id = isRecord(user) ? userId(user.id) : undefined;
    if (!user || !id) {
      await deps.store.deadLetters.keep({
        workspaceId: teamIdOf(body, context),
        source: 'slack_event',
        kind: 'user_change',
        rawPayload: payloadText(body, rawBodyOf(context)).text,
        reason: 'user_change without a user object with a valid id',
      });
      return;
    }
    const teamId = teamIdOf(body, context);
    await deps.store.workspaces.ensure(teamId);
    await deps.directory.rememberMember(teamId, id, user);
  };
}
