// Looks up names typed without Slack's autocomplete (`#general`, `@ana`) among the channels and
// members the store knows, so a query reads the same however it was typed.
import { channelsByName, membersNamed } from '../queries/names';
import type { Store } from '../store/store';
import type { BrowseFilter } from './browse-filter';
import type { QueryProblem, UnresolvedNames } from './parse-query';

export type Resolution = { ok: true; filter: BrowseFilter } | { ok: false; problems: QueryProblem[] };

export async function resolveNames(store: Store, workspaceId: string, filter: BrowseFilter, names: UnresolvedNames): Promise<Resolution> {
  if (names.channelNames.length === 0 && !names.memberName) return { ok: true, filter };
  const problems: QueryProblem[] = [];
  const resolved: BrowseFilter = { ...filter, channels: [...filter.channels] };

  const channelNamed = names.channelNames.length > 0 ? await channelsByName(store, workspaceId) : () => undefined;
  for (const name of names.channelNames) {
    const match = channelNamed(name);
    if (!match) problems.push({ token: `#${name}`, message: `I don't know a channel called #${name}; pick it from Slack's suggestions as you type (I only see channels I've been invited to)` });
    else if (!resolved.channels.some((c) => c.id === match.slackChannelId)) resolved.channels.push({ id: match.slackChannelId, label: match.name ?? name });
  }

  if (names.memberName) {
    const name = names.memberName;
    const candidates = await membersNamed(store, workspaceId, name);
    if (candidates.length === 1) {
      const m = candidates[0]!;
      resolved.member = { slackUserId: m.slackUserId, label: m.label };
    } else {
      problems.push({
        token: `@${name}`,
        message: candidates.length === 0 ? `I don't know a member called @${name}; pick them from Slack's suggestions as you type` : `@${name} could be several members; pick one from Slack's suggestions as you type`,
      });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, filter: resolved };
}
