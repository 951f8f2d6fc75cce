// GET /api/v1/activities and GET /api/v1/activities/:id.
import { Router } from 'express';
import type { ActivityRegistry } from '../../activities/registry';
import { AppError, ErrorCode } from '../../errors';
import { slackMemberId } from '../../store/ids';
import type { ActivityFilter } from '../../store/repositories/activity-repository';
import type { Store } from '../../store/store';
import { principalOf, requireScope } from '../auth';
import { presentActivity } from '../presenters/activity';
import { listActivitiesQuery } from '../schemas/activity';
import { parseOr400 } from '../validate';

/** A member filter may name a Slack user (U…/W…) or one of our member ids. */
export function memberIdFor(workspaceId: string, member: string): string {
  return /^[UW][A-Z0-9]+$/.test(member) ? slackMemberId(workspaceId, member) : member;
}

export function activitiesRouter(deps: { store: Store; registry: ActivityRegistry }): Router {
  const router = Router();

  router.get('/activities', requireScope('activities:read'), async (req, res) => {
    const query = parseOr400(listActivitiesQuery, req.query, 'query');
    const { workspaceId } = principalOf(res);
    const unknown = (query.type ?? []).filter((t) => !deps.registry.has(t));
    if (unknown.length > 0) {
      throw new AppError(ErrorCode.InvalidRequest, `unknown activity type: ${unknown.join(', ')}`, {
        issues: unknown.map((t) => ({ path: 'query.type', message: `"${t}" is not a registered activity type` })),
      });
    }
    const filter: ActivityFilter = {
      workspaceId,
      ...(query.type?.length ? { types: query.type } : {}),
      ...(query.member ? { memberId: memberIdFor(workspaceId, query.member) } : {}),
      ...(query.channel ? { channelIds: [query.channel] } : {}),
      ...(query.since ? { since: query.since } : {}),
      ...(query.until ? { until: query.until } : {}),
      ...(query.q ? { q: query.q } : {}),
    };
    const page = await deps.store.activities.list(filter, { limit: query.limit, cursor: query.cursor ?? null });
    res.json({ activities: page.items.map(presentActivity), next_cursor: page.nextCursor });
  });

  router.get('/activities/:id', requireScope('activities:read'), async (req, res) => {
    const { workspaceId } = principalOf(res);
    const id = String(req.params.id);
    const activity = await deps.store.activities.get(workspaceId, id);
    if (!activity) throw new AppError(ErrorCode.NotFound, `no activity ${id} in this workspace`);
    res.json(presentActivity(activity));
  });

  return router;
}
