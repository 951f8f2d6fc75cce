// /activity [filters] | stats [filters] | help — acknowledged at once, answered through
// response_url (respond) once the query ran, as an ephemeral message.
import type { AllMiddlewareArgs, RespondArguments, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseQuery } from '../../../browse/parse-query';
import { resolveNames } from '../../../browse/resolve-names';
import { browseServicesFor } from '../../../browse/services';
import { statsForViewer } from '../../../browse/stats';
import { failureMessage, helpMessage, queryProblemMessage } from '../../../ui/blocks/help-message';
import type { MessagePayload } from '../../../ui/blocks/kit';
import { statsMessage } from '../../../ui/blocks/stats-message';
import { messageProblems } from '../../../ui/validate-blocks';
import type { ListenerDeps } from '../deps';
import { renderActivityPage } from './activity-page';
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
        const services = browseServicesFor(deps);
        const viewer = await services.viewer(client, workspaceId, userId);
        const now = services.now();
        const parsed = parseQuery(text, { registry: deps.registry, viewerId: userId, now, timeZone: viewer.timeZone });
        if (parsed.kind === 'help') {
          await respond(ephemeral(deps, helpMessage()));
          return;
        }
        if (parsed.kind === 'invalid') {
          await respond(ephemeral(deps, queryProblemMessage(text, parsed.problems)));
          return;
        }
        const resolution = await resolveNames(deps.store, workspaceId, parsed.filter, parsed.unresolved);
        if (!resolution.ok) {
          await respond(ephemeral(deps, queryProblemMessage(text, resolution.problems)));
          return;
        }
        const started = Date.now();
        if (parsed.kind === 'stats') {
          const stats = await statsForViewer({ store: deps.store, scope: viewer.scope, filter: resolution.filter, timeZone: viewer.timeZone, now });
          await respond(ephemeral(deps, statsMessage(stats)));
        } else {
          const message = await renderActivityPage({ store: deps.store, services, client }, viewer, { filter: resolution.filter, page: 1 });
          await respond(ephemeral(deps, message));
        }
        deps.logger.debug({ workspaceId, kind: parsed.kind, ms: Date.now() - started }, '/activity answered');
      },
      () => respond(ephemeral(deps, failureMessage('look that up'))).then(() => undefined),
    );
  };
}
