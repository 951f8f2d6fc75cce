// /activity [filters] | stats [filters] | help — acknowledged at once, answered through
// response_url (respond) once the query ran, as an ephemeral message. The answer itself is the
// browsing use case's (src/browse/activity-command.ts).
import type { AllMiddlewareArgs, RespondArguments, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { answerActivityCommand } from '../../../browse/activity-command';
import { browseServicesFor } from '../../../browse/services';
import { failureMessage } from '../../../ui/blocks/help-message';
import type { MessagePayload } from '../../../ui/blocks/kit';
import { messageProblems } from '../../../ui/validate-blocks';
import type { ListenerDeps } from '../deps';
import { afterAck } from './after-ack';

export const ACTIVITY_COMMAND = '/activity';

/** An ephemeral answer; a message that breaks a Block Kit limit is logged (the builders should make that impossible). */
export function ephemeral(deps: ListenerDeps, message: MessagePayload, extra: { replace_original?: boolean } = {}): RespondArguments {
  const problems = messageProblems(message);
  if (problems.length > 0) deps.logger.error({ problems }, 'an /activity message breaks Block Kit limits');
  return { response_type: 'ephemeral', text: message.text, blocks: message.blocks, ...extra };
}

export function activityCommandCallback(deps: ListenerDeps) {
  return async ({ ack, command, respond, client, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const workspaceId = context.teamId ?? command.team_id;
    const userId = command.user_id;
    const text = command.text ?? '';
    afterAck(
      deps.logger,
      '/activity',
      async () => {
        const started = Date.now();
        const services = browseServicesFor(deps);
        const answer = await answerActivityCommand({ store: deps.store, registry: deps.registry, services, client }, { workspaceId, userId, text });
        await respond(ephemeral(deps, answer.message));
        deps.logger.debug({ workspaceId, kind: answer.kind, ms: Date.now() - started }, '/activity answered');
      },
      () => respond(ephemeral(deps, failureMessage('look that up'))).then(() => undefined),
    );
  };
}
