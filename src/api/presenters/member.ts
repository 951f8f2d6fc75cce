// A member as the API shows it (snake_case, ISO times).
import { memberName } from '../../activities/read-model';
import type { MemberRow } from '../../store/repositories/member-repository';
import type { MemberResponse } from '../schemas/members';

export { memberName } from '../../activities/read-model';

export function presentMember(m: MemberRow): MemberResponse {
  return {
    id: m.id,
    workspace_id: m.workspaceId,
    slack_user_id: m.slackUserId,
    email: m.email,
    external_id: m.externalId,
    name: memberName(m),
    display_name: m.displayName,
    real_name: m.realName,
    avatar_url: m.avatarUrl,
    timezone: m.timezone,
    is_bot: m.isBot,
    is_deleted: m.isDeleted,
    first_seen_at: m.firstSeenAt.toISOString(),
    last_active_at: m.lastActiveAt?.toISOString() ?? null,
  };
}
