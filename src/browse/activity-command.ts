// The /activity use case: from what a member typed to the message they see. Help, a query's
// problems, statistics, or the first page of activity, all within what they may see. The
// listener (src/slack/listeners/commands/activity-command.ts) only acknowledges and answers.
import type { ActivityRegistry } from '../activities/registry';
import type { Store } from '../store/store';
import { helpMessage, queryProblemMessage } from '../ui/blocks/help-message';
import type { MessagePayload } from '../ui/blocks/kit';
import { statsMessage } from '../ui/blocks/stats-message';
import { renderActivityPage } from './activity-page';
import { parseQuery } from './parse-query';
import { resolveNames } from './resolve-names';
import type { BrowseClient, BrowseServices } from './services';
import { statsForViewer } from './stats';

export interface ActivityCommandInput {
  workspaceId: string;
  userId: string;
  text: string;
}

/** The answer to `/activity <text>` for `userId`, and what kind of answer it was (for the log). */
export async function answerActivityCommand(
  deps: { store: Store; registry: ActivityRegistry; services: BrowseServices; client: BrowseClient },
  input: ActivityCommandInput,
): Promise<{ kind: 'help' | 'invalid' | 'stats' | 'list'; message: MessagePayload }> {
  const { store, registry, services, client } = deps;
  const viewer = await services.viewer(client, input.workspaceId, input.userId);
  const now = services.now();
  const parsed = parseQuery(input.text, { registry, viewerId: input.userId, now, timeZone: viewer.timeZone });
  if (parsed.kind === 'help') return { kind: 'help', message: helpMessage() };
  if (parsed.kind === 'invalid') return { kind: 'invalid', message: queryProblemMessage(input.text, parsed.problems) };
  const resolution = await resolveNames(store, input.workspaceId, parsed.filter, parsed.unresolved);
  if (!resolution.ok) return { kind: 'invalid', message: queryProblemMessage(input.text, resolution.problems) };
  if (parsed.kind === 'stats') {
    const stats = await statsForViewer({ store, scope: viewer.scope, filter: resolution.filter, timeZone: viewer.timeZone, now });
    return { kind: 'stats', message: statsMessage(stats) };
  }
  return { kind: 'list', message: await renderActivityPage({ store, services, client }, viewer, { filter: resolution.filter, page: 1 }) };
}
