// An activity as the API shows it (snake_case, ISO times).
import type { ActivityView, MemberSummary } from '../../activities/read-model';
import type { ActivityResponse } from '../schemas/activity';

function member(m: MemberSummary | null) {
  return m ? { id: m.id, slack_user_id: m.slackUserId, name: m.name } : null;
}

export function presentActivity(a: ActivityView): ActivityResponse {
  return {
    id: a.id,
    workspace_id: a.workspaceId,
    type: a.type,
    version: a.version,
    stored_version: a.storedVersion,
    occurred_at: a.occurredAt.toISOString(),
    received_at: a.receivedAt.toISOString(),
    initiator: member(a.initiator),
    recipient: member(a.recipient),
    channel_id: a.channelId,
    metadata: a.metadata,
    source: a.source,
  };
}
