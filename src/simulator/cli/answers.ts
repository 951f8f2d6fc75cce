// What the app sends back to Slack after an event, shown as a member would see it: the
// ephemeral answer to a slash command (POSTed to its response_url) and the Home tab it
// publishes (views.publish). Both come asynchronously, after the app acknowledged.
import type { SlackSimulator } from '../web-api-server';
import { blocksToLines, type UserNames } from './block-text';

/** A Home tab is long; the first screenful says whether it worked. */
const MAX_HOME_LINES = 40;

export type Print = (line: string) => void;

function indent(lines: string[]): string[] {
  return lines.map((line) => `    ${line}`);
}

/** Names for <@U…> mentions: the display name Slack would show. */
export function namesFrom(sim: SlackSimulator): UserNames {
  return (id) => {
    const user = sim.state.user(id);
    return user ? user.profile.display_name || user.real_name || user.name : undefined;
  };
}

/** Prints the first answer the app POSTs to `responseUrl`; false when none came in time. */
export async function printCommandAnswer(sim: SlackSimulator, responseUrl: string, timeoutMs: number, print: Print): Promise<boolean> {
  const post = await sim.waitForResponse(responseUrl, undefined, timeoutMs).catch(() => undefined);
  if (!post) {
    print(`  ✗ no answer on the response_url within ${timeoutMs / 1000} s (the app's log says why)`);
    return false;
  }
  const body = (post.body ?? {}) as { text?: string; blocks?: unknown; response_type?: string };
  const visibility = body.response_type === 'in_channel' ? 'in the channel' : 'ephemeral: only they see it';
  print(`  the app answered (${visibility}):`);
  for (const line of indent(blocksToLines(body.blocks, namesFrom(sim), body.text))) print(line);
  return true;
}

/** Prints the Home view the app publishes for `userId` after `since`; false when none came in time. */
export async function printPublishedHome(sim: SlackSimulator, teamId: string, userId: string, since: Date, timeoutMs: number, print: Print): Promise<boolean> {
  const call = await sim
    .waitForCall('views.publish', (c) => c.at >= since && c.params.user_id === userId, timeoutMs)
    .catch(() => undefined);
  if (!call) {
    print(`  ✗ the app published no Home tab within ${timeoutMs / 1000} s (the app's log says why)`);
    return false;
  }
  const view = call.response?.ok === true ? sim.state.publishedView(userId, teamId) : undefined;
  if (!view) {
    print(`  ✗ views.publish failed: ${String(call.response?.error ?? 'unknown error')}`);
    return false;
  }
  const lines = blocksToLines(view.blocks, namesFrom(sim));
  print(`  the app published their Home tab (${view.blocks.length} blocks):`);
  for (const line of indent(lines.slice(0, MAX_HOME_LINES))) print(line);
  if (lines.length > MAX_HOME_LINES) print(`    … ${lines.length - MAX_HOME_LINES} more lines`);
  return true;
}
