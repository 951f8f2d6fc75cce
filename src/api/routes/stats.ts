// GET /api/v1/stats: counts by type and by day, top members and top channels, over a range.
import { Router } from 'express';
import { EARLIEST_INSTANT_MS, LATEST_INSTANT_MS } from '../../storable';
import { activityStats } from '../../queries/stats';
import type { Store } from '../../store/store';
import { defineOperation, mount } from '../operation';
import { DEFAULT_STATS_DAYS, statsQuery, statsResponse, type StatsResponse } from '../schemas/stats';

const DAY_MS = 24 * 60 * 60 * 1000;

export const getStats = defineOperation({
  operationId: 'getStats',
  method: 'get',
  path: '/stats',
  tag: 'Activities',
  summary: 'Activity statistics over a time range',
  description: `Default range: the ${DEFAULT_STATS_DAYS} days up to now. Days are UTC.`,
  auth: ['activities:read'],
  query: statsQuery,
  responses: { 200: { description: 'Counts, top members and top channels', schema: statsResponse } },
});

/**
 * The range asked for, with defaults: until now, since DEFAULT_STATS_DAYS before until. A
 * default never leaves the years the store holds (since=9999-12-30 does not look past 9999).
 */
export function statsRange(query: { since?: Date | undefined; until?: Date | undefined }, now: Date = new Date()): { since: Date; until: Date } {
  const until = query.until ?? (query.since && query.since >= now ? new Date(Math.min(LATEST_INSTANT_MS, query.since.getTime() + DEFAULT_STATS_DAYS * DAY_MS)) : now);
  const since = query.since ?? new Date(Math.max(EARLIEST_INSTANT_MS, until.getTime() - DEFAULT_STATS_DAYS * DAY_MS));
  return { since, until };
}

export function statsRouter(deps: { store: Store }): Router {
  const router = Router();

  mount(router, getStats, async ({ query, principal }) => {
    const stats = await activityStats(deps.store, { workspaceId: principal.workspaceId, ...statsRange(query) }, { top: query.top });
    const days = new Map<string, { day: string; count: number; by_type: Record<string, number> }>();
    for (const { day, type, count } of stats.perDay) {
      const entry = days.get(day) ?? { day, count: 0, by_type: {} };
      entry.count += count;
      entry.by_type[type] = count;
      days.set(day, entry);
    }
    const body: StatsResponse = {
      since: stats.since.toISOString(),
      until: stats.until.toISOString(),
      total: stats.total,
      by_type: stats.byType,
      by_day: [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1)),
      top_members: stats.topMembers.map(({ memberId, slackUserId, name, count }) => ({ member: { id: memberId, slack_user_id: slackUserId, name }, count })),
      top_channels: stats.topChannels.map(({ channelId, name, count }) => ({ channel_id: channelId, name, count })),
    };
    return { status: 200, body };
  });

  return router;
}
