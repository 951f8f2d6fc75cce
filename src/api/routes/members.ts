// GET /api/v1/members and GET /api/v1/members/:id (with counts and recent activity).
import { Router } from 'express';
import { AppError, ErrorCode } from '../../errors';
import { findMembers, memberProfile } from '../../queries/members';
import type { Store } from '../../store/store';
import { memberIdFor } from '../filters';
import { defineOperation, mount } from '../operation';
import { presentActivity } from '../presenters/activity';
import { presentMember } from '../presenters/member';
import { errorResponse } from '../schemas/error';
import { listMembersQuery, listMembersResponse, memberDetailQuery, memberDetailResponse, memberParams } from '../schemas/members';

export const listMembers = defineOperation({
  operationId: 'listMembers',
  method: 'get',
  path: '/members',
  tag: 'Members',
  summary: 'List members',
  description: 'Slack members and people known from ingested activities, by id, cursor-paged.',
  auth: ['members:read'],
  query: listMembersQuery,
  responses: { 200: { description: 'A page of members', schema: listMembersResponse } },
});

export const getMember = defineOperation({
  operationId: 'getMember',
  method: 'get',
  path: '/members/{id}',
  tag: 'Members',
  summary: 'Get one member, with activity counts and recent activity',
  description: '`recent_activities` is included when the key also holds the activities:read scope.',
  auth: ['members:read'],
  params: memberParams,
  query: memberDetailQuery,
  responses: {
    200: { description: 'The member', schema: memberDetailResponse },
    404: { description: 'No such member in this workspace', schema: errorResponse },
  },
});

export function membersRouter(deps: { store: Store }): Router {
  const router = Router();

  mount(router, listMembers, async ({ query, principal }) => {
    const page = await findMembers(deps.store, principal.workspaceId, { limit: query.limit, q: query.q, cursor: query.cursor });
    return { status: 200, body: { members: page.items.map(presentMember), next_cursor: page.nextCursor } };
  });

  mount(router, getMember, async ({ params, query, principal }) => {
    const { workspaceId } = principal;
    const showActivity = principal.scopes.includes('activities:read') && query.recent > 0;
    const profile = await memberProfile(deps.store, workspaceId, memberIdFor(workspaceId, params.id), { recent: showActivity ? query.recent : 0 });
    if (!profile) throw new AppError(ErrorCode.NotFound, `no member ${params.id} in this workspace`);
    return {
      status: 200,
      body: {
        ...presentMember(profile.member),
        counts: { initiated: profile.initiated, received: profile.received, by_type: profile.byType },
        ...(profile.recent ? { recent_activities: profile.recent.map(presentActivity) } : {}),
      },
    };
  });

  return router;
}
