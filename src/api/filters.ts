// From the filters of a request (list, export, CLI export) to the store's ActivityFilter, in
// the vocabulary /activity speaks: type aliases and families, relative times (read by the
// schema), channels by id or name, members by id or @name. Every problem comes out at once.
import type { ActivityRegistry } from '../activities/registry';
import { AppError, ErrorCode, type Issue } from '../errors';
import { bareChannelName, channelsByName, isSlackChannelId, membersNamed } from '../queries/names';
import { typesForWord } from '../queries/type-words';
import { slackMemberId } from '../store/ids';
import type { ActivityFilter } from '../activities/read-model';
import type { Store } from '../store/store';
import { activityFilterFields } from './schemas/activity';
import type { ExtraCheck } from './validate';

/** A member filter may name a Slack user (U…/W…) or one of our member ids. */
export function memberIdFor(workspaceId: string, member: string): string {
  return /^[UW][A-Z0-9]+$/.test(member) ? slackMemberId(workspaceId, member) : member;
}

export interface FilterQuery {
  type?: string[] | undefined;
  member?: string | undefined;
  channel?: string[] | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
  q?: string | undefined;
}

/** One issue per type word that names no type, family or alias. */
export function unknownTypeIssues(words: readonly string[], registry: ActivityRegistry, path = 'query.type'): Issue[] {
  return words.filter((w) => !typesForWord(w, registry)).map((w) => ({ path, message: `"${w}" is not a registered activity type` }));
}

/**
 * The registry's check of a raw query's `type` filter, for `mount`'s checkQuery: reported with
 * the query schema's own problems, in one 400. A `type` the schema refuses is left to it.
 */
export function checkTypeFilter(registry: ActivityRegistry): ExtraCheck {
  return (raw) => {
    const parsed = activityFilterFields.type.safeParse((raw as { type?: unknown } | undefined)?.type);
    return parsed.success && parsed.data ? unknownTypeIssues(parsed.data, registry) : [];
  };
}

/** The store filter for a workspace; a word that names nothing there is a 400 naming it. */
export async function activityFilterFrom(store: Store, workspaceId: string, query: FilterQuery, registry: ActivityRegistry): Promise<ActivityFilter> {
  const issues: Issue[] = unknownTypeIssues(query.type ?? [], registry);
  const types = [...new Set((query.type ?? []).flatMap((w) => typesForWord(w, registry) ?? []))];

  const channelIds: string[] = [];
  const words = query.channel ?? [];
  const channelNamed = words.some((w) => !isSlackChannelId(w)) ? await channelsByName(store, workspaceId) : () => undefined;
  for (const word of words) {
    if (isSlackChannelId(word)) channelIds.push(word);
    else {
      const channel = channelNamed(word);
      if (channel) channelIds.push(channel.slackChannelId);
      else issues.push({ path: 'query.channel', message: `no channel named #${bareChannelName(word)} in this workspace (the app knows the channels its bot has seen)` });
    }
  }

  let memberId: string | undefined;
  if (query.member?.startsWith('@') && query.member.slice(1).trim() === '') {
    issues.push({ path: 'query.member', message: 'expected a name after @ (or a Slack user id)' });
  } else if (query.member?.startsWith('@')) {
    const candidates = await membersNamed(store, workspaceId, query.member);
    if (candidates.length === 1) memberId = candidates[0]!.id;
    else {
      issues.push({
        path: 'query.member',
        message:
          candidates.length === 0
            ? `no member named ${query.member} in this workspace`
            : `${query.member} could be ${candidates.length} members (${candidates.map((c) => `${c.label} ${c.slackUserId}`).join(', ')}): give a Slack user id`,
      });
    }
  } else if (query.member) memberId = memberIdFor(workspaceId, query.member);

  if (issues.length > 0) throw new AppError(ErrorCode.InvalidRequest, `invalid query: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
  return {
    workspaceId,
    ...(types.length ? { types } : {}),
    ...(memberId ? { memberId } : {}),
    ...(channelIds.length ? { channelIds: [...new Set(channelIds)] } : {}),
    ...(query.since ? { since: query.since } : {}),
    ...(query.until ? { until: query.until } : {}),
    ...(query.q ? { q: query.q } : {}),
  };
}
